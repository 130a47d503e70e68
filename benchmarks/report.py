"""What a run prints, and what is generated from a results file.

- `table(runtime, r)`, `print_results(results)`, `print_startup_only(results)`: the tables
  `python -m benchmarks.run` prints;
- `results_markdown`, `pick_markdown`, `demo_costs`, `startup_svg`: the sections generated
  from a results file, written by `write_generated(...)` between marker comments:
  `benchmarks/README.md` (`<!-- results:begin -->` ... `<!-- results:end -->`: the Results table
  and the "where a call's time goes" table), `README.md` (`<!-- runtimes:begin -->` ...
  `<!-- runtimes:end -->`: the "Which runtime should I pick?" table), `demo/index.html`
  (`<!-- costs:<runtime>:begin -->` ... `<!-- costs:<runtime>:end -->` in each runtime card,
  `<!-- stdlib-size:begin -->` ... `<!-- stdlib-size:end -->`) and `benchmarks/startup.svg` (the
  start-up chart).

    .venv/bin/python -m benchmarks.report                          # from benchmarks/results.json
    .venv/bin/python -m benchmarks.report benchmarks/out/mine.json # from another results file

A full run that writes the default `benchmarks/results.json` calls it at its end. The output
depends only on the results file (no dates, no machine state), so regenerating is idempotent.
"""

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python benchmarks/report.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.analysis import k_per_s, kb, ms
from benchmarks.server import HERE, ROOT, RUNTIMES, playwright_config

DEFAULT_RESULTS = HERE / "results.json"

# ---------------------------------------------------------------- printed tables


def table(runtime: str, r: "dict[str, object]") -> str:
    """The printed table: metric, twt-py, baseline(s), ratio, target, met?"""
    rows: "list[tuple[str, str, str, str, str, str]]" = []
    tmap = {}
    for t in r["targets"]:
        tmap.setdefault(t["metric"], []).append(t)

    def met(metric: str, i: int = 0) -> "tuple[str, str]":
        t = tmap[metric][i]
        return str(t["target"]), {True: "yes", False: "NO", None: "-"}[t["met"]]

    for i, sdk in enumerate(("mock", "stub")):
        c = r["commands"][sdk]
        rows.append(
            (
                "commands, %s SDK" % sdk,
                k_per_s(c["twt"]["per_s"]),
                "raw %s | raw cached %s | JS %s"
                % (
                    k_per_s(c["raw"]["per_s"]),
                    k_per_s(c["raw_cached"]["per_s"]),
                    k_per_s(c["js"]["per_s"]),
                ),
                "%.2f (cached %.2f)" % (c["ratio_vs_raw"], c["ratio_vs_raw_cached"]),
                *met("commands", i),
            )
        )
    e = r["events"]
    rows.append(
        (
            "events into on_unread",
            k_per_s(e["twt"]["per_s"]),
            "raw %s | JS %s | none %s"
            % (k_per_s(e["raw"]["per_s"]), k_per_s(e["js"]["per_s"]), k_per_s(e["none"]["per_s"])),
            "%.2f (listener %.2f)" % (e["ratio_vs_raw"], e["listener_ratio_vs_raw"]),
            *met("events"),
        )
    )
    su = r["startup"]
    medians = ms(su["twt"]) / ms(su["bare"])
    paired = su["paired_ratio_twt"]["median"]
    if "twt_fast" in su:
        f = su["twt_fast"]
        rows.append(
            (
                "start-up to usable Chat, fast path",
                "%.0f ms" % ms(f),
                "bare %.0f ms" % ms(su["bare_fast"]),
                "%.3f paired (import %.1f ms)"
                % (su["paired_ratio_twt_fast"]["median"], f["import_ms"]["median"]),
                *met("startup_fast"),
            )
        )
        if confidence(su["paired_ratio_twt_fast"]):
            rows.append(
                (
                    "  its paired ratio, spread",
                    "",
                    "%s pairs" % su.get("fast_loads", ""),
                    confidence(su["paired_ratio_twt_fast"]),
                    "",
                    "",
                )
            )
            rows.append(
                (
                    "  its import (in-page marks), ms",
                    "%.1f ms" % f["import_ms"]["median"],
                    "",
                    confidence(f["import_ms"], "%.1f"),
                    *(met("startup_import") if "startup_import" in tmap else ("", "")),
                )
            )
        rows.append(
            (
                "  twt-py's own time, fast path",
                "%.0f ms" % su["own_ms_fast"],
                "bare %.0f ms" % ms(su["bare_fast"]),
                "%.3f" % su["own_ratio_fast"],
                *(met("startup_own") if "startup_own" in tmap else ("", "")),
            )
        )
    rows.append(
        (
            "  start-up, plain files (no build)",
            "%.0f ms" % ms(su["twt"]),
            "bare %.0f ms" % ms(su["bare"]),
            "%.3f paired (medians %.3f)" % (paired, medians),
            *met("startup"),
        )
    )
    if runtime != "brython":
        z = su["twt_zip"]
        rows.append(
            (
                "  start-up, twt_py.zip",
                "%.0f ms" % ms(z),
                "bare %.0f ms" % ms(su["bare"]),
                "%.3f paired" % su["paired_ratio_twt_zip"]["median"],
                "",
                "",
            )
        )
    else:
        rows.append(
            (
                "  start-up, with stdlib",
                "%.0f ms" % ms(su["twt_stdlib"]),
                "bare+stdlib %.0f ms" % ms(su["bare_stdlib"]),
                "%.3f paired" % su["paired_ratio_twt_stdlib"]["median"],
                "",
                "",
            )
        )
    t_before = su["twt"]["before_import_ms"]["median"]
    rows.append(
        (
            "  of which boot, until the import",
            "%.0f ms" % t_before,
            "bare %.0f ms" % ms(su["bare"]),
            "%.3f" % (t_before / ms(su["bare"])),
            "",
            "",
        )
    )
    rows.append(
        (
            "  twt-py's own time in the load",
            "%.0f ms" % su["own_ms"],
            "bare %.0f ms" % ms(su["bare"]),
            "%.3f" % su["own_ratio"],
            "",
            "",
        )
    )
    rows.append(
        (
            "  of which import twt_py + bind",
            "%.0f ms" % su["twt"]["import_ms"]["median"],
            "",
            "",
            "",
            "",
        )
    )
    files = su["twt"]["twt_py_files_ms"]
    if files:
        rows.append(
            (
                "  twt_py files, first request to last byte",
                "%.0f ms" % files["span_ms"]["median"],
                "",
                "",
                "",
                "",
            )
        )
    rows.append(("import twt_py, warm page", "%.1f ms" % r["info"]["import_ms"], "", "", "", ""))
    if "twt_fast" in su:
        t, b = su["twt_fast"], su["bare"]
        rows.append(
            (
                "bytes, fast path (gzip)",
                "%s (%s)" % (kb(t["bytes"]), kb(t["gzip_bytes"])),
                "bare %s (%s)" % (kb(b["bytes"]), kb(b["gzip_bytes"])),
                "+%s" % kb(t["bytes"] - b["bytes"]),
                *met("bytes"),
            )
        )
    variants = [("", "twt", "bare")] + (
        [("with stdlib ", "twt_stdlib", "bare_stdlib")]
        if runtime == "brython"
        else [("zip ", "twt_zip", "bare")]
    )
    for label, tv, bv in variants:
        t, b = su[tv], su[bv]
        rows.append(
            (
                "bytes %s(gzip)" % label,
                "%s (%s)" % (kb(t["bytes"]), kb(t["gzip_bytes"])),
                "bare %s (%s)" % (kb(b["bytes"]), kb(b["gzip_bytes"])),
                "%.3f" % (t["bytes"] / b["bytes"]),
                "",
                "",
            )
        )
        rows.append(
            (
                "requests %s" % label,
                str(t["requests"]),
                "bare %s" % b["requests"],
                "+%d" % (t["requests"] - b["requests"]),
                "",
                "",
            )
        )
    if runtime == "brython":
        rows.append(
            (
                "needs brython_stdlib.js",
                "no" if tmap["no_stdlib"][0]["met"] else "YES",
                "",
                "",
                *met("no_stdlib"),
            )
        )
    lk = r["leaks"]
    bef, aft = lk["before"], lk["after"]
    for key, label in (
        ("window_listeners", "JS listeners on window"),
        ("proxies_live", "proxies (host.live)"),
        ("sdk_handlers", "SDK handlers"),
        ("subscriptions", "Python subscriptions"),
    ):
        rows.append(
            (
                "%s after %d cycles" % (label, lk["cycles"]),
                str(aft[key]),
                "before %s" % bef[key],
                "+%d" % (aft[key] - bef[key]),
                *(met("leaks") if key == "window_listeners" else ("", "")),
            )
        )
    head = ("metric", "twt-py", "baseline(s)", "ratio", "target", "met?")
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(6)]
    line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, head, strict=True))
    out = ["", "== %s: %s" % (runtime, r["info"]["runtime"]), line, "-" * len(line)]
    for row in rows:
        out.append("  ".join("%-*s" % (w, c) for w, c in zip(widths, row, strict=True)))
    cb = r["commands"]["stub"]["breakdown_us"]
    eb = r["events"]["breakdown_us"]
    out.append(
        "where the time goes (µs per operation): host.get %.2f, host.send %.2f, _call (all) %.2f,"
        " visibility listener %.2f; event read raw %.2f vs host %.2f, Channel.put+deliver %.2f"
        " (label %.2f, callback %.2f)"
        % (
            cb["get"],
            cb["send"],
            cb["command"],
            cb["visibility"],
            eb["read_raw"],
            eb["read_host"],
            eb["set_unread"],
            eb["label"],
            eb["callback"],
        )
    )
    return "\n".join(out)


def print_results(results: "dict[str, Any]") -> None:
    """The machine line, then per runtime its table, the missed targets and any page problem."""
    m = results["machine"]
    print(
        "\nmachine: %s, %s cores, %s GB, %s, Chromium %s"
        % (m["cpu"], m["cores"], m["memory_gb"], m["os"], m["chromium"])
    )
    for runtime, r in results["runtimes"].items():
        print(table(runtime, r))
        for t in r["targets"]:
            if t["met"] is False:
                print("  missed %s (%s): %s" % (t["metric"], t["what"], t["why"]))
        probs = list(r["problems"]) + [
            p for v in r["startup"].values() if isinstance(v, dict) for p in v.get("problems", [])
        ]
        for prob in probs:
            print("  page problem: %s" % prob)


def confidence(figure: "dict[str, Any] | None", fmt: str = "%.3f") -> str:
    """A start-up figure's spread and confidence, for the tables: `IQR a-b, 95% CI c-d: met`
    (the interval of the median; "met"/"missed"/"undecided" against its target, if any)."""
    if not figure or "q1" not in figure:
        return ""
    conf = figure.get("confidence") or {}
    ci = conf.get("median_interval")
    text = ("IQR " + fmt + "-" + fmt) % (figure["q1"], figure["q3"])
    if ci:
        text += ", %d%% CI " % round(100 * conf["level"]) + (fmt + "-" + fmt) % tuple(ci)
    if conf.get("verdict"):
        text += ": %s (target <= %s)" % (conf["verdict"], conf["target"])
    return text


def print_startup_only(results: "dict[str, Any]") -> None:
    """`--only startup`'s short table: per variant the median, the paired ratio, the import,
    and under each twt-py variant the spread and confidence of its paired ratio and import."""
    for rt, r in results["runtimes"].items():
        su = r["startup"]
        print(
            "\n%s (%d loads each, the fast path %d pairs; load average %.1f)"
            % (rt, su["loads"], su.get("fast_loads", 2 * su["loads"]), r["load_average"][0])
        )
        for v in [k for k in su if isinstance(su[k], dict) and "ready_ms" in su[k]]:
            paired = su.get("paired_ratio_" + v)
            imp = su[v]["import_ms"]
            print(
                "  %-12s %7.0f ms  paired/bare %s  import %s  requests %d  bytes %s (gzip %s)"
                % (
                    v,
                    ms(su[v]),
                    "%.3f" % paired["median"] if paired else "  -  ",
                    "%.1f ms" % imp["median"] if imp else "-",
                    su[v]["requests"],
                    kb(su[v]["bytes"]),
                    kb(su[v]["gzip_bytes"]),
                )
            )
            if paired and confidence(paired):
                print("    paired ratio: %s" % confidence(paired))
            if imp and confidence(imp, "%.1f"):
                print("    import (in-page marks), ms: %s" % confidence(imp, "%.1f"))
            for prob in su[v]["problems"]:
                print("    page problem: %s" % prob)


# ---------------------------------------------------------------- the engine table

# How the tables name each engine of `playwright.config.ENGINES` (one list of engines).
_LABELS = {"webkit": "WebKit"}
ENGINE_NAMES = {e: _LABELS.get(e, e.capitalize()) for e in playwright_config().ENGINES}
NOT_RUN = "not in this run"
ENGINE_HEAD = (
    "engine",
    "runtime",
    "start-up, fast path: paired",
    "twt-py / bare ms; import",
    "plain files: paired",
    "events: on_unread / raw",
    "on_unread / raw listener",
    "target (Chromium)",
    "not measured here: why",
)


def engine_rows(results: "dict[str, Any]") -> "list[dict[str, Any]]":
    """One row per engine and runtime: Chromium's from `runtimes` (the Playwright run), the
    other engines' from `engines.<engine>.runtimes`. Stored in the results file as
    `engine_table`; a figure the run did not measure is left out of its row."""
    from benchmarks.analysis import TARGET_STARTUP, TARGET_THROUGHPUT

    def row(engine: str, rt: str, r: "dict[str, Any]", not_measured: "dict[str, str]"):  # type: ignore[no-untyped-def]
        out: "dict[str, Any]" = {"engine": engine, "runtime": rt}
        su, ev = r.get("startup") or {}, r.get("events") or {}
        if "paired_ratio_twt_fast" in su:
            out["startup_fast_paired"] = su["paired_ratio_twt_fast"]["median"]
            out["startup_fast_ms"] = ms(su["twt_fast"])
            out["startup_bare_ms"] = ms(su["bare_fast"])
            imp = su["twt_fast"].get("import_ms")
            out["import_fast_ms"] = imp["median"] if imp else None
        if "paired_ratio_twt" in su:
            out["startup_files_paired"] = su["paired_ratio_twt"]["median"]
        if "ratio_vs_raw" in ev:
            out["events_vs_raw"] = ev["ratio_vs_raw"]
            out["on_unread_per_s"] = ev["twt"]["per_s"]
            out["raw_per_s"] = ev["raw"]["per_s"]
        if engine == "chromium":  # the targets are set on Chromium's figures
            met = []
            if "startup_fast_paired" in out:
                met.append(
                    "start-up <= %.2f: %s"
                    % (TARGET_STARTUP[rt], _yes(out["startup_fast_paired"] <= TARGET_STARTUP[rt]))
                )
            if "events_vs_raw" in out:
                met.append(
                    "events >= %.1f: %s"
                    % (TARGET_THROUGHPUT, _yes(out["events_vs_raw"] >= TARGET_THROUGHPUT))
                )
            out["targets"] = "; ".join(met)
        out["not_measured"] = dict(not_measured)
        if r.get("errors"):
            out["errors"] = dict(r["errors"])
        return out

    rows = [row("chromium", rt, results["runtimes"][rt], {}) for rt in _runtimes(results)]
    for engine in [e for e in ENGINE_NAMES if e in results.get("engines", {})]:
        e = results["engines"][engine]
        for rt in [x for x in RUNTIMES if x in e["runtimes"]]:
            rows.append(row(engine, rt, e["runtimes"][rt], e.get("not_measured", {})))
    return rows


def _yes(met: bool) -> str:
    return "met" if met else "MISSED"


def _engine_cells(row: "dict[str, Any]") -> "list[str]":
    """The engine table's cells of one row, in ENGINE_HEAD's order."""

    errors = row.get("errors") or {}

    def cell(key: str, fmt) -> str:  # type: ignore[no-untyped-def]
        if row.get(key) is not None:
            return fmt(row)
        part = "events" if key in ("events_vs_raw", "on_unread_per_s") else "startup"
        # A part that failed says so (its first line); one the run left out is not invented.
        return "failed: %s" % errors[part].split("\n")[0][:80] if part in errors else NOT_RUN

    return [
        ENGINE_NAMES[row["engine"]],
        NAMES[row["runtime"]],
        cell("startup_fast_paired", lambda r: "%.2f" % r["startup_fast_paired"]),
        cell("startup_fast_ms", _fast_ms),
        cell("startup_files_paired", lambda r: "%.2f" % r["startup_files_paired"]),
        cell("events_vs_raw", lambda r: "%.2f" % r["events_vs_raw"]),
        cell(
            "on_unread_per_s",
            lambda r: "%s / %s" % (_rate(r["on_unread_per_s"]), _rate(r["raw_per_s"])),
        ),
        row.get("targets") or "-",
        "; ".join("%s: %s" % kv for kv in row["not_measured"].items()) or "-",
    ]


def _fast_ms(row: "dict[str, Any]") -> str:
    imp = row.get("import_fast_ms")
    return "%.0f / %.0f; %s" % (
        row["startup_fast_ms"],
        row["startup_bare_ms"],
        "-" if imp is None else "%.1f ms" % imp,
    )


def engine_table(results: "dict[str, Any]") -> str:
    """The printed engine table: every engine's start-up and events, one row per runtime."""
    rows = [_engine_cells(r) for r in engine_rows(results)]
    head = list(ENGINE_HEAD)
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, head, strict=True)).rstrip()
    out = ["", "== engines", line, "-" * len(line)]
    for row in rows:
        out.append("  ".join("%-*s" % (w, c) for w, c in zip(widths, row, strict=True)).rstrip())
    return "\n".join(out)


def engines_markdown(results: "dict[str, Any]") -> str:
    """The engine table in Markdown (generated into benchmarks/README.md when the results file
    has other engines than Chromium)."""
    return _md_table(list(ENGINE_HEAD), [_engine_cells(r) for r in engine_rows(results)])


# ---------------------------------------------------------------- generated Markdown

NAMES = {"micropython": "MicroPython", "brython": "Brython", "pyodide": "Pyodide"}
PICK_NAMES = {
    "micropython": "PyScript + MicroPython",
    "brython": "Brython (no brython_stdlib.js)",
    "pyodide": "PyScript + Pyodide",
}
NOT_IN_FILE = "not in this results file"


def _runtimes(results: "dict[str, Any]") -> "list[str]":
    return [rt for rt in RUNTIMES if rt in results["runtimes"]]


def _us(x: float) -> str:
    """Microseconds: 385, 14.0, 6.88, 4.5, 0.82."""
    if x >= 100:
        return "%.0f" % x
    if x >= 10:
        return "%.1f" % x
    text = "%.2f" % x
    return text[:-1] if text.endswith("0") else text


def _rate(per_s: float, mega: bool = False) -> str:
    if mega and per_s >= 1e6:
        return "%.1f M/s" % (per_s / 1e6)
    return "%.0f k/s" % (per_s / 1e3) if per_s >= 1e4 else "%.1f k/s" % (per_s / 1e3)


def _size(n: float) -> str:
    return "%.0f KB" % (n / 1024) if n < 1048576 else "%.2f MB" % (n / 1048576)


def _sizes(a: float, b: float) -> str:
    """Two sizes in one unit: `796 / 743 KB`, `1.42 / 1.37 MB`."""
    if max(a, b) < 1048576:
        return "%.0f / %.0f KB" % (a / 1024, b / 1024)
    return "%.2f / %.2f MB" % (a / 1048576, b / 1048576)


def _md_table(head: "list[str]", rows: "list[list[str]]") -> str:
    first = ("| " + " | ".join(head) + " |").replace("|  |", "| |", 1)
    lines = [first, "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _row(label: str, rts: "list[str]", cell) -> "list[str]":  # type: ignore[no-untyped-def]
    """A table row: `cell(runtime)` per runtime, or NOT_IN_FILE where its data is missing."""
    out = [label]
    for rt in rts:
        try:
            out.append(cell(rt))
        except (KeyError, TypeError):
            out.append(NOT_IN_FILE)
    return out


def results_markdown(results: "dict[str, Any]") -> str:
    """benchmarks/README.md's Results table and the "where a call's time goes" table."""
    rts = _runtimes(results)
    R = results["runtimes"]

    def cmd(rt: str, sdk: str) -> "dict[str, Any]":
        return R[rt]["commands"][sdk]

    def su(rt: str) -> "dict[str, Any]":
        return R[rt]["startup"]

    def rate_us(block: "dict[str, Any]", unit: str, first: bool) -> str:
        key = "us_per_" + unit
        return "%s (%s µs%s)" % (
            _rate(block["per_s"]),
            _us(block[key]),
            "/" + unit if first else "",
        )

    def first(rt: str) -> bool:  # the unit once, in the first column of a twt-py row
        return rt == rts[0]

    def own(rt: str) -> str:
        s = su(rt)
        imp = s["twt"]["import_ms"]["median"]
        if rt == "brython" or not s["twt"]["twt_py_files_ms"]:
            return "%.0f ms (import)" % imp
        span = s["twt"]["twt_py_files_ms"]["span_ms"]["median"]
        return "%.0f + %.0f = %.0f ms" % (imp, span, s["own_ms"])

    def alt_paired(rt: str) -> str:
        s = su(rt)
        key = "paired_ratio_twt_stdlib" if rt == "brython" else "paired_ratio_twt_zip"
        return "%.2f" % s[key]["median"]

    def alt_bytes(rt: str) -> str:
        s = su(rt)
        if rt == "brython":
            t, b = s["twt_stdlib"], s["bare_stdlib"]
            return "%s vs %s bare; %d / %d requests" % (
                _size(t["bytes"]),
                _size(b["bytes"]),
                t["requests"],
                b["requests"],
            )
        z = s["twt_zip"]
        return "%s, %d requests" % (_size(z["bytes"]), z["requests"])

    def leak(rt: str, key: str) -> str:
        lk = R[rt]["leaks"]
        return "%d → %d" % (lk["before"][key], lk["after"][key])

    def per_cycle(rt: str) -> str:
        us = R[rt]["leaks"]["us_per_cycle"]
        return ("%.0f µs" if us >= 10 else "%.1f µs") % us

    cycles = max(R[rt]["leaks"]["cycles"] for rt in rts)
    rows = [
        _row(
            "**commands, mock SDK**: twt-py / raw FFI",
            rts,
            lambda rt: "**%.2f**" % cmd(rt, "mock")["ratio_vs_raw"],
        ),
        _row("twt-py", rts, lambda rt: rate_us(cmd(rt, "mock")["twt"], "call", first(rt))),
        _row(
            "raw FFI / api cached / JS loop",
            rts,
            lambda rt: (
                "%s / %s / %s"
                % (
                    *(
                        "%.1f" % (cmd(rt, "mock")[v]["per_s"] / 1e3)
                        for v in ("raw", "raw_cached", "js")
                    ),
                )
                + " k/s"
            ),
        ),
        _row(
            "raw calls with Chat bound / raw",
            rts,
            lambda rt: "%.2f" % cmd(rt, "mock")["raw_bound_vs_raw"],
        ),
        _row(
            "**commands, stub SDK**: twt-py / raw FFI",
            rts,
            lambda rt: "**%.2f**" % cmd(rt, "stub")["ratio_vs_raw"],
        ),
        _row("twt-py", rts, lambda rt: rate_us(cmd(rt, "stub")["twt"], "call", first(rt))),
        _row("raw FFI", rts, lambda rt: rate_us(cmd(rt, "stub")["raw"], "call", False)),
        _row(
            "raw FFI, api cached",
            rts,
            lambda rt: rate_us(cmd(rt, "stub")["raw_cached"], "call", False),
        ),
        _row(
            "**events**: twt-py / raw Python listener",
            rts,
            lambda rt: "**%.2f**" % R[rt]["events"]["ratio_vs_raw"],
        ),
        _row(
            "`on_unread` callback",
            rts,
            lambda rt: rate_us(R[rt]["events"]["twt"], "event", first(rt)),
        ),
        _row(
            "raw Python listener", rts, lambda rt: rate_us(R[rt]["events"]["raw"], "event", False)
        ),
        _row(
            "JS listener / dispatch alone",
            rts,
            lambda rt: (
                "%s / %s"
                % (
                    _rate(R[rt]["events"]["js"]["per_s"]),
                    _rate(R[rt]["events"]["none"]["per_s"], mega=True),
                )
            ),
        ),
        _row(
            "**start-up** to usable Chat: twt-py / bare (paired)",
            rts,
            lambda rt: "**%.2f**" % su(rt)["paired_ratio_twt"]["median"],
        ),
        _row(
            "twt-py / bare, medians",
            rts,
            lambda rt: (
                "%.0f / %.0f ms (%.2f)"
                % (ms(su(rt)["twt"]), ms(su(rt)["bare"]), ms(su(rt)["twt"]) / ms(su(rt)["bare"]))
            ),
        ),
        _row("twt-py's own time: import + files", rts, own),
        _row("the same over the bare median", rts, lambda rt: "%.2f" % su(rt)["own_ratio"]),
        _row(
            "**start-up, fast path** (`twt-py build`): twt-py / bare (paired)",
            rts,
            lambda rt: "**%.2f**" % su(rt)["paired_ratio_twt_fast"]["median"],
        ),
        _row(
            "fast path / bare, medians; its import",
            rts,
            lambda rt: (
                "%.0f / %.0f ms; %.1f ms"
                % (
                    ms(su(rt)["twt_fast"]),
                    ms(su(rt)["bare_fast"]),
                    su(rt)["twt_fast"]["import_ms"]["median"],
                )
            ),
        ),
        _row("twt_py.zip (PyScript) / with stdlib (Brython), paired", rts, alt_paired),
        _row(
            "**bytes** twt-py / bare (gzip)",
            rts,
            lambda rt: (
                "%s (%s)"
                % (
                    _sizes(su(rt)["twt"]["bytes"], su(rt)["bare"]["bytes"]),
                    _sizes(su(rt)["twt"]["gzip_bytes"], su(rt)["bare"]["gzip_bytes"]),
                )
            ),
        ),
        _row(
            "**requests** twt-py / bare",
            rts,
            lambda rt: "%d / %d" % (su(rt)["twt"]["requests"], su(rt)["bare"]["requests"]),
        ),
        _row("with twt_py.zip / with brython_stdlib.js", rts, alt_bytes),
        _row(
            f"**{cycles:,} cycles**: JS listeners on window",
            rts,
            lambda rt: leak(rt, "window_listeners"),
        ),
        _row(
            "proxies (`host.live`), SDK handlers, subscriptions",
            rts,
            lambda rt: ", ".join(
                leak(rt, k) for k in ("proxies_live", "sdk_handlers", "subscriptions")
            ),
        ),
        _row("time per cycle (4 subscribe+cancel)", rts, per_cycle),
        _row(
            "import twt_py into a running page",
            rts,
            lambda rt: "%.1f ms" % R[rt]["info"]["import_ms"],
        ),
    ]
    head = [""] + [NAMES[rt] for rt in rts]

    def part(group: str, key: str):  # type: ignore[no-untyped-def]
        if group == "commands":  # the breakdown of commands is stored with the stub SDK's
            return lambda rt: "%.2f" % R[rt]["commands"]["stub"]["breakdown_us"][key]
        return lambda rt: "%.2f" % R[rt][group]["breakdown_us"][key]

    def rest(rt: str) -> str:
        cb = R[rt]["commands"]["stub"]["breakdown_us"]
        return "%.2f" % (cb["command"] - cb["send"])

    parts = [
        _row('`host.get(window, "__twt__api")` (a `Reflect.get`)', rts, part("commands", "get")),
        _row(
            '`host.send(window, "__twt__api", "open")`: the api looked up and called, in one '
            "call into JS",
            rts,
            part("commands", "send"),
        ),
        _row(
            '`_call("open", (), {})` against the stub: checks, includes `host.send`',
            rts,
            lambda rt: "%.2f" % R[rt]["commands"]["stub"]["breakdown_us"]["command"],
        ),
        _row(
            "of which the rest of `_call` (its checks and Python calls: the row above minus "
            "`host.send`)",
            rts,
            rest,
        ),
        _row(
            "visibility listener, per open or close",
            rts,
            lambda rt: "%.2f" % R[rt]["commands"]["stub"]["breakdown_us"]["visibility"],
        ),
        _row("`event.detail.unread` by attribute", rts, part("events", "read_raw")),
        _row("the same through `host.get` twice", rts, part("events", "read_host")),
        _row("`Channel.put` → `Channel.deliver` → callback (what the listener calls)", rts, part("events", "set_unread")),
        _row(
            "the error label, timed alone (built only when a callback raises: off the delivery "
            "path, not in the row above)",
            rts,
            part("events", "label"),
        ),
        _row("the callback alone", rts, part("events", "callback")),
    ]
    engines = (
        [
            "",
            "On every engine (start-up and events; the targets are Chromium's):",
            "",
            engines_markdown(results),
        ]
        if results.get("engines")
        else []
    )
    return "\n".join(
        [
            _md_table(head, rows),
            "",
            "Where a call's time goes (µs per operation, best of the reps):",
            "",
            _md_table(head, parts),
            *engines,
        ]
    )


def pick_markdown(results: "dict[str, Any]") -> str:
    """README.md's "Which runtime should I pick?" table."""
    rts = _runtimes(results)
    R = results["runtimes"]

    def su(rt: str) -> "dict[str, Any]":
        return R[rt]["startup"]

    def stub_us(rt: str, v: str) -> float:
        return float(R[rt]["commands"]["stub"][v]["us_per_call"])

    rows = [
        _row(
            "download with twt-py, fast path (gzip)"
            if all("twt_fast" in su(rt) for rt in rts)
            else "download with twt-py (gzip)",
            rts,
            lambda rt: (
                "%s (bare %s)"
                % (
                    _size(su(rt)["twt_fast" if "twt_fast" in su(rt) else "twt"]["gzip_bytes"]),
                    _size(su(rt)["bare"]["gzip_bytes"]),
                )
            ),
        ),
        _row(
            "page usable, bare runtime → with twt-py",
            rts,
            lambda rt: (
                "%.0f → %.0f ms (%.2fx paired)"
                % (ms(su(rt)["bare"]), ms(su(rt)["twt"]), su(rt)["paired_ratio_twt"]["median"])
            ),
        ),
    ]
    if all("twt_fast" in su(rt) for rt in rts):
        rows.append(
            _row(
                "the same with the fast path (`twt-py build`)",
                rts,
                lambda rt: (
                    "%.0f → %.0f ms (%.2fx paired)"
                    % (
                        ms(su(rt)["bare_fast"]),
                        ms(su(rt)["twt_fast"]),
                        su(rt)["paired_ratio_twt_fast"]["median"],
                    )
                ),
            )
        )
    rows += [
        _row(
            "`Chat.open()` overhead over a raw FFI call (do-nothing SDK)",
            rts,
            lambda rt: (
                "+%s µs (%s vs %s µs)"
                % (
                    _us(stub_us(rt, "twt") - stub_us(rt, "raw")),
                    _us(stub_us(rt, "twt")),
                    _us(stub_us(rt, "raw")),
                )
            ),
        ),
        _row(
            "an unread event into `on_unread` vs a raw Python listener",
            rts,
            lambda rt: (
                "%s vs %s µs"
                % (
                    _us(R[rt]["events"]["twt"]["us_per_event"]),
                    _us(R[rt]["events"]["raw"]["us_per_event"]),
                )
            ),
        ),
    ]
    return _md_table([""] + [PICK_NAMES[rt] for rt in rts], rows)


def demo_costs(results: "dict[str, Any]") -> "dict[str, str]":
    """demo/index.html: per runtime card, the `<dt>`/`<dd>` pairs of a page with twt-py."""
    out = {}
    for rt in _runtimes(results):
        s = results["runtimes"][rt]["startup"]
        t = s["twt"]
        usable = "%.2f s (the runtime alone %.2f s)" % (ms(t) / 1000, ms(s["bare"]) / 1000)
        pairs = [
            ("Chat usable", usable),
            ("Download", "%s (%s gzipped)" % (_size(t["bytes"]), _size(t["gzip_bytes"]))),
            ("Requests", "%d" % t["requests"]),
        ]
        out[rt] = "\n".join(
            "        <dt>%s</dt><dd>%s</dd>" % (html.escape(k), html.escape(v)) for k, v in pairs
        )
    if "brython" in out:
        s = results["runtimes"]["brython"]["startup"]
        stdlib = s["bare_stdlib"]["bytes"] - s["bare"]["bytes"]
        out["stdlib-size"] = "%.1f MB" % (stdlib / 1048576)
    return out


# ---------------------------------------------------------------- the start-up chart

# (key in startup, row label, bar colour); the paired ratio is `paired_ratio_<key>`.
CHART_VARIANTS = (
    ("bare", "bare page", "#8c959f"),
    ("twt", "twt-py, plain files", "#0969da"),
    ("twt_fast", "twt-py, fast path", "#1a7f37"),
)


def startup_svg(results: "dict[str, Any]") -> str:
    """Horizontal bars: per runtime, start-up of the bare page, twt-py from plain files and
    twt-py's fast path (median ms), the paired ratio written beside each twt-py bar.

    Sizes are fixed in the SVG's own units with room for the text to spare, so the chart does
    not depend on which fonts are installed (the text is in the generic `sans-serif`)."""
    rts = _runtimes(results)
    label_w, bar_w, value_w = 190, 340, 220
    width = label_w + bar_w + value_w
    row_h, bar_h, group_gap, top = 22, 14, 12, 64
    values = [
        ms(results["runtimes"][rt]["startup"][key])
        for rt in rts
        for key, _, _ in CHART_VARIANTS
        if key in results["runtimes"][rt]["startup"]
    ]
    scale = bar_w / max(values) if values else 0.0
    height = top + len(rts) * (row_h * (1 + len(CHART_VARIANTS)) + group_gap) + 8

    body: "list[str]" = []
    summary: "list[str]" = []
    y = top
    for rt in rts:
        su = results["runtimes"][rt]["startup"]
        body.append(
            '<text x="8" y="%d" font-size="14" font-weight="bold">%s</text>'
            % (y + 15, html.escape(NAMES[rt]))
        )
        y += row_h
        said = []
        for key, label, colour in CHART_VARIANTS:
            body.append(
                '<text x="%d" y="%d" font-size="12">%s</text>' % (20, y + 13, html.escape(label))
            )
            if key not in su:
                body.append(
                    '<text x="%d" y="%d" font-size="12" font-style="italic" fill="#57606a">'
                    "%s</text>" % (label_w, y + 13, NOT_IN_FILE)
                )
                said.append("%s %s" % (label, NOT_IN_FILE))
                y += row_h
                continue
            value = ms(su[key])
            paired = su.get("paired_ratio_" + key)
            text = "%.0f ms" % value
            if paired:
                text += " (%.2f\u00d7 bare, paired)" % paired["median"]
            w = max(value * scale, 1.0)
            body.append(
                '<rect class="bar" data-runtime="%s" data-variant="%s" x="%d" y="%d"'
                ' width="%.1f" height="%d" fill="%s"/>'
                % (rt, key, label_w, y + 3, w, bar_h, colour)
            )
            body.append(
                '<text x="%.1f" y="%d" font-size="12">%s</text>'
                % (label_w + w + 6, y + 14, html.escape(text))
            )
            said.append("%s %s" % (label, text))
            y += row_h
        summary.append("%s: %s." % (NAMES[rt], "; ".join(said)))
        y += group_gap

    title = "Start-up to a usable Chat: bare page vs twt-py, per runtime"
    desc = (
        "Median milliseconds from navigation until Chat is usable, cold loads in new browser "
        "contexts; the ratio beside each twt-py bar is the median of the paired twt-py/bare "
        "loads. " + " ".join(summary)
    )
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d"'
            ' role="img" aria-labelledby="startup-title startup-desc"'
            ' font-family="sans-serif" fill="#1f2328">' % (width, height, width, height),
            '<title id="startup-title">%s</title>' % html.escape(title),
            '<desc id="startup-desc">%s</desc>' % html.escape(desc),
            '<rect width="100%" height="100%" fill="#ffffff"/>',
            '<text x="8" y="22" font-size="15" font-weight="bold">%s</text>' % html.escape(title),
            '<text x="8" y="42" font-size="12" fill="#57606a">median ms of cold loads'
            " (shorter is better); ratio: median of paired twt-py/bare loads</text>",
            *body,
            "</svg>",
            "",
        ]
    )


# ---------------------------------------------------------------- writing the sections

GENERATED_NOTE = (
    "<!-- generated from the results file by `python -m benchmarks.report`:"
    " edits between the markers are overwritten -->"
)


def replace_between(text: str, name: str, content: str, *, inline: bool = False) -> str:
    """`text` with what stands between `<!-- name:begin -->` and `<!-- name:end -->` replaced.

    A block section's markers stand on lines of their own (so prose may name them) and the
    content keeps the end marker's indentation; an inline section's markers are found anywhere
    in the text."""
    begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
    if inline:
        found = [[m.start() for m in re.finditer(re.escape(s), text)] for s in (begin, end)]
    else:
        found = [
            [m.start(1) for m in re.finditer(r"(?m)^[ \t]*(%s)[ \t]*$" % re.escape(s), text)]
            for s in (begin, end)
        ]
    if len(found[0]) != 1 or len(found[1]) != 1:
        where = "" if inline else " on a line of its own"
        raise ValueError("expected one %s and one %s%s" % (begin, end, where))
    i, j = found[0][0] + len(begin), found[1][0]
    if j < i:
        raise ValueError("%s comes before %s" % (end, begin))
    if inline:
        return text[:i] + content + text[j:]
    indent = text[i:j].rsplit("\n", 1)[-1]
    return text[:i] + "\n" + content + "\n" + indent + text[j:]


def generated(results: "dict[str, Any]", root: Path = ROOT) -> "dict[Path, str]":
    """The new contents of every file with generated sections (whole files)."""
    out: "dict[Path, str]" = {}
    readme = root / "benchmarks" / "README.md"
    out[readme] = replace_between(
        readme.read_text("utf-8"), "results", GENERATED_NOTE + "\n\n" + results_markdown(results)
    )
    main = root / "README.md"
    out[main] = replace_between(
        main.read_text("utf-8"), "runtimes", GENERATED_NOTE + "\n\n" + pick_markdown(results)
    )
    demo = root / "demo" / "index.html"
    text = demo.read_text("utf-8")
    for key, content in demo_costs(results).items():
        if key == "stdlib-size":
            text = replace_between(text, key, content, inline=True)
        else:
            text = replace_between(text, "costs:" + key, content)
    out[demo] = text
    out[root / "benchmarks" / "startup.svg"] = startup_svg(results)
    return out


def write_generated(results_path: Path, root: Path = ROOT) -> "list[Path]":
    """Regenerate the sections and the chart from `results_path`; the files that changed."""
    results = json.loads(Path(results_path).read_text("utf-8"))
    changed = []
    for path, content in generated(results, root).items():
        if not path.exists() or path.read_text("utf-8") != content:
            path.write_text(content, "utf-8")
            changed.append(path)
    return changed


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.report",
        description="Regenerate the README tables, the demo's figures and benchmarks/startup.svg "
        "from a results file.",
    )
    parser.add_argument(
        "results",
        nargs="?",
        default=str(DEFAULT_RESULTS),
        help="results file (default benchmarks/results.json)",
    )
    args = parser.parse_args(argv)
    changed = write_generated(Path(args.results))
    for path in changed:
        print("wrote %s" % path.relative_to(ROOT))
    if not changed:
        print("up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
