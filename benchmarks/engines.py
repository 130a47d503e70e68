"""Start-up and events on Firefox and WebKit, measured beside Chromium's run.

Chromium runs every benchmark through Playwright (`measure.py`). Firefox ESR and WebKitGTK
cannot be driven by Playwright on this machine, so they are driven through the test suite's
page driver (`tests/engines/_driver.py`: Selenium with geckodriver, and WebKitWebDriver under
Xvfb, launched as the engine tests launch them), and only through what any engine has:
navigation, `evaluate` of a JS function, and the page's own clock (`performance.now()`).

- `start_up(page, runtime, cfg)`: cold loads of the twt-py page and the bare page, alternating,
  then the fast path beside a bare load of its own, as `measure.startup` orders them; each
  load's time is the page's own `window.__bench_ready` (ms from its navigation start), so the
  driver's round trips are not in it;
- `events(page, runtime, cfg)`: `measure._events` on `pages/bench.py` (`Chat.on_unread` against
  a raw Python listener, a JS listener and no listener), through `evaluate`;
- `run_engine(...)`: both, per runtime, for one engine: its part of the results file
  (`engines.<engine>`).

What is not measured on these engines, and why, is in `NOT_MEASURED` (the report shows it).
"""

import os
import time
from typing import Any

from benchmarks.analysis import ms, summary
from benchmarks.measure import _BENCH_READY, MIN_MS, BenchPage, _events, events_summary
from benchmarks.server import open_engine_page, playwright_config

# The engines and how `--engine` picks among them: the tests' (playwright.config.py), so
# `benchmarks.run --engine` takes what `pytest --engine` takes.
ENGINES = playwright_config().ENGINES
parse_engines = playwright_config().parse_engines

# Written into the results file and shown in the engine table: what is measured on Chromium
# only, and why.
NOT_MEASURED = {
    "commands": "measured on Chromium; start-up and events here",
    "bytes, requests": "read from Playwright's responses; the same files on every engine",
    "10,000 cycles": "window listeners are counted through Chromium's CDP",
    "zip, stdlib pages": "their start-up variants run on Chromium only",
}


# ---------------------------------------------------------------- one cold load

_READY = "() => window.__bench_ready !== undefined"
_MARKS = "() => [window.__bench_ready, window.__bench_t0 === undefined ? null : window.__bench_t0]"


def _load(page, path: str, cfg: "dict[str, int]") -> "dict[str, Any]":
    """One load of `path`: ms from navigation start until the page's marker, and its import.

    The server sends every file `no-store`, so each navigation fetches and compiles all of the
    page again, as a new Playwright context does on Chromium. The page before it is left for
    a blank page first, so its teardown is not inside this load.
    """
    page.goto("/_bench/blank")
    page.goto(path)
    page.wait_for(_READY, None, cfg["timeout_ms"])
    ready, t0 = page.evaluate(_MARKS)
    return {
        "ready_ms": float(ready),
        "import_ms": None if t0 is None else float(ready) - float(t0),
    }


def _variant(path: str, runs: "list[dict[str, Any]]") -> "dict[str, Any]":
    imports = [r["import_ms"] for r in runs if r["import_ms"] is not None]
    return {
        "url": path,
        "ready_ms": summary([r["ready_ms"] for r in runs]),
        "import_ms": summary(imports) if imports else None,
    }


def start_up(page, runtime: str, cfg: "dict[str, int]") -> "dict[str, Any]":
    """Cold loads of the twt-py and bare pages of `runtime`, then the fast path, paired."""
    # Fewer loads than Chromium's 15 (Pyodide 7) by default: one WebDriver session loads one
    # page at a time, and WebKitGTK boots Pyodide in tens of seconds; these engines carry no
    # target.
    n_loads = cfg["loads"] if cfg.get("loads") else (3 if runtime == "pyodide" else 5)
    plain = {"twt": "/_bench/%s/startup" % runtime, "bare": "/_bench/%s/bare" % runtime}
    fast = {"bare_fast": plain["bare"], "twt_fast": "/_bench/%s/startup-fast" % runtime}

    def interleaved(pages: "dict[str, str]", rounds: int) -> "dict[str, list[dict[str, Any]]]":
        # `rounds` loads of each page, the order reversed every other round (as measure.py).
        out: "dict[str, list[dict[str, Any]]]" = {v: [] for v in pages}
        for i in range(rounds):
            for v in list(pages) if i % 2 == 0 else list(reversed(pages)):
                out[v].append(_load(page, pages[v], cfg))
        return out

    loads = interleaved(plain, n_loads)
    loads.update(interleaved(fast, 2 * n_loads))
    out: "dict[str, Any]" = {"loads": n_loads, "fast_loads": 2 * n_loads}
    for twt, bare in (("twt", "bare"), ("twt_fast", "bare_fast")):
        pairs = [
            a["ready_ms"] / b["ready_ms"] for a, b in zip(loads[twt], loads[bare], strict=True)
        ]
        out["paired_ratio_" + twt] = summary(pairs)
    for v, path in {**plain, **fast}.items():
        out[v] = _variant(path, loads[v])
    out["medians_ratio_fast"] = ms(out["twt_fast"]) / ms(out["bare_fast"])
    return out


# ---------------------------------------------------------------- events in a running page

# The smallest step of the page's clock: Firefox and WebKit round `performance.now()` on
# pages that are not cross-origin isolated, so each timed block must run long enough for that
# step to be small beside it.
_CLOCK_STEP = """() => {
  let step = Infinity, last = performance.now();
  for (let i = 0; i < 2000000 && step > 0.001; i++) {
    const t = performance.now();
    if (t > last) { step = Math.min(step, t - last); last = t; }
  }
  return step;
}"""


def events(page, runtime: str, cfg: "dict[str, int]") -> "dict[str, Any]":
    """`Chat.on_unread` against a raw Python listener in one page of `runtime`."""
    page.goto("/_bench/%s/bench" % runtime)
    page.wait_for("() => " + _BENCH_READY, None, cfg["timeout_ms"])
    b = BenchPage(page)
    import_ms = b("import")
    if not page.evaluate("() => window.__bench_ready_after_import"):
        raise RuntimeError("Chat was not ready after import on %s" % runtime)
    step = float(page.evaluate(_CLOCK_STEP))
    # 100 clock steps per block: the step adds at most 1% to a block's time.
    min_ms = max(float(MIN_MS), 100 * step)
    ev = events_summary(_events(b, cfg["n"], cfg["reps"], min_ms), cfg["n"])
    ev["clock_step_ms"] = step
    ev["min_block_ms"] = min_ms
    ev["import_ms"] = import_ms
    ev["runtime"] = page.evaluate("() => window.__bench_runtime")
    return ev


# ---------------------------------------------------------------- one engine, every runtime


def run_engine(
    engine: str,
    base_url: str,
    runtimes: "list[str]",
    cfg: "dict[str, int]",
    only: "str | None" = None,
    log=print,  # type: ignore[no-untyped-def]
) -> "dict[str, Any]":
    """Start-up (unless `only == "inpage"`) and events (unless `only == "startup"`) of each
    runtime on `engine`, one browser session for all of it."""
    t0 = time.monotonic()
    out: "dict[str, Any]" = {"runtimes": {}, "not_measured": dict(NOT_MEASURED)}
    with open_engine_page(engine, base_url) as page:
        out["how"] = page.how
        out["user_agent"] = page.evaluate("() => navigator.userAgent")
        for rt in runtimes:
            r: "dict[str, Any]" = {"load_average": {"before": list(os.getloadavg())}}
            seen = len(page.problems())  # the session's problems so far: earlier runtimes'
            # A part that fails (a page that never gets ready on this engine) is recorded
            # and the run goes on: the other runtimes' figures are still worth having.
            for part, measure in (("events", events), ("startup", start_up)):
                if only == ("startup" if part == "events" else "inpage"):
                    continue
                log("[bench] %s on %s: %s..." % (rt, engine, part))
                try:
                    r[part] = measure(page, rt, cfg)
                except Exception as exc:  # any driver or page failure
                    r.setdefault("errors", {})[part] = ("%s: %s" % (type(exc).__name__, exc))[:500]
                    log("[bench] %s on %s: %s failed: %s" % (rt, engine, part, r["errors"][part]))
            r["load_average"]["after"] = list(os.getloadavg())
            r["problems"] = list(page.problems())[seen:]
            out["runtimes"][rt] = r
    out["seconds"] = round(time.monotonic() - t0, 1)
    return out
