"""`benchmarks/report.py` without a browser: the Markdown, the demo's figures and the start-up
chart generated from a results file (`python -m benchmarks.report`).

The results dict below has the structure of `benchmarks/results.json` (only the keys the
report reads), with made-up numbers chosen so that each one shows up recognisably.
"""

import copy
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


def _rate(per_s: float, unit: str) -> "dict[str, Any]":
    return {"per_s": per_s, "min": per_s, "max": per_s, "runs": [per_s], unit: 1e6 / per_s}


def _load(
    ready: float, imp: "float | None", nbytes: int, gz: int, requests: int
) -> "dict[str, Any]":
    return {
        "ready_ms": {"median": ready, "min": ready, "max": ready, "runs": [ready]},
        "import_ms": None if imp is None else {"median": imp},
        "requests": requests,
        "bytes": nbytes,
        "gzip_bytes": gz,
        "twt_py_files_ms": None if imp is None else {"span_ms": {"median": 80.0}},
        "problems": [],
        "failed_requests": [],
    }


def _runtime(rt: str, k: float) -> "dict[str, Any]":
    """One runtime's results; `k` scales the times so the runtimes differ."""
    leaks = {"window_listeners": 17, "proxies_live": 4, "sdk_handlers": 1, "subscriptions": 1}
    su: "dict[str, Any]" = {
        "loads": 15,
        "twt": _load(450.0 * k, 13.0, 815_442, 318_052, 23),
        "bare": _load(360.0 * k, None, 761_088, 300_032, 13),
        "twt_fast": _load(380.0 * k, 9.5, 790_000, 305_000, 14),
        "bare_fast": _load(360.0 * k, None, 761_088, 300_032, 13),
        "paired_ratio_twt": {"median": 1.25},
        "paired_ratio_twt_fast": {"median": 1.05},
        "own_ms": 93.0,
        "own_ratio": 1.26,
    }
    if rt == "brython":
        su["twt_stdlib"] = _load(520.0 * k, 200.0, 6_284_631, 1_341_572, 5)
        su["bare_stdlib"] = _load(290.0 * k, None, 6_227_603, 1_326_861, 4)
        su["paired_ratio_twt_stdlib"] = {"median": 1.74}
    else:
        su["twt_zip"] = _load(540.0 * k, 14.0, 939_808, 390_104, 15)
        su["paired_ratio_twt_zip"] = {"median": 1.5}
    commands = {
        sdk: {
            "twt": _rate(2600.0 if sdk == "mock" else 145_000.0, "us_per_call"),
            "raw": _rate(3200.0 if sdk == "mock" else 1_220_000.0, "us_per_call"),
            "raw_cached": _rate(3100.0 if sdk == "mock" else 2_941_000.0, "us_per_call"),
            "js": _rate(3250.0 if sdk == "mock" else 9e9, "us_per_call"),
            "ratio_vs_raw": 0.81 if sdk == "mock" else 0.12,
        }
        for sdk in ("mock", "stub")
    }
    commands["mock"]["raw_bound_vs_raw"] = 0.89
    commands["stub"]["breakdown_us"] = {
        "get": 1.5,
        "send": 1.68,
        "command": 5.66,
        "visibility": 7.78,
    }
    return {
        "info": {"runtime": rt + " 1.0", "import_ms": 11.9},
        "commands": commands,
        "events": {
            "twt": _rate(90_000.0, "us_per_event"),
            "raw": _rate(208_000.0, "us_per_event"),
            "js": _rate(990_000.0, "us_per_event"),
            "none": _rate(2_400_000.0, "us_per_event"),
            "ratio_vs_raw": 0.43,
            "breakdown_us": {
                "read_raw": 0.48,
                "read_host": 3.06,
                "set_unread": 2.96,
                "label": 1.06,
                "callback": 0.34,
            },
        },
        "startup": su,
        "leaks": {"cycles": 10_000, "us_per_cycle": 20.65, "before": leaks, "after": dict(leaks)},
    }


def _results() -> "dict[str, Any]":
    return {
        "date": "2026-11-29T12:00:00Z",
        "runtimes": {
            rt: _runtime(rt, k)
            for rt, k in (("micropython", 1.0), ("brython", 1.1), ("pyodide", 5.0))
        },
    }


def test_results_markdown_carries_the_numbers() -> None:
    text = report.results_markdown(_results())
    assert report.NOT_IN_FILE not in text
    for expected in (
        "| | MicroPython | Brython | Pyodide |",
        "**0.81**",  # commands, mock SDK
        "**0.12**",  # commands, stub SDK
        "145 k/s (6.9 µs/call)",
        "1220 k/s (0.82 µs)",
        "**0.43**",  # events
        "990 k/s / 2.4 M/s",
        "**1.25**",  # start-up, paired
        "450 / 360 ms (1.25)",
        "13 + 80 = 93 ms",  # own time on PyScript: import + files
        "13 ms (import)",  # Brython: the import only
        "**1.05**",  # fast path, paired
        "380 / 360 ms; 9.5 ms",
        "796 / 743 KB (311 / 293 KB)",
        "23 / 13",
        "5.99 MB vs 5.94 MB bare; 5 / 4 requests",
        "17 → 17",
        "21 µs",
        "11.9 ms",
        "| 1.50 |",  # host.get
        "| 3.98 |",  # the rest of _call: 5.66 - 1.68 (host.send)
        "| 0.34 |",  # the callback alone
        "Where a call's time goes",
    ):
        assert expected in text, expected


def test_missing_figures_are_said_not_invented() -> None:
    results = _results()
    for r in results["runtimes"].values():
        del r["startup"]["twt_fast"], r["startup"]["paired_ratio_twt_fast"]
        del r["startup"]["bare_fast"]
    text = report.results_markdown(results)
    fast = [line for line in text.splitlines() if "fast path" in line]
    assert fast and all(report.NOT_IN_FILE in line for line in fast)
    assert "fast path" not in report.pick_markdown(results)  # the row is left out there
    svg = ET.fromstring(report.startup_svg(results))
    assert not [b for b in svg.iter(SVG + "rect") if b.get("data-variant") == "twt_fast"]


def test_pick_table_and_demo_costs() -> None:
    results = _results()
    text = report.pick_markdown(results)
    assert (
        "| | PyScript + MicroPython | Brython (no brython_stdlib.js) | PyScript + Pyodide |" in text
    )
    assert "298 KB (bare 293 KB)" in text  # the fast path's download
    assert "360 → 450 ms (1.25x paired)" in text
    assert "360 → 380 ms (1.05x paired)" in text  # the fast path
    assert "+6.08 µs (6.9 vs 0.82 µs)" in text
    assert "11.1 vs 4.81 µs" in text
    costs = report.demo_costs(results)
    assert "<dt>Chat usable</dt><dd>0.45 s (the runtime alone 0.36 s)</dd>" in costs["micropython"]
    assert "<dt>Requests</dt><dd>23</dd>" in costs["micropython"]
    assert costs["stdlib-size"] == "5.2 MB"  # (6_227_603 - 761_088) bytes


def test_svg_parses_and_has_a_bar_per_runtime_and_variant() -> None:
    results = _results()
    svg = ET.fromstring(report.startup_svg(results))
    assert svg.tag == SVG + "svg" and svg.get("role") == "img"
    assert svg.find(SVG + "title") is not None and svg.find(SVG + "desc") is not None
    assert svg.get("font-family") == "sans-serif"
    bars = {(b.get("data-runtime"), b.get("data-variant")) for b in svg.iter(SVG + "rect")}
    bars.discard((None, None))  # the background
    assert bars == {(rt, v) for rt in results["runtimes"] for v in ("bare", "twt", "twt_fast")}
    texts = " ".join(t.text or "" for t in svg.iter(SVG + "text"))
    assert "450 ms (1.25× bare, paired)" in texts and "380 ms (1.05× bare, paired)" in texts
    widths = {
        (b.get("data-runtime"), b.get("data-variant")): float(b.get("width") or 0)
        for b in svg.iter(SVG + "rect")
        if b.get("data-runtime")
    }
    assert max(widths, key=lambda k: widths[k]) == ("pyodide", "twt")  # one scale for all


def test_regenerating_is_deterministic(tmp_path: Path) -> None:
    for rel in ("README.md", "benchmarks/README.md", "demo/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text((ROOT / rel).read_text("utf-8"), "utf-8")
    results_file = tmp_path / "results.json"
    results_file.write_text(json.dumps(_results()), "utf-8")
    first = report.write_generated(results_file, tmp_path)
    assert len(first) == 4
    snapshot = {p: p.read_text("utf-8") for p in first}
    assert report.write_generated(results_file, tmp_path) == []  # nothing changes the second time
    assert {p: p.read_text("utf-8") for p in first} == snapshot
    readme = snapshot[tmp_path / "benchmarks/README.md"]
    assert readme.count("\n<!-- results:begin -->\n") == 1 and "**1.05**" in readme
    assert "(1.05x paired)" in snapshot[tmp_path / "README.md"]
    demo = snapshot[tmp_path / "demo/index.html"]
    assert "0.45 s (the runtime alone 0.36 s)" in demo and "<!-- costs:brython:end -->" in demo


def test_markers_are_required() -> None:
    with pytest.raises(ValueError, match="results:begin"):
        report.replace_between("no markers here", "results", "x")
    # prose may name a block marker; only the markers on lines of their own count
    text = "see `<!-- x:begin -->`\n<!-- x:begin -->\nold\n  <!-- x:end -->\n"
    assert report.replace_between(text, "x", "new") == (
        "see `<!-- x:begin -->`\n<!-- x:begin -->\nnew\n  <!-- x:end -->\n"
    )


def test_checked_in_sections_match_results_json() -> None:
    """README.md, benchmarks/README.md, demo/index.html and startup.svg are what
    `python -m benchmarks.report` makes of the checked-in results.json."""
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text("utf-8"))
    for path, content in report.generated(copy.deepcopy(results), ROOT).items():
        assert path.read_text("utf-8") == content, "run python -m benchmarks.report: %s" % path


def _engine_runtime(fast: float, files: float, events: "float | None") -> "dict[str, Any]":
    """One runtime's part of `engines.<engine>` as `benchmarks/engines.py` writes it."""
    su = {
        "twt": _load(500.0, 14.0, 0, 0, 0),
        "bare": _load(400.0, None, 0, 0, 0),
        "twt_fast": _load(430.0, 12.5, 0, 0, 0),
        "bare_fast": _load(410.0, None, 0, 0, 0),
        "paired_ratio_twt": {"median": files},
        "paired_ratio_twt_fast": {"median": fast},
    }
    r: "dict[str, Any]" = {"startup": su, "problems": []}
    if events is not None:
        r["events"] = {
            "twt": _rate(events * 100_000.0, "us_per_event"),
            "raw": _rate(100_000.0, "us_per_event"),
            "ratio_vs_raw": events,
        }
    return r


def _with_engines() -> "dict[str, Any]":
    results = _results()
    why = {"10,000 cycles": "counted through Chromium's CDP"}
    results["engines"] = {
        "webkit": {  # measured with --only startup: no events
            "runtimes": {"brython": _engine_runtime(1.21, 2.61, None)},
            "not_measured": why,
        },
        "firefox": {
            "runtimes": {
                "pyodide": _engine_runtime(0.97, 1.02, 1.9),
                "micropython": _engine_runtime(1.04, 1.37, 0.83),
            },
            "not_measured": why,
        },
    }
    return results


def test_engine_table_one_row_per_engine_and_runtime() -> None:
    results = _with_engines()
    rows = report.engine_rows(results)
    # Chromium first (the Playwright run), then the other engines, runtimes in the usual order
    assert [(r["engine"], r["runtime"]) for r in rows] == [
        ("chromium", "micropython"),
        ("chromium", "brython"),
        ("chromium", "pyodide"),
        ("firefox", "micropython"),
        ("firefox", "pyodide"),
        ("webkit", "brython"),
    ]
    json.dumps(rows)  # stored in the results file as engine_table
    firefox_mp = rows[3]
    assert firefox_mp["startup_fast_paired"] == 1.04 and firefox_mp["events_vs_raw"] == 0.83
    assert "targets" not in firefox_mp  # the targets are Chromium's
    # Chromium's micropython: fast path 1.05 against <= 1.05, events 0.43 against >= 0.7
    assert rows[0]["targets"] == "start-up <= 1.05: met; events >= 0.7: MISSED"

    text = report.engine_table(results)
    lines = text.splitlines()
    head = next(line for line in lines if line.startswith("engine"))
    for column in report.ENGINE_HEAD:
        assert column in head
    by_engine = {
        (line.split()[0], line.split()[1]): line
        for line in lines
        if line.split() and line.split()[0] in ("Chromium", "Firefox", "WebKit")
    }
    assert len(by_engine) == 6
    firefox = by_engine[("Firefox", "MicroPython")]
    assert "1.04" in firefox and "430 / 410; 12.5 ms" in firefox and "1.37" in firefox
    assert "0.83" in firefox and "83 k/s / 100 k/s" in firefox
    assert "10,000 cycles: counted through Chromium's CDP" in firefox
    webkit = by_engine[("WebKit", "Brython")]
    assert "1.21" in webkit and "2.61" in webkit
    assert webkit.count(report.NOT_RUN) == 2  # events were not in this run: said, not invented
    chromium = by_engine[("Chromium", "Pyodide")]
    assert "1.05" in chromium and "0.43" in chromium and "CDP" not in chromium


def test_engine_table_in_markdown_only_with_other_engines() -> None:
    assert "On every engine" not in report.results_markdown(_results())
    text = report.results_markdown(_with_engines())
    table = text[text.index("On every engine") :]
    assert "| engine | runtime | start-up, fast path: paired |" in table
    assert "| Firefox | Pyodide | 0.97 | 430 / 410; 12.5 ms | 1.02 | 1.90 |" in table
    assert table.count("\n| WebKit |") == 1


def test_engine_table_says_which_part_failed() -> None:
    results = _with_engines()
    webkit = results["engines"]["webkit"]["runtimes"]["brython"]
    del webkit["startup"]
    webkit["errors"] = {"startup": "AssertionError: webkit: still falsy after 180000 ms\n  at x"}
    line = next(
        line for line in report.engine_table(results).splitlines() if line.startswith("WebKit")
    )
    assert line.count("failed: AssertionError: webkit: still falsy after 180000 ms") == 3
    assert line.count(report.NOT_RUN) == 2  # events: left out by the run, not failed
