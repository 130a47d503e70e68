"""twt-py's benchmarks: every figure beside a baseline measured in the same run and page.

    .venv/bin/python -m benchmarks.run                      # all runtimes, defaults (4-6 min)
    .venv/bin/python -m benchmarks.run --runtime micropython --quick
    .venv/bin/python benchmarks/run.py --out benchmarks/out/mine.json
    .venv/bin/python -m benchmarks.run --only startup --engine firefox,webkit --out /tmp/e.json

What it measures and how: benchmarks/README.md. This module is the command line; the work is
in five modules, one job each:

- `server.py`: the benchmark pages, the server that serves them, guarded browser contexts;
- `measure.py`: what is measured in the browser (commands, events, breakdown, leak cycles,
  cold loads), per runtime and for all of them;
- `analysis.py`: summaries, ratios, targets and the why/fix texts of missed ones;
- `report.py`: the printed tables, and the README sections and chart made from a results file;
- `engines.py`: start-up and events on Firefox and WebKit (`--engine`), beside Chromium's.

A run that writes the default `benchmarks/results.json` regenerates those sections at its end.
The targets are shown, never asserted. Not part of `./run test`;
`tests/browser/test_benchmarks_smoke.py` runs `run_all` with a tiny N.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import report
from benchmarks.analysis import (  # noqa: F401  (re-exported for guard.py, lazy.py, workers.py)
    TARGET_STARTUP,
    TARGET_THROUGHPUT,
    headline,
    median,
    rate_summary,
    reanalyze,
    summary,
    targets,
)
from benchmarks.engines import ENGINES, parse_engines, run_engine
from benchmarks.measure import (  # noqa: F401
    BenchPage,
    in_page,
    machine_info,
    open_bench_page,
    run_all,
    run_runtime,
    startup,
)
from benchmarks.server import (  # noqa: F401
    HEAD,
    HERE,
    MOCK_SDK,
    PAGES,
    ROOT,
    RUNTIMES,
    STUB_SDK,
    Guard,
    Server,
    build_page,
    create_bench_app,
    launch_args,
    new_context,
)
from benchmarks.report import table  # noqa: F401

DEFAULT_OUT = HERE / "results.json"


def settings(args: argparse.Namespace) -> "dict[str, int]":
    if args.quick:
        cfg = {"n": 500, "reps": 3, "loads": 3, "cycles": 1000}
    else:
        cfg = {"n": 5000, "reps": 5, "loads": 0, "cycles": 10_000}  # loads 0: 15, Pyodide 7
    for key in ("n", "reps", "loads", "cycles"):
        value = getattr(args, key)
        if value is not None:
            cfg[key] = value
    cfg["timeout_ms"] = 180_000
    return cfg


def _measure_alone(  # type: ignore[no-untyped-def]
    runtimes: "list[str]", cfg: "dict[str, int]", base_url: str, what: str, measure
) -> "dict[str, Any]":
    """`--only ...` on Chromium: `measure(browser, url, runtime)` per runtime in one browser."""
    from playwright.sync_api import sync_playwright

    results: "dict[str, Any]" = {"settings": cfg, "runtimes": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        try:
            for rt in runtimes:
                print("[bench] %s: %s..." % (rt, what))
                results["runtimes"][rt] = measure(browser, base_url, rt)
        finally:
            browser.close()
    return results


def _measure_chromium(
    args: argparse.Namespace, runtimes: "list[str]", cfg: "dict[str, int]", base_url: str
) -> "dict[str, Any]":
    """Chromium's part, through Playwright: everything, or `--only` one part."""
    if args.only == "startup":  # the cold loads alone
        return _measure_alone(
            runtimes,
            cfg,
            base_url,
            "cold loads",
            lambda browser, url, rt: {
                "startup": startup(browser, url, rt, cfg),
                "load_average": list(os.getloadavg()),
            },
        )
    if args.only == "inpage":  # commands, events and cycles alone
        return _measure_alone(
            runtimes,
            cfg,
            base_url,
            "in-page (commands, events, cycles)",
            lambda browser, url, rt: in_page(browser, url, rt, cfg),
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        try:
            return run_all(browser, base_url, runtimes, cfg)
        finally:
            browser.close()


def _print_inpage(results: "dict[str, Any]") -> None:
    """`--only inpage`'s summary: per runtime the events ratio and its breakdown."""
    for rt, r in results["runtimes"].items():
        ev = r["events"]
        print(
            "%s: events vs raw %.2f (twt %.2f us, raw %.2f us per event), breakdown %s"
            % (
                rt,
                ev["ratio_vs_raw"],
                ev["twt"]["us_per_event"],
                ev["raw"]["us_per_event"],
                ev["breakdown_us"],
            )
        )


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--runtime",
        default=",".join(RUNTIMES),
        help="comma-separated subset of %s" % ", ".join(RUNTIMES),
    )
    parser.add_argument(
        "--engine",
        default="chromium",
        help="comma-separated subset of %s, or all (default chromium: the targets' engine;"
        " Firefox and WebKit measure start-up and events through WebDriver, minutes more)"
        % ", ".join(ENGINES),
    )
    parser.add_argument("--n", type=int, help="open/close pairs and events per rep (default 5000)")
    parser.add_argument(
        "--reps", type=int, help="timed reps per variant, medians reported (default 5)"
    )
    parser.add_argument(
        "--loads",
        type=int,
        help="cold loads per start-up page, at least 5 for the results file (default 15,"
        " Pyodide 7; on Firefox and WebKit 5, Pyodide 3)",
    )
    parser.add_argument("--cycles", type=int, help="subscribe/cancel cycles (default 10000)")
    parser.add_argument(
        "--out",
        default=str(DEFAULT_OUT),
        help="JSON file to write (default benchmarks/results.json)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small N, 3 loads: a quick look, not for the results file",
    )
    parser.add_argument(
        "--only",
        choices=["startup", "inpage"],
        help="measure only this part (the rest of the file is left out): a targeted look",
    )
    parser.add_argument(
        "--reanalyze",
        metavar="FILE",
        help="only recompute the targets and their why/fix texts in a results file",
    )
    args = parser.parse_args(argv)
    if args.reanalyze:
        reanalyze(Path(args.reanalyze))
        return 0
    runtimes = [r.strip() for r in args.runtime.split(",") if r.strip()]
    bad = [r for r in runtimes if r not in RUNTIMES]
    if bad:
        parser.error("unknown runtime(s) %s" % ", ".join(bad))
    cfg = settings(args)
    try:
        engines = parse_engines(args.engine)
    except ValueError as exc:
        parser.error(str(exc))
    out = Path(args.out)
    full = args.only is None and "chromium" in engines
    if out.resolve() == DEFAULT_OUT.resolve() and not full:
        parser.error(
            "the default %s holds a full Chromium run: give --out for --only or an --engine"
            " list without chromium" % DEFAULT_OUT.relative_to(ROOT)
        )

    started = time.monotonic()
    with Server() as server:
        if "chromium" in engines:
            results = _measure_chromium(args, runtimes, cfg, server.url)
        else:
            results = {"settings": cfg, "runtimes": {}}
        others = [e for e in engines if e != "chromium"]
        if others:  # after Chromium has closed: one browser at a time on the machine
            results["engines"] = {
                e: run_engine(e, server.url, runtimes, cfg, args.only) for e in others
            }
    results["engine_table"] = report.engine_rows(results)
    if full:
        results["command"] = " ".join(
            ["python -m benchmarks.run", *(argv if argv is not None else sys.argv[1:])]
        )
        results["notes"] = (
            "Medians of %d timed reps (commands, events) and of %s cold loads (start-up). "
            "Each figure's baseline was measured in the same run and page. The machine was "
            "shared (see load_average per runtime): absolute numbers are noisy, ratios less "
            "so. Why each missed target is missed and what would close it: "
            "runtimes.<runtime>.targets[].why and .fix, and benchmarks/README.md."
            % (cfg["reps"], cfg["loads"] or "15 (Pyodide 7)")
        )
        report.print_results(results)
    elif args.only == "startup":
        report.print_startup_only(results)
    elif args.only == "inpage":
        _print_inpage(results)
    print(report.engine_table(results))
    results["seconds"] = round(time.monotonic() - started, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, default=float) + "\n", "utf-8")
    print("\nwrote %s (%.0f s)" % (out, results["seconds"]))
    if out.resolve() == DEFAULT_OUT.resolve():  # the checked-in results: regenerate what shows them
        for path in report.write_generated(out):
            print("wrote %s" % path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
