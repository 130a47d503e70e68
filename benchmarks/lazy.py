"""Lazy loading measured: install(load="interaction"|"idle") beside load="eager", per runtime.

    .venv/bin/python -m benchmarks.lazy                              # 3 runtimes, 3 loads each
    .venv/bin/python -m benchmarks.lazy --runtime micropython --loads 1 --weight 400

Each load is a fresh browser context (empty cache) on the test page `tests/pages/lazy.py`,
with the mock SDK made as heavy as a real widget (`weight=<KB>`: that many KB more over the
network and 0.6 ms of main-thread time per KB, in long tasks). Per mode it measures:

- before the first interaction (once the page's Python has run, the eager SDK is ready and
  the network is idle): requests, bytes (bodies as served, uncompressed), and the main
  thread's long tasks (PerformanceObserver "longtask": count and total ms, and the ms of those
  that started after the page's Python ran install(), which leaves out the runtime's own boot:
  the chat's share);
- a click on the launcher (the placeholder while the SDK is not loaded, the SDK's own
  launcher once it is) until the chat window is open (`visibility_changed` with isOpen),
  from the click's event timestamp, in ms.

Medians of `--loads` runs; results to benchmarks/lazy-results.json (`--out`). Numbers are
shown beside the eager baseline of the same run, never asserted.
"""

import argparse
import datetime
import json
import platform
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.run import Server, launch_args, new_context  # noqa: E402

RUNTIMES = ("micropython", "brython", "pyodide")
MODES = ("eager", "idle", "interaction")
DEFAULT_OUT = HERE / "lazy-results.json"

# Before any page script: collect long tasks and the moment the chat window opens.
INIT = """
window.__lt = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.__lt.push([e.startTime, e.duration]); });
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}
(function () {
  var done;
  Object.defineProperty(window, '__twt_done__', {configurable: true,
    get: function () { return done; },
    set: function (v) { done = v; if (window.__done_at === undefined) window.__done_at = performance.now(); }});
})();
document.addEventListener('click', function (e) {
  if (window.__click_at === undefined) window.__click_at = e.timeStamp;
}, true);
"""

WATCH_OPEN = """() => {
  window.TWTChatWidget.on('visibility_changed', function (d) {
    if (d && d.isOpen && window.__open_at === undefined) window.__open_at = performance.now();
  });
}"""


def one_load(browser, base_url: str, runtime: str, mode: str, weight: int) -> "dict[str, object]":
    ctx, guard = new_context(browser, base_url)
    try:
        page = ctx.new_page()
        page.add_init_script(INIT)
        finished: list = []
        page.on("requestfinished", lambda req: finished.append(req))
        head = "eager" if mode == "eager" else ("idle" if mode == "idle" else "interaction")
        query = "head=%s&load=%s&delay=50&weight=%d" % (head, mode, weight)
        page.goto("/_t/%s/lazy?%s" % (runtime, query))
        page.wait_for_function("window.__twt_done__ === true", timeout=120_000)
        page.evaluate(WATCH_OPEN)
        if mode != "interaction":
            page.wait_for_function(
                "window.__twt_mock__ && window.__twt_mock__.state().ready", timeout=60_000
            )
        page.wait_for_load_state("networkidle")
        before = {
            "requests": len(finished),
            "bytes": sum(len(_body(r)) for r in finished),
            "sdk_requests": len([r for r in finished if "twt-mock-sdk.js" in r.url]),
        }
        tasks = page.evaluate("window.__lt.slice()")
        done_at = page.evaluate("window.__done_at")
        before["long_tasks"] = len(tasks)
        before["long_task_ms"] = round(sum(d for _, d in tasks), 1)
        # after the page's Python has run install(): the chat's share, without the runtime's boot
        before["long_task_ms_after_install"] = round(sum(d for t, d in tasks if t >= done_at), 1)
        # The launcher the visitor sees: the placeholder, or the SDK's own once it is loaded.
        loaded = page.evaluate("!!(window.__twt_mock__ && window.__twt_mock__.state().ready)")
        target = page.get_by_test_id("twt-launcher" if loaded else "twt-placeholder")
        target.click()
        page.wait_for_function("window.__open_at !== undefined", timeout=60_000)
        click_ms = page.evaluate("window.__open_at - window.__click_at")
        return {"before": before, "click_to_open_ms": round(click_ms, 1), "problems": guard.problems()}
    finally:
        ctx.close()


def _body(req) -> bytes:  # type: ignore[no-untyped-def]
    resp = req.response()
    try:
        return resp.body() if resp is not None else b""
    except Exception:
        return b""


def median(values: "list[float]") -> float:
    return float(statistics.median(values))


def run(runtimes: "list[str]", loads: int, weight: int) -> "dict[str, object]":
    from playwright.sync_api import sync_playwright

    results: "dict[str, object]" = {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": "%s, %s, Python %s" % (platform.machine(), platform.system(), platform.python_version()),
        "weight_kb": weight,
        "loads": loads,
        "runtimes": {},
    }
    with Server() as server, sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        try:
            for runtime in runtimes:
                per_mode = {}
                for mode in MODES:
                    runs = [one_load(browser, server.url, runtime, mode, weight) for _ in range(loads)]
                    problems = [x for r in runs for x in r["problems"]]
                    per_mode[mode] = {
                        "requests": median([r["before"]["requests"] for r in runs]),
                        "sdk_requests": median([r["before"]["sdk_requests"] for r in runs]),
                        "kb": round(median([r["before"]["bytes"] for r in runs]) / 1024, 1),
                        "long_tasks": median([r["before"]["long_tasks"] for r in runs]),
                        "long_task_ms": median([r["before"]["long_task_ms"] for r in runs]),
                        "long_task_ms_after_install": median(
                            [r["before"]["long_task_ms_after_install"] for r in runs]
                        ),
                        "click_to_open_ms": median([r["click_to_open_ms"] for r in runs]),
                        "problems": problems,
                    }
                results["runtimes"][runtime] = per_mode  # type: ignore[index]
                print(table(runtime, per_mode), flush=True)
        finally:
            browser.close()
    return results


def table(runtime: str, per_mode: "dict[str, dict[str, object]]") -> str:
    rows = ["", "%s (median)" % runtime,
            "  %-12s %9s %9s %10s %12s %18s %15s" % (
                "mode", "requests", "KB", "long tasks", "long task ms", "ms after install()",
                "click->open ms")]
    for mode, r in per_mode.items():
        rows.append("  %-12s %9s %9s %10s %12s %18s %15s" % (
            mode, r["requests"], r["kb"], r["long_tasks"], r["long_task_ms"],
            r["long_task_ms_after_install"], r["click_to_open_ms"]))
        for problem in r["problems"]:  # type: ignore[attr-defined]
            rows.append("    problem: %s" % problem)
    return "\n".join(rows)


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime", default=",".join(RUNTIMES))
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--weight", type=int, default=400, help="the mock SDK's weight in KB")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    runtimes = [r.strip() for r in args.runtime.split(",") if r.strip()]
    bad = [r for r in runtimes if r not in RUNTIMES]
    if bad:
        parser.error("unknown runtime %s: choose from %s" % (bad, ", ".join(RUNTIMES)))
    results = run(runtimes, args.loads, args.weight)
    args.out.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    print("\nwritten to %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
