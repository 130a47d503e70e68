"""Worker-mode rows: twt-py in a PyScript worker beside the same Python on the main thread.

    .venv/bin/python -m benchmarks.workers                       # both PyScript runtimes
    .venv/bin/python -m benchmarks.workers --runtime micropython --quick

Per PyScript runtime (Brython has no worker mode), in one run, on cross-origin isolated pages
(`?coi=1`: a worker reaches the page's window only then) with the mock SDK:

1. start-up: cold loads until `Chat` is usable (`pages/startup_worker.py`) vs the same on the
   main thread (`pages/startup.py`), each beside a bare page of its own kind (no twt_py, one
   line setting the marker), alternating; medians of `--loads` loads. Also what a worker
   saves: the main thread's long tasks (Long Tasks API, > 50 ms each) until then, summed, and
   the longest, i.e. how long the page could not answer a click;
2. commands: `Chat.open(); Chat.close()` n times against a do-nothing stub SDK, in the worker
   and on the main thread (`pages/worker_bench.py`, the same source), beside the same loop
   through the runtime's raw FFI (in the worker: PyScript's bridge);
3. events: blocks of n `__twt__custom_event`s dispatched on the page into a `Chat.on_unread`
   callback, timed from the first dispatch until the last event has reached the callback (the
   callback sets a page property), in the worker and on the main thread, beside a raw Python
   window listener in the same place.

It reuses `benchmarks/server.py`'s server, browser settings and guard (through run.py), prints a
table and writes `benchmarks/workers.json` (`--out` elsewhere). Figures are shown, never
asserted.
"""

import argparse
import datetime
import html
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import server as pages  # noqa: E402
from benchmarks import run as harness  # noqa: E402

RUNTIMES = ("micropython", "pyodide")
DEFAULT_OUT = HERE / "workers.json"

_EVENTS = """async ([n, base]) => {
  let resolve;
  const done = new Promise((r) => { resolve = r; });
  Object.defineProperty(window, '__bench_done', {
    configurable: true, get() { return null; }, set(v) { if (v != null) resolve(v); },
  });
  await window.__bench_w('arm', n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    dispatchEvent(new CustomEvent('__twt__custom_event', {detail: {unread: base + i}}));
  }
  const last = await done;
  return last - t0;
}"""


# Sums the main thread's long tasks (> 50 ms, the Long Tasks API) from the start of the page:
# how long the page could not answer the visitor while Python started.
LONG_TASKS = (
    "<script>window.__bench_long = 0; window.__bench_long_max = 0;"
    " new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) {"
    " window.__bench_long += e.duration;"
    " window.__bench_long_max = Math.max(window.__bench_long_max, e.duration); }); })"
    ".observe({type: 'longtask', buffered: true});</script>\n"
)


def build_page(runtime: str, name: str) -> str:
    """`bench` (pages/worker_bench.py, in a worker) or `bench-main` (on the main thread);
    `startup`/`bare` in a worker, `startup-main`/`bare-main` on the main thread."""
    if runtime not in RUNTIMES:
        raise KeyError(runtime)
    sources = {
        "bench": "worker_bench.py",
        "bench-main": "worker_bench.py",
        "startup": "startup_worker.py",
        "bare": "bare_worker.py",
    }
    if name in ("startup-main", "bare-main"):
        source = pages.startup_source(runtime, bare=(name == "bare-main"))
    else:
        source = (harness.PAGES / sources[name]).read_text("utf-8")
    page = pages.render(
        runtime,
        source,
        title="bench %s on %s" % (name, runtime),
        head=LONG_TASKS + harness.HEAD,
        body="<h1>twt-py worker benchmark: %s</h1>" % html.escape(name),
        worker=not name.endswith("-main"),
    )
    if name == "bare-main":
        page = pages.strip_twt(runtime, page)
    if name == "bare":  # the same worker without twt_py's files
        page = pages.strip_worker_files(runtime, page)
    return page


def create_app():  # type: ignore[no-untyped-def]
    """server.py's benchmark app plus `/_bench_worker/<runtime>/<name>`."""
    from starlette.exceptions import HTTPException
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    app = harness.create_bench_app()

    async def page(request):  # type: ignore[no-untyped-def]
        try:
            body = build_page(request.path_params["runtime"], request.path_params["name"])
        except KeyError:
            raise HTTPException(404) from None
        return HTMLResponse(body, headers={"Cache-Control": "no-store"})

    app.router.routes.insert(0, Route("/_bench_worker/{runtime}/{name}", page))
    return app


def _rate(ms: float, count: int) -> float:
    return count / max(ms, 1e-3) * 1000.0


def in_page(browser, base_url: str, runtime: str, where: str, cfg: "dict[str, int]") -> "dict[str, object]":  # type: ignore[no-untyped-def]
    """Commands and events in one page, `where` = "worker" or "main"."""
    ctx, guard = harness.new_context(browser, base_url)
    try:
        page = ctx.new_page()
        name = "bench" if where == "worker" else "bench-main"
        page.goto("/_bench_worker/%s/%s?coi=1" % (runtime, name))
        page.wait_for_function(
            "window.__bench_where !== undefined", timeout=cfg["timeout_ms"], polling=20
        )
        assert page.evaluate("crossOriginIsolated") is True
        assert page.evaluate("window.__bench_where") == where
        call = "([a, n]) => window.__bench_w(a, n)"
        import_ms = float(page.evaluate(call, ["import", 0]))
        page.wait_for_function("window.__twt_mock__ && window.__twt_mock__.state().ready")
        n, reps = cfg["n"], cfg["reps"]

        # Commands against the do-nothing stub (only the wrapper's and the bridge's cost).
        page.evaluate(harness.STUB_SDK)
        cmds: "dict[str, list[float]]" = {"twt": [], "raw": []}
        for rep in range(reps + 1):
            for variant in ("raw", "twt"):
                ms = float(page.evaluate(call, ["cmd_" + variant, n]))
                if rep:  # the first round is a warm-up
                    cmds[variant].append(_rate(ms, 2 * n))
        page.evaluate(harness.MOCK_SDK)

        # Events: twt-py's on_unread vs a raw window listener (twt-py unbound meanwhile).
        events: "dict[str, list[float]]" = {"twt": [], "raw": []}
        base = 1000
        for rep in range(reps + 1):
            for variant in ("raw", "twt"):
                if variant == "twt":
                    page.evaluate(call, ["subscribe", 0])
                else:
                    page.evaluate(call, ["dispose", 0])
                    page.evaluate(call, ["listen_raw", 0])
                ms = float(page.evaluate(_EVENTS, [n, base]))
                base += n + 1
                if variant == "raw":
                    page.evaluate(call, ["unlisten_raw", 0])
                if rep:
                    events[variant].append(_rate(ms, n))
        return {
            "import_ms": import_ms,
            "commands_per_s": {k: harness.rate_summary(v) for k, v in cmds.items()},
            "events_per_s": {k: harness.rate_summary(v) for k, v in events.items()},
            "problems": guard.problems(),
        }
    finally:
        ctx.close()


def cold_load(browser, base_url: str, path: str, cfg: "dict[str, int]") -> "dict[str, object]":  # type: ignore[no-untyped-def]
    """One load in a new context: ms until the marker, and the main thread's long tasks."""
    ctx, guard = harness.new_context(browser, base_url)
    try:
        page = ctx.new_page()
        page.goto(path, wait_until="commit")
        page.wait_for_function(
            "window.__bench_ready !== undefined", timeout=cfg["timeout_ms"], polling=10
        )
        ready, long_ms, long_max = page.evaluate(
            "[window.__bench_ready, window.__bench_long, window.__bench_long_max]"
        )
        return {
            "ready_ms": float(ready),
            "long_ms": float(long_ms),
            "long_max_ms": float(long_max),
            "problems": guard.problems(),
        }
    finally:
        ctx.close()


def startup(browser, base_url: str, runtime: str, cfg: "dict[str, int]") -> "dict[str, object]":  # type: ignore[no-untyped-def]
    paths = {
        "worker": "/_bench_worker/%s/startup?coi=1" % runtime,
        "worker_bare": "/_bench_worker/%s/bare?coi=1" % runtime,
        "main": "/_bench_worker/%s/startup-main?coi=1" % runtime,
        "main_bare": "/_bench_worker/%s/bare-main?coi=1" % runtime,
    }
    order = list(paths)
    runs: "dict[str, dict[str, list[float]]]" = {
        k: {"ready_ms": [], "long_ms": [], "long_max_ms": []} for k in paths
    }
    problems: "list[str]" = []
    for i in range(cfg["loads"]):
        for key in order if i % 2 == 0 else order[::-1]:
            out = cold_load(browser, base_url, paths[key], cfg)
            for metric in runs[key]:
                runs[key][metric].append(float(out[metric]))  # type: ignore[arg-type]
            problems += out["problems"]  # type: ignore[arg-type]
    return {
        metric: {k: harness.summary(runs[k][metric]) for k in paths}
        for metric in ("ready_ms", "long_ms", "long_max_ms")
    } | {"problems": problems}


def _fmt_rate(value: float) -> str:
    return "%.0f/s" % value if value < 10_000 else "%.0fk/s" % (value / 1000)


def table(runtime: str, data: "dict[str, dict[str, object]]") -> str:
    main, worker, start = data["main"], data["worker"], data["startup"]["ready_ms"]  # type: ignore[index]
    long, long_max = data["startup"]["long_ms"], data["startup"]["long_max_ms"]  # type: ignore[index]
    med = lambda d, k: d[k]["median"]  # noqa: E731
    rate = lambda d, g, k: d[g][k]["per_s"]  # noqa: E731
    lines = [
        "%s: worker vs main thread (medians)" % runtime,
        "  %-34s %12s %12s" % ("", "main thread", "worker"),
        "  %-34s %11.0f ms %9.0f ms" % ("start-up: Chat usable", med(start, "main"), med(start, "worker")),
        "  %-34s %11.0f ms %9.0f ms" % ("start-up: bare page, same kind", med(start, "main_bare"), med(start, "worker_bare")),
        "  %-34s %11.0f ms %9.0f ms" % ("page blocked (long tasks) until then", med(long, "main"), med(long, "worker")),
        "  %-34s %11.0f ms %9.0f ms" % ("longest single block", med(long_max, "main"), med(long_max, "worker")),
        "  %-34s %11.1f ms %9.1f ms" % ("import twt_py + bind", main["import_ms"], worker["import_ms"]),  # type: ignore[index]
    ]
    for group, label in (("commands_per_s", "commands"), ("events_per_s", "events")):
        for variant, what in (("twt", "twt-py"), ("raw", "raw FFI")):
            lines.append(
                "  %-34s %12s %12s"
                % (
                    "%s, %s" % (label, what),
                    _fmt_rate(rate(main, group, variant)),
                    _fmt_rate(rate(worker, group, variant)),
                )
            )
    return "\n".join(lines)


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runtime", default=",".join(RUNTIMES), help="micropython,pyodide")
    parser.add_argument("--n", type=int, default=500, help="open/close pairs and events per rep")
    parser.add_argument("--reps", type=int, default=5, help="timed reps (medians reported)")
    parser.add_argument("--loads", type=int, default=5, help="cold loads per start-up page")
    parser.add_argument("--quick", action="store_true", help="n=100, 2 reps, 2 loads")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="JSON results file")
    args = parser.parse_args(argv)
    runtimes = [r for r in args.runtime.split(",") if r]
    bad = [r for r in runtimes if r not in RUNTIMES]
    if bad:
        parser.error("no worker mode on %s: choose from %s" % (bad, ", ".join(RUNTIMES)))
    cfg = {"n": args.n, "reps": args.reps, "loads": args.loads, "timeout_ms": 120_000}
    if args.quick:
        cfg.update(n=100, reps=2, loads=2)

    from playwright.sync_api import sync_playwright

    results: "dict[str, object]" = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "settings": cfg,
        "runtimes": {},
    }
    t0 = time.monotonic()
    with harness.Server(create_app()) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(**harness.launch_args())
        try:
            for runtime in runtimes:
                data = {
                    "main": in_page(browser, server.url, runtime, "main", cfg),
                    "worker": in_page(browser, server.url, runtime, "worker", cfg),
                    "startup": startup(browser, server.url, runtime, cfg),
                }
                results["runtimes"][runtime] = data  # type: ignore[index]
                print(table(runtime, data), flush=True)
                for part in data.values():
                    for problem in part.get("problems", []):  # type: ignore[attr-defined]
                        print("  problem: %s" % problem)
        finally:
            browser.close()
    results["seconds"] = round(time.monotonic() - t0, 1)
    Path(args.out).write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    print("wrote %s (%.0f s)" % (args.out, results["seconds"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
