"""From measurements to verdicts: summaries and medians, ratios, the targets, and for every
missed target a `why` and a `fix` computed from the run's own breakdown.

- `median`, `summary`, `rate_summary`, `ratio`: what the results file stores per figure;
- `targets(runtime, r)`: the issue's targets for one runtime (value, target, met, why/fix);
- `explain(...)`: the why/fix texts (the analysis behind them is in benchmarks/README.md);
- `headline(results)`: one line per target and runtime;
- `reanalyze(path)`: recompute targets, texts and headline of a results file from its data.

Pure Python on the results dict: no browser, no server, nothing of twt_py.
"""

import datetime
import json
import math
import statistics
from pathlib import Path
from typing import Any

# Targets (shown, not asserted).
TARGET_THROUGHPUT = 0.7  # events: twt-py / raw Python listener
TARGET_COMMANDS = 0.9  # commands against the mock SDK: twt-py / raw FFI must not fall below this
TARGET_OWN = {"pyodide": 1.02}  # twt-py's own time over the bare page
TARGET_BYTES = 53 * 1024  # what twt_py added to a page before the fast path (53 KB)
# Paired start-up ratios, fast path. Brython's was 1.15 while its import cost 31-37 ms; a page
# that picks Brython for the fastest start should pay no more than on MicroPython.
TARGET_STARTUP = {"pyodide": 1.03, "micropython": 1.05, "brython": 1.05}
TARGET_IMPORT_MS = {"brython": 15.0}  # twt_py's import inside a fast-path load (in-page marks)
CONFIDENCE = 0.95  # the level of every start-up figure's interval

# ---------------------------------------------------------------- statistics


def median(values: "list[float]") -> float:
    return float(statistics.median(values)) if values else float("nan")


def _spread(values: "list[float]", center: str, digits: int) -> "dict[str, object]":
    return {
        center: median(values),
        "min": min(values) if values else None,
        "max": max(values) if values else None,
        "runs": [round(v, digits) for v in values],
    }


def summary(values: "list[float]") -> "dict[str, object]":
    """Median, min and max of a figure's runs (ms, ratios), and the runs themselves."""
    return _spread(values, "median", 4)


def _binomial_cdf(k: int, n: int) -> float:
    """P(X <= k) for X ~ Binomial(n, 1/2)."""
    return sum(math.comb(n, i) for i in range(k + 1)) / 2.0**n


def median_interval(values: "list[float]", level: float = CONFIDENCE) -> "list[float] | None":
    """A distribution-free interval for the median (order statistics, binomial ranks): the
    true median of what was measured lies in it with at least `level` probability, whatever
    the distribution of the loads. None with fewer than 6 values (no such interval exists)."""
    xs = sorted(values)
    n = len(xs)
    # the largest k with P(X <= k - 1) <= (1 - level) / 2: [x_k, x_{n-k+1}] (1-based)
    k = 0
    while k + 1 <= n // 2 and _binomial_cdf(k, n) <= (1 - level) / 2:
        k += 1
    if k == 0:
        return None
    return [xs[k - 1], xs[n - k]]


def quartiles(values: "list[float]") -> "list[float]":
    """The first and third quartiles (the middle half of the loads lies between them)."""
    if len(values) < 2:
        return [values[0], values[0]] if values else [float("nan"), float("nan")]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return [q[0], q[2]]


def spread_summary(values: "list[float]", target: "float | None" = None) -> "dict[str, object]":
    """`summary` of a start-up figure with its spread and its confidence: the quartiles, the
    interval of the median at `CONFIDENCE` (95%, `median_interval`) and, against a `target`
    (an upper bound), what that interval says: "met" (all of it is within the target),
    "missed" (none of it is) or "undecided" (it straddles the target: more loads, or a
    quieter machine, would decide it)."""
    out = summary(values)
    q1, q3 = quartiles(values)
    ci = median_interval(values)
    out.update({"q1": q1, "q3": q3, "iqr": q3 - q1, "n": len(values)})
    out["confidence"] = {
        "level": CONFIDENCE,
        "median_interval": ci,
        "method": "distribution-free interval of the median (binomial order statistics)",
    }
    if target is not None:
        out["confidence"]["target"] = target
        if ci is None:
            verdict = "undecided"
        elif ci[1] <= target:
            verdict = "met"
        elif ci[0] > target:
            verdict = "missed"
        else:
            verdict = "undecided"
        out["confidence"]["verdict"] = verdict
    return out


def rate_summary(rates: "list[float]") -> "dict[str, object]":
    """Median, min and max of per-rep rates (per second), and the reps themselves."""
    return _spread(rates, "per_s", 1)


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def ms(d: object) -> float:
    """The median ready time of a start-up variant (`startup.<variant>`), in ms."""
    assert isinstance(d, dict)
    return float(d["ready_ms"]["median"])


def k_per_s(rate: float) -> str:
    return "%.0f k/s" % (rate / 1000) if rate >= 10000 else "%.1f k/s" % (rate / 1000)


def kb(n: object) -> str:
    return (
        "%.1f KB" % (float(n) / 1024)
        if float(n) < 1024 * 1024
        else "%.2f MB" % (float(n) / 1048576)
    )


# ---------------------------------------------------------------- targets and why/fix texts


def explain(t: "dict[str, Any]", runtime: str, r: "dict[str, Any]") -> "tuple[str, str]":
    """Why a target was missed and what would close it, from this run's own breakdown.

    The analysis behind these texts is in benchmarks/README.md.
    """
    cb = r["commands"]["stub"]["breakdown_us"]
    eb = r["events"]["breakdown_us"]
    metric = t["metric"]
    if metric == "commands" and t.get("sdk") == "stub":
        raw_us = 1e6 / r["commands"]["stub"]["raw"]["per_s"]
        twt_us = 1e6 / r["commands"]["stub"]["twt"]["per_s"]
        budget = raw_us / TARGET_THROUGHPUT - raw_us
        return (
            "Against a do-nothing SDK a raw call costs %.2f us and Chat.open() %.2f us: "
            "ChatWidget._call (%.2f us in all: its checks, then host.send, %.2f us: one call "
            "into JS that looks window.__twt__api up and calls its method, guarded). Raw code "
            "is one attribute read and one call. For 0.7 the wrapper may add %.2f us per call, "
            "less than one FFI crossing on this runtime."
            % (raw_us, twt_us, cb["command"], cb["send"], budget),
            "The command path already crosses into JS once; what is left is Python: the "
            "public method, the contract entry and the state checks. A Python wrapper cannot "
            "reach 0.7 of a bare FFI call into a function that does nothing. Against an SDK "
            "that does work (the mock) the target is met.",
        )
    if metric == "commands":
        mock, stub = r["commands"]["mock"], r["commands"]["stub"]
        raw_us = 1e6 / mock["raw"]["per_s"]
        twt_us = 1e6 / mock["twt"]["per_s"]
        path_us = 1e6 / stub["twt"]["per_s"] - 1e6 / stub["raw"]["per_s"]
        expected = raw_us / (raw_us + path_us + cb["visibility"])
        js = mock["js"]["runs"]
        brython = (
            " On Brython raw calls slow down with Chat bound more than the listener's own "
            "time explains: the SDK's JS-to-Python call into it costs more than the listener "
            "timed from Python."
            if runtime == "brython"
            else ""
        )
        return (
            "The mock re-renders its widget on every open/close (%.0f us per raw call, %.0f us "
            "per twt-py call). From the parts timed alone twt-py should add %.1f us per call: "
            "%.1f us of command path and %.1f us for the visibility_changed listener, which the "
            "SDK calls on every open/close of a page where Chat is bound; that is a ratio of "
            "%.2f, measured %.2f. Raw calls with Chat bound ran at %.2f of raw calls without it. "
            "The JS loop's reps varied %.1fx in this run: the rest is noise in the mock's layout "
            "work.%s"
            % (
                raw_us,
                twt_us,
                path_us + cb["visibility"],
                path_us,
                cb["visibility"],
                expected,
                mock["ratio_vs_raw"],
                mock.get("raw_bound_vs_raw", float("nan")),
                max(js) / min(js),
                brython,
            ),
            "Compare visibility and is_open with the last values before building a "
            "VisibilityChange and read the detail by attribute access (the listener), as for "
            "the stub; and measure on a quiet machine with more reps (--reps).",
        )
    if metric == "events":
        net = r["events"]["listener_us"]
        return (
            "Above the dispatch itself, twt-py's listener costs %.2f us per event and a raw "
            "listener %.2f us: twt-py's listener is JavaScript that reads and checks "
            "event.detail.unread and calls Python once with the count (a raw listener reads it "
            "in Python: by attribute %.2f us, through host.get %.2f us), then _new_unread and "
            "_deliver (%.2f us) around the callback itself (%.2f us)."
            % (
                net["twt"],
                net["raw"],
                eb["read_raw"],
                eb["read_host"],
                eb["set_unread"],
                eb["callback"],
            ),
            "What remains is _new_unread's compare and _deliver's loop and try around the "
            "callback: Python calls, the dearest on Brython.",
        )
    if metric == "startup":
        su = r["startup"]
        imp = su["twt"]["import_ms"]["median"]
        bare = ms(su["bare"])
        if runtime == "brython":
            return (
                "twt_py.brython.js downloads in parallel with brython.js (both are <script>s in "
                "the head), but Brython transpiles twt_py's Python to JavaScript when it is "
                "imported: %.0f ms here, as long as Brython's own boot (%.0f ms). Stripping "
                "docstrings does not shorten it (tried: the transpile time stayed the same)."
                % (imp, bare),
                "Ship the modules precompiled (the fast path: twt-py build), or import less "
                "at start (_install and the values a page passes in, _types, already load on "
                "first use); the Brython bundle need not carry the Pyodide and MicroPython "
                "adapters (bytes only).",
            )
        files = su["twt"]["twt_py_files_ms"]
        span = files["span_ms"]["median"] if files else float("nan")
        return (
            "Importing and binding twt_py takes %.0f ms, but PyScript fetches the config's "
            "files only once the interpreter has loaded, so twt_py's %d requests are one more "
            "round of fetching before any Python runs (%.0f ms here from the first request to "
            "the last byte, from the Python dev server). %.0f ms of twt-py's own time over a "
            "%.0f ms bare boot is %.3fx; the rest of the measured ratio is load noise."
            % (
                imp,
                su["twt"]["requests"] - su["bare"]["requests"],
                span,
                imp + span,
                bare,
                (bare + imp + span) / bare,
            ),
            "Fewer files (one module for PyScript; the zip is no better, PyScript loads a "
            "160 KB zip reader for it), served by a static server or CDN with HTTP/2 and "
            "caching, and without the adapters the runtime does not use. The floor is one "
            "round trip plus the import.",
        )
    if metric == "startup_fast":
        su = r["startup"]
        fast = su["twt_fast"]
        return (
            "The fast path leaves only the import (%.1f ms median, precompiled on Brython) on "
            "top of the runtime's own boot (%.0f ms bare); its bundle downloads with the "
            "runtime. Anything above that in the paired ratio is load noise between two cold "
            "loads of a shared machine, or the bundle's parse (%s)."
            % (fast["import_ms"]["median"], ms(su["bare_fast"]), kb(fast["bytes"])),
            "Measure on a quiet machine with more loads (--loads); import less at start "
            "(_install on first use).",
        )
    if metric == "startup_import":
        imp = r["startup"]["twt_fast"]["import_ms"]
        ci = (imp.get("confidence") or {}).get("median_interval")
        return (
            "The import is Brython running twt_py's module bodies (their classes and functions, "
            "and its import machinery once per module) and binding Chat (listeners, the SDK's "
            "state): %.1f ms median, quartiles %.1f-%.1f ms, 95%% interval of the median %s."
            % (
                imp["median"],
                imp.get("q1", float("nan")),
                imp.get("q3", float("nan")),
                "%.1f-%.1f ms" % tuple(ci) if ci else "(too few loads)",
            ),
            "Import less at start-up: only the facade and its adapter; the rest on first use "
            "(benchmarks/README.md lists what was moved and what each gave). On a loaded "
            "machine the import stretches with the load: measure on a quiet one.",
        )
    if metric == "startup_own":
        su = r["startup"]
        fast = su["twt_fast"]
        after = fast["twt_py_files_ms"]
        late = after["end_after_runtime_ms"]["median"] if after else float("nan")
        return (
            "On the fast path twt-py's own time is the import (%.1f ms) plus whatever of its "
            "payload arrived after the runtime's own files (%.1f ms, median; negative is "
            "before), over a %.0f ms bare boot."
            % (fast["import_ms"]["median"], late, ms(su["bare_fast"])),
            "If the payload arrives late, it is fetched too late: the loader must start in "
            "<head>; if the import dominates, import less at start.",
        )
    if metric == "bytes":
        files = [f for f in r["startup"]["twt_fast"]["files"] or [] if "/dist/" in f[0]]
        return (
            "The fast path's files: %s." % ", ".join("%s %s" % (name, kb(n)) for name, n in files),
            "Leave out of the payload what the running runtime never imports; compress it.",
        )
    return ("(no analysis recorded)", "")


def targets(runtime: str, r: "dict[str, Any]") -> "list[dict[str, Any]]":
    """The issue's targets for one runtime: value, target, met (and why/fix when missed)."""
    out: "list[dict[str, Any]]" = []

    def add(metric: str, what: str, value: object, target: str, met: bool, **extra: object) -> None:
        out.append(
            {
                "metric": metric,
                "what": what,
                "value": value,
                "target": target,
                "met": None if met is None else bool(met),
                **extra,
            }
        )

    # Issue 13's targets, for the delivery the README recommends (the fast path). The stub
    # SDK's commands and the plain files' start-up are reported beside them, with no target
    # (`met` None): the wrapper's cost against a do-nothing SDK, and the no-build delivery.
    ratio = r["commands"]["mock"]["ratio_vs_raw"]
    ok = ratio >= TARGET_COMMANDS
    add("commands", "commands/s vs raw FFI, mock SDK", ratio, ">= %.2f" % TARGET_COMMANDS, ok, sdk="mock")
    ratio = r["commands"]["stub"]["ratio_vs_raw"]
    add("commands", "commands/s vs raw FFI, stub SDK (the wrapper alone)", ratio, "-", None, sdk="stub")
    ratio = r["events"]["ratio_vs_raw"]
    floor = ">= %.2f" % TARGET_THROUGHPUT
    add("events", "events/s vs raw Python listener", ratio, floor, ratio >= TARGET_THROUGHPUT)
    su = r["startup"]
    # The paired ratio (median of twt/bare over adjacent loads) is the headline: the machine's
    # load drifts during a run, which the ratio of the two medians does not cancel.
    ratio = su["paired_ratio_twt"]["median"]
    add(
        "startup",
        "time to usable Chat vs bare page, plain files (no build; paired loads)",
        ratio,
        "-",
        None,
        ratio_of_medians=ms(su["twt"]) / ms(su["bare"]),
        own_ms=su["own_ms"],
        own_ratio=su["own_ratio"],
    )
    if "paired_ratio_twt_fast" in su:
        ratio = su["paired_ratio_twt_fast"]["median"]
        add(
            "startup_fast",
            "time to usable Chat vs bare page, fast path (paired loads)",
            ratio,
            "<= %.2f" % TARGET_STARTUP[runtime],
            ratio <= TARGET_STARTUP[runtime],
            ratio_of_medians=ms(su["twt_fast"]) / ms(su["bare_fast"]),
            import_ms=su["twt_fast"]["import_ms"]["median"],
            pairs=su.get("fast_loads"),
            confidence=su["paired_ratio_twt_fast"].get("confidence"),
        )
        imp = su["twt_fast"]["import_ms"]
        if runtime in TARGET_IMPORT_MS:
            add(
                "startup_import",
                "twt_py's import inside the fast path's load, in-page marks (ms)",
                imp["median"],
                "<= %.0f" % TARGET_IMPORT_MS[runtime],
                imp["median"] <= TARGET_IMPORT_MS[runtime],
                confidence=imp.get("confidence"),
            )
        if runtime in TARGET_OWN:
            ratio = su["own_ratio_fast"]
            add(
                "startup_own",
                "twt-py's own time in the load over the bare page, fast path",
                ratio,
                "<= %.2f" % TARGET_OWN[runtime],
                ratio <= TARGET_OWN[runtime],
                own_ms=su["own_ms_fast"],
            )
        extra = su["twt_fast"]["bytes"] - su["bare"]["bytes"]
        add(
            "bytes",
            "bytes twt-py adds to the page, fast path",
            extra,
            "<= %d" % TARGET_BYTES,
            extra <= TARGET_BYTES,
        )
    if runtime == "brython":
        twt = su["twt"]
        ok = not twt["failed_requests"] and not twt["problems"]
        add("no_stdlib", "twt-py page works without brython_stdlib.js", ok, "yes", ok)
    lk = r["leaks"]
    zero = all(v == 0 for v in lk["growth"].values()) and lk["still_delivers"]
    add("leaks", "growth after %d subscribe/cancel cycles" % lk["cycles"], lk["growth"], "0", zero)
    for t in out:
        if t["met"] is False:
            t["why"], t["fix"] = explain(t, runtime, r)
    return out


def headline(results: "dict[str, Any]") -> "dict[str, list[str]]":
    """One line per target and runtime, for a reader of the file; details under "runtimes"."""
    out = {}
    for rt, r in results["runtimes"].items():
        out[rt] = [
            "%s: %s (target %s) %s"
            % (
                t["what"],
                ("%.3f" % t["value"]) if isinstance(t["value"], float) else t["value"],
                t["target"],
                {True: "met", False: "MISSED", None: "no target"}[t["met"]],
            )
            for t in r["targets"]
        ]
    return out


def reanalyze(path: Path) -> None:
    """Recompute targets, why/fix texts and the headline of a results file from its data."""
    results = json.loads(path.read_text("utf-8"))
    for rt, r in results["runtimes"].items():
        r["targets"] = targets(rt, r)
    results["headline"] = headline(results)
    results["reanalyzed"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    path.write_text(json.dumps(results, indent=1, default=float) + "\n", "utf-8")
    for rt in results["runtimes"]:
        print("\n".join(["== " + rt, *results["headline"][rt]]))
