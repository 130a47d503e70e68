"""In-page measuring: what runs in the browser and what comes back from it.

- `in_page(...)`: in one page per runtime (`pages/bench.py`, through `window.__bench`), the
  commands (`Chat.open()`/`close()` against raw FFI calls and a JS loop, mock and stub SDK),
  the events (`__twt__custom_event` into `Chat.on_unread`, a raw Python listener, a JS
  listener, no listener), the per-operation breakdown, and the subscribe/cancel leak cycles;
- `cold_load(...)` and `startup(...)`: cold loads, each in a new browser context, of the
  twt-py, bare, zip, stdlib and fast-path start-up pages, alternating, with paired ratios;
- `machine_info(browser)`: the machine, browser and runtime versions of the run;
- `run_runtime(...)` and `run_all(...)`: all of it per runtime: the results file's content.
"""

import datetime
import gzip
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from benchmarks.analysis import (
    TARGET_IMPORT_MS,
    TARGET_STARTUP,
    headline,
    median,
    median_interval,
    ms,
    rate_summary,
    ratio,
    spread_summary,
    summary,
    targets,
)
from benchmarks.server import MOCK_SDK, ROOT, STUB_SDK, new_context

# ---------------------------------------------------------------- in-page measurements

_CALL = "([action, n]) => window.__bench(action, n)"

# JS loops repeat blocks of n until at least MIN_MS have passed: a JIT-compiled loop over a
# do-nothing stub can finish n calls inside one tick of performance.now() (0.1 ms).
MIN_MS = 20


def _js_blocks(counter: str, block: str) -> str:
    """The timed JS loop both snippets share: `block` (n operations) repeated until `minMs`
    have passed; `counter` counts the operations and `t0` is the start."""
    return (
        "  let %(c)s = 0;\n"
        "  const t0 = performance.now();\n"
        "  do {\n"
        "%(block)s\n"
        "    %(c)s += n;\n"
        "  } while (performance.now() - t0 < minMs);\n"
    ) % {"c": counter, "block": block}


_JS_COMMANDS = (
    "([n, minMs]) => {\n"
    + _js_blocks(
        "pairs",
        "    for (let i = 0; i < n; i++) { window.__twt__api.open(); window.__twt__api.close(); }",
    )
    + "  return [performance.now() - t0, pairs];\n}"
)

# Dispatch `__twt__custom_event`s with distinct unread counts (twt-py drops repeats), blocks
# of n until at least minMs have passed. mode: "none" (whatever Python listens), "js" (a JS
# listener doing the subscriber's work), "raw" (bench.py's raw Python listener).
# Returns [ms, events dispatched, JS listener calls].
_JS_EVENTS = (
    """([n, base, mode, minMs]) => {
  let seen = 0;
  const onCount = (unread) => { seen += 1; };
  const jsListener = (event) => { onCount(event.detail.unread); };
  const listener = mode === 'js' ? jsListener : mode === 'raw' ? window.__bench_raw_listener : null;
  if (listener) addEventListener('__twt__custom_event', listener);
"""
    + _js_blocks(
        "sent",
        "    for (let i = 0; i < n; i++) {\n"
        "      dispatchEvent(new CustomEvent('__twt__custom_event', {detail: {unread: base + sent + i}}));\n"
        "    }",
    )
    + """  const ms = performance.now() - t0;
  if (listener) removeEventListener('__twt__custom_event', listener);
  return [ms, sent, seen];
}"""
)


class BenchPage:
    def __init__(self, page) -> None:
        self.page = page

    def __call__(self, action: str, n: int = 0) -> float:
        value = self.page.evaluate(_CALL, [action, n])
        return float(value)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)


# The in-page harness is there and the mock SDK is ready.
_BENCH_READY = (
    "window.__bench !== undefined && window.__twt_mock__ !== undefined"
    " && window.__twt_mock__.state().ready"
)


def open_bench_page(ctx, path: str, timeout_ms: int, also: str = ""):
    """A new page of `ctx` at `path`, once `window.__bench` and the mock SDK are ready (and
    the JS condition `also`, if given)."""
    page = ctx.new_page()
    page.goto(path)
    page.wait_for_function(_BENCH_READY + (" && " + also if also else ""), timeout=timeout_ms)
    return page


def _commands(b: BenchPage, n: int, reps: int, sdk: str, blocks: int = 1) -> "dict[str, list[float]]":
    """Timed reps of the open/close loop per variant, interleaved. Returns calls/s per rep.

    Each rep is `blocks` rounds of n // blocks pairs per variant, the variants' order turned
    by one each round: the mock SDK's open/close lays out and focuses its panel (about 1 ms a
    call), and that cost drifts by 10-15% over seconds. Whole-rep blocks let the drift land on
    one variant; small rotated blocks share it out.

    twt-py is unbound (`Chat.dispose()`) for the baselines: with the mock SDK a bound widget's
    visibility listener runs on every open/close, a cost only twt-py pages pay. (The SDK keeps
    that listener, which does nothing while unbound: one no-op Python call per command.)
    """
    b.js(STUB_SDK if sdk == "stub" else MOCK_SDK)
    variants = ["raw", "raw_cached", "js", "twt"]
    if sdk == "mock":
        # Diagnostic, not a baseline: raw calls on a page where Chat is bound, so the SDK also
        # calls twt-py's visibility listener. Close to "twt" means the listener is the cost.
        variants.append("raw_bound")
    size = max(1, n // blocks)

    def run(variant: str) -> "tuple[float, int]":
        b("bind" if variant in ("twt", "raw_bound") else "dispose")
        if variant == "js":
            ms, pairs = b.js(_JS_COMMANDS, [size, MIN_MS])
        else:
            ms, pairs = b("cmd_" + ("raw" if variant == "raw_bound" else variant), size), size
        return float(ms), int(pairs)

    for v in variants:  # warm-up (JIT, the mock's call log filled to its cap): not counted
        run(v)
    out: "dict[str, list[float]]" = {v: [] for v in variants}
    for _ in range(reps):
        spent = {v: [0.0, 0] for v in variants}
        for turn in range(blocks):
            k = turn % len(variants)
            for v in variants[k:] + variants[:k]:
                ms, pairs = run(v)
                spent[v][0] += ms
                spent[v][1] += pairs
        for v in variants:
            out[v].append(2 * spent[v][1] / max(spent[v][0], 1e-3) * 1000.0)
    b("bind")
    b.js(MOCK_SDK)
    return out


# Per-operation costs (bench.py's part_* actions), µs each (best of the reps), minus the
# empty loop's.
_PARTS = {
    "commands": ("part_get", "part_send", "part_command", "part_visibility"),
    "events": ("part_read_raw", "part_read_host", "part_set_unread", "part_label", "part_callback"),
}


def _breakdown(b: BenchPage, n: int, reps: int) -> "dict[str, dict[str, float]]":
    b.js(STUB_SDK)
    b("dispose")
    b("subscribe")  # one on_unread subscriber for part_set_unread
    names = ["part_loop", *_PARTS["commands"], *_PARTS["events"]]
    runs: "dict[str, list[float]]" = {k: [] for k in names}
    for rep in range(reps + 1):
        for k in names:
            us = b(k, n) * 1000.0 / n
            if rep:  # the first round is a warm-up
                runs[k].append(us)
    b.js(MOCK_SDK)
    # Best of the reps: a micro-benchmark's noise only ever adds time.
    loop = min(runs["part_loop"])
    out: "dict[str, dict[str, float]]" = {"loop_us": {"empty loop": loop}}
    for group, keys in _PARTS.items():
        out[group] = {k[len("part_") :]: max(min(runs[k]) - loop, 0.0) for k in keys}
    return out


def _events(b: BenchPage, n: int, reps: int, min_ms: float = MIN_MS) -> "dict[str, object]":
    """Timed reps per variant, interleaved; twt-py is unbound for the baselines.

    Returns events per second per rep, and whether every event reached the subscriber.
    `min_ms`: each variant's blocks run at least this long (longer where the engine's clock
    is coarse).
    """
    base = [1000]
    out: "dict[str, list[float]]" = {"none": [], "js": [], "raw": [], "twt": []}
    lost: "dict[str, int]" = {"js": 0, "raw": 0, "twt": 0}

    def dispatch(mode: str) -> "tuple[float, int, int]":
        ms, sent, seen = b.js(_JS_EVENTS, [n, base[0], mode, min_ms])
        base[0] += int(sent) + 1
        return int(sent) / max(float(ms), 1e-3) * 1000.0, int(sent), int(seen)

    def rep(record: bool) -> None:
        b("dispose")  # no twt-py listener on window for the baselines
        rate, _, _ = dispatch("none")
        if record:
            out["none"].append(rate)
        rate, sent, seen = dispatch("js")
        if record:
            out["js"].append(rate)
            lost["js"] += sent - seen
        b("reset_count")
        rate, sent, _ = dispatch("raw")
        if record:
            out["raw"].append(rate)
            lost["raw"] += sent - int(b("count"))
        b("subscribe")  # binds twt-py again, one on_unread subscriber
        rate, sent, _ = dispatch("none")
        if record:
            out["twt"].append(rate)
            lost["twt"] += sent - int(b("count"))

    rep(False)  # warm-up
    for _ in range(reps):
        rep(True)
    return {"rates": out, "lost": lost}


def events_summary(events: "dict[str, Any]", n: int) -> "dict[str, Any]":
    """`_events`' reps as the results file holds them: per variant its rates and µs per event,
    twt-py's ratios to the raw Python and the JS listener, and each listener's own share."""
    ev: "dict[str, Any]" = {"events_per_block": n, "lost": events["lost"]}
    rate = {}
    for variant, runs in events["rates"].items():
        rate[variant] = median(runs)
        ev[variant] = {**rate_summary(runs), "us_per_event": 1e6 / rate[variant]}
    ev["ratio_vs_raw"] = ratio(rate["twt"], rate["raw"])
    ev["ratio_vs_js"] = ratio(rate["twt"], rate["js"])
    # The listener's share alone: time above a dispatch nobody listens to.
    none_us = 1e6 / rate["none"]
    net = {v: 1e6 / rate[v] - none_us for v in ("twt", "raw", "js")}
    ev["listener_us"] = net
    ev["listener_ratio_vs_raw"] = ratio(net["raw"], net["twt"])
    return ev


def _leak_state(b: BenchPage) -> "dict[str, object]":
    from twt_py.testing import window_listeners

    listeners = window_listeners(b.page)
    return {
        "window_listeners": sum(listeners.values()),
        "window_listeners_by_type": {k: v for k, v in sorted(listeners.items()) if "twt" in k},
        "proxies_live": int(b("live")),
        "sdk_handlers": int(b.js("window.__twt_mock__.state().listeners")),
        "subscriptions": int(b("subscriptions")),
    }


def in_page(browser, base_url: str, runtime: str, cfg: "dict[str, int]") -> "dict[str, object]":
    """Commands, events and the subscribe/cancel cycles, all in one page of `runtime`."""
    n, reps, cycles = cfg["n"], cfg["reps"], cfg["cycles"]
    ctx, guard = new_context(browser, base_url)
    try:
        page = open_bench_page(ctx, "/_bench/%s/bench" % runtime, cfg["timeout_ms"])
        b = BenchPage(page)

        # 1. commands, against the mock SDK and against a do-nothing stub
        import_ms = b("import")  # twt_py imported into a running page
        if not page.evaluate("window.__bench_ready_after_import"):
            raise RuntimeError("Chat was not ready after import on %s" % runtime)
        n_mock = max(1, n // 10)  # the mock re-renders its widget on every open/close
        mock = _commands(b, n_mock, reps, "mock", blocks=20)
        stub = _commands(b, n, reps, "stub")

        # 2. events
        events = _events(b, n, reps)
        parts = _breakdown(b, n, reps)

        # 5. subscribe/cancel cycles
        b("dispose")
        b("subscribe")  # one lasting subscriber: the widget stays in use throughout
        before = _leak_state(b)
        cycles_ms = b("cycles", cycles)
        after = _leak_state(b)
        b("reset_count")
        b.js(
            "([u]) => dispatchEvent(new CustomEvent('__twt__custom_event', {detail: {unread: u}}))",
            [10**7],
        )
        still_works = int(b("count")) == 1

        info = {
            "runtime": page.evaluate("window.__bench_runtime"),
            "python_probe": page.evaluate("window.__bench_python"),
            "import_ms": import_ms,
        }
        problems = guard.problems()
    finally:
        ctx.close()

    def variants(data, block, unit):  # type: ignore[no-untyped-def]
        # Each variant's summary into `block`, with its µs per `unit`; the median rates.
        rates = {}
        for variant, runs in data.items():
            rates[variant] = median(runs)
            block[variant] = {**rate_summary(runs), "us_per_" + unit: 1e6 / rates[variant]}
        return rates

    def cmd_block(data: "dict[str, list[float]]", pairs: int) -> "dict[str, object]":
        block: "dict[str, object]" = {"pairs_per_rep": pairs}
        variants(data, block, "call")

        def per_rep(a: str, b: str) -> "list[float]":
            # The reps' own ratios: a rep's variants ran side by side, so a slow stretch of
            # the machine (or of the mock) is in both halves of each; the medians are of these.
            return [ratio(x, y) for x, y in zip(data[a], data[b], strict=True)]

        def paired(a: str, b: str) -> float:
            return median(per_rep(a, b))

        vs_raw = per_rep("twt", "raw")
        block["ratio_vs_raw"] = median(vs_raw)
        block["ratio_vs_raw_runs"] = [round(r, 4) for r in vs_raw]
        block["ratio_vs_raw_cached"] = paired("twt", "raw_cached")
        block["ratio_vs_js"] = paired("twt", "js")
        if "raw_bound" in data:
            block["raw_bound_vs_raw"] = paired("raw_bound", "raw")
        return block

    ev = events_summary(events, n)
    ev["breakdown_us"] = parts["events"]

    growth = {
        key: after[key] - before[key]
        for key in ("window_listeners", "proxies_live", "sdk_handlers", "subscriptions")
    }
    return {
        "info": info,
        "commands": {
            "mock": cmd_block(mock, n_mock),
            "stub": {**cmd_block(stub, n), "breakdown_us": parts["commands"]},
            "empty_loop_us": parts["loop_us"]["empty loop"],
        },
        "events": ev,
        "leaks": {
            "cycles": cycles,
            "cycle": "on_unread, on_visibility, on_ready and on_error: subscribe, then cancel",
            "ms": cycles_ms,
            "us_per_cycle": cycles_ms * 1000 / cycles if cycles else None,
            "before": before,
            "after": after,
            "growth": growth,
            "still_delivers": still_works,
        },
        "problems": problems,
    }


# ---------------------------------------------------------------- cold loads


# When the interpreter's files and twt_py's files arrived (Resource Timing, ms from navigation).
_RESOURCE_TIMING = r"""() => {
  const all = performance.getEntriesByType('resource');
  const span = (pick) => {
    const xs = all.filter((e) => pick(e.name));
    if (!xs.length) return null;
    return {start: Math.min(...xs.map((e) => e.startTime)), end: Math.max(...xs.map((e) => e.responseEnd))};
  };
  // the interpreter itself: MicroPython's and Pyodide's .wasm (and Pyodide's stdlib), brython.js
  const interpreter = (u) => /\.wasm$|python_stdlib\.zip$|brython\.js$/.test(u.split('?')[0]);
  return {runtime: span(interpreter),
          twt_py: span((u) => u.includes('/twt_py/') || u.includes('/dist/twt_py'))};
}"""


def cold_load(
    browser, base_url: str, path: str, cfg: "dict[str, int]", *, bodies: bool
) -> "dict[str, object]":
    """One load in a new context (empty cache): ms until the page's marker, requests, bytes."""
    ctx, guard = new_context(browser, base_url)
    try:
        page = ctx.new_page()
        finished: list = []
        failed: list = []
        page.on("requestfinished", lambda req: finished.append(req))
        page.on("requestfailed", lambda req: failed.append(req))
        page.goto(path, wait_until="commit")
        page.wait_for_function(
            "window.__bench_ready !== undefined", timeout=cfg["timeout_ms"], polling=10
        )
        ready_ms = float(page.evaluate("window.__bench_ready"))
        t0 = page.evaluate("window.__bench_t0 === undefined ? null : window.__bench_t0")
        timing = page.evaluate(_RESOURCE_TIMING)
        try:
            page.wait_for_load_state("networkidle", timeout=cfg["timeout_ms"])
        except Exception:  # late requests only affect the counts
            pass
        out: "dict[str, object]" = {
            "ready_ms": ready_ms,
            "import_ms": None if t0 is None else ready_ms - float(t0),
            "before_import_ms": None if t0 is None else float(t0),
            "timing": timing,
            "requests": len(finished) + len(failed),
            "failed_requests": [r.url for r in failed],
        }
        if bodies:
            total = gz = 0
            by_file = []
            for req in finished:
                resp = req.response()
                if resp is None:
                    continue
                try:
                    body = resp.body()
                except Exception:
                    body = b""
                total += len(body)
                gz += len(gzip.compress(body, 6))
                by_file.append((req.url.replace(base_url, ""), len(body)))
            out["bytes"] = total
            out["gzip_bytes"] = gz
            out["files"] = sorted(by_file, key=lambda x: -x[1])
        out["problems"] = guard.problems()
        return out
    finally:
        ctx.close()


def _files_phase(runs: "list[dict[str, object]]") -> "dict[str, object] | None":
    """How long twt_py's files took to arrive, and how long after the interpreter's files."""
    spans, after = [], []
    for r in runs:
        t = r["timing"]
        assert isinstance(t, dict)
        if t["twt_py"] is None or t["runtime"] is None:
            return None
        spans.append(t["twt_py"]["end"] - t["twt_py"]["start"])
        after.append(t["twt_py"]["end"] - t["runtime"]["end"])
    return {"span_ms": summary(spans), "end_after_runtime_ms": summary(after)}


# The fast path's pairs go on (up to twice the first block) until the 95% interval of their
# median ratio is at most this wide: about +-0.02 around it.
FAST_WIDTH = 0.04


def _pairs(twt: "list[dict[str, object]]", bare: "list[dict[str, object]]") -> "list[float]":
    """The ratio of each twt-py load to the bare load next to it."""
    return [float(a["ready_ms"]) / float(b["ready_ms"]) for a, b in zip(twt, bare, strict=True)]


def startup(browser, base_url: str, runtime: str, cfg: "dict[str, int]") -> "dict[str, object]":
    """Cold loads of twt-py and bare pages of `runtime`, interleaved, `loads` of each."""
    variants = {"twt": "/_bench/%s/startup" % runtime, "bare": "/_bench/%s/bare" % runtime}
    if runtime == "brython":
        variants["twt_stdlib"] = variants["twt"] + "?stdlib=1"
        variants["bare_stdlib"] = variants["bare"] + "?stdlib=1"
    else:
        variants["twt_zip"] = "/_bench/%s/startup-zip" % runtime

    def interleaved(pages: "dict[str, str]", rounds: int) -> "dict[str, list[dict[str, object]]]":
        # `rounds` cold loads of each page, the order reversed every other round.
        out: "dict[str, list[dict[str, object]]]" = {v: [] for v in pages}
        for i in range(rounds):
            for v in list(pages) if i % 2 == 0 else list(reversed(pages)):
                out[v].append(cold_load(browser, base_url, pages[v], cfg, bodies=(i == 0)))
        return out

    n_loads = cfg["loads"] if cfg.get("loads") else (7 if runtime == "pyodide" else 15)
    loads = interleaved(variants, n_loads)
    # The fast path (the delivery with the targets) in a block of its own: each load next to
    # a bare load, the order alternating, and no heavier page's aftermath (the plain files'
    # transpile, the 6 MB stdlib) between the two loads of a pair. Twice the loads: a pair's
    # ratio varies by a third on a 2-core machine.
    fast = {"bare_fast": variants["bare"], "twt_fast": "/_bench/%s/startup-fast" % runtime}
    loads.update(interleaved(fast, 2 * n_loads))
    # More pairs while the median's interval is wider than FAST_WIDTH, up to twice as many:
    # a target is decided by the interval, not by a median alone.
    while len(loads["twt_fast"]) < 4 * n_loads:
        ci = median_interval(_pairs(loads["twt_fast"], loads["bare_fast"]))
        if ci is not None and ci[1] - ci[0] <= FAST_WIDTH:
            break
        for v, runs in interleaved(fast, 2).items():
            loads[v].extend(runs)
    variants.update(fast)
    out: "dict[str, object]" = {"loads": n_loads, "fast_loads": len(loads["twt_fast"])}
    # Each twt-py load ran next to a bare load (the order alternates): the ratio of each pair
    # is less affected by a machine whose load drifts than the ratio of the medians.
    for twt, bare in (
        ("twt", "bare"),
        ("twt_stdlib", "bare_stdlib"),
        ("twt_zip", "bare"),
        ("twt_fast", "bare_fast"),
    ):
        if twt in loads:
            # Each figure with its spread and the confidence of its median (`spread_summary`);
            # the fast path's against its target.
            limit = TARGET_STARTUP.get(runtime) if twt == "twt_fast" else None
            out["paired_ratio_" + twt] = spread_summary(_pairs(loads[twt], loads[bare]), limit)
    for v, runs in list(loads.items()):
        first = runs[0]
        limit = TARGET_IMPORT_MS.get(runtime) if v == "twt_fast" else None
        out[v] = {
            "url": variants[v],
            "ready_ms": spread_summary([float(r["ready_ms"]) for r in runs]),
            # in-page marks: from just before `import twt_py` to Chat usable, in the same load
            "import_ms": spread_summary([float(r["import_ms"]) for r in runs], limit)
            if first["import_ms"] is not None
            else None,
            "before_import_ms": summary([float(r["before_import_ms"]) for r in runs])
            if first["import_ms"] is not None
            else None,
            "requests": int(median([float(r["requests"]) for r in runs])),
            "requests_runs": [r["requests"] for r in runs],
            "bytes": first["bytes"],
            "gzip_bytes": first["gzip_bytes"],
            "files": first["files"],
            "twt_py_files_ms": _files_phase(runs),
            "failed_requests": sorted({u for r in runs for u in r["failed_requests"]}),
            "problems": sorted({p for r in runs for p in r["problems"]}),
        }
    # twt-py's own time inside its loads, which load noise hardly moves: the import, plus on
    # PyScript the round of fetching twt_py's files that runs before any Python (Brython's
    # bundle downloads in parallel with brython.js, so only its import counts).
    twt: "dict[str, Any]" = out["twt"]
    own = twt["import_ms"]["median"]
    if runtime != "brython" and twt["twt_py_files_ms"]:
        own += twt["twt_py_files_ms"]["span_ms"]["median"]
    bare = ms(out["bare"])
    out["own_ms"] = own
    out["own_ratio"] = (bare + own) / bare
    # On the fast path twt_py's files download beside the runtime's: only what arrives after
    # the runtime's own files can hold Python back, plus the import.
    fast: "dict[str, Any]" = out["twt_fast"]
    own = fast["import_ms"]["median"]
    if fast["twt_py_files_ms"]:
        own += max(0.0, fast["twt_py_files_ms"]["end_after_runtime_ms"]["median"])
    bare = ms(out["bare_fast"])
    out["own_ms_fast"] = own
    out["own_ratio_fast"] = (bare + own) / bare
    return out


# ---------------------------------------------------------------- machine, one runtime, all


def machine_info(browser) -> "dict[str, object]":
    def cpu_model() -> str:
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or "unknown"

    def mem_gb() -> "float | None":
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal"):
                    return round(int(line.split()[1]) / 1048576, 1)
        except OSError:
            pass
        return None

    def os_name() -> str:
        try:
            for line in Path("/etc/os-release").read_text().splitlines():
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip('"')
        except OSError:
            pass
        return platform.platform()

    def npm_version(rel: str) -> "str | None":
        try:
            return str(
                json.loads((ROOT / "node_modules" / rel / "package.json").read_text())["version"]
            )
        except (OSError, ValueError, KeyError):
            return None

    from importlib.metadata import version

    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": mem_gb(),
        "os": os_name(),
        "kernel": platform.release(),
        "chromium": browser.version,
        "python": platform.python_version(),
        "playwright": version("playwright"),
        "npm": {
            "@pyscript/core": npm_version("@pyscript/core"),
            "pyodide": npm_version("pyodide"),
            "@micropython/micropython-webassembly-pyscript": npm_version(
                "@micropython/micropython-webassembly-pyscript"
            ),
            "brython": npm_version("brython"),
        },
    }


def run_runtime(
    browser, base_url: str, runtime: str, cfg: "dict[str, int]", log=print
) -> "dict[str, object]":
    t0 = time.monotonic()
    load_before = os.getloadavg()
    log("[bench] %s: in-page (commands, events, cycles)..." % runtime)
    result = in_page(browser, base_url, runtime, cfg)
    log("[bench] %s: cold loads..." % runtime)
    result["startup"] = startup(browser, base_url, runtime, cfg)
    result["targets"] = targets(runtime, result)
    result["load_average"] = {"before": list(load_before), "after": list(os.getloadavg())}
    result["seconds"] = round(time.monotonic() - t0, 1)
    return result


def run_all(
    browser, base_url: str, runtimes: "list[str]", cfg: "dict[str, int]", log=print
) -> "dict[str, object]":
    """Every benchmark on every runtime in `runtimes`: the results file's content."""
    results: "dict[str, object]" = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "settings": {k: v for k, v in cfg.items() if k != "timeout_ms"},
        "machine": machine_info(browser),
        "runtimes": {},
    }
    for runtime in runtimes:
        results["runtimes"][runtime] = run_runtime(browser, base_url, runtime, cfg, log)
    # what was actually used: 0 loads means each runtime's default
    results["settings"]["loads"] = {  # type: ignore[index]
        rt: r["startup"]["loads"]
        for rt, r in results["runtimes"].items()  # type: ignore[attr-defined]
    }
    results["headline"] = headline(results)
    return results
