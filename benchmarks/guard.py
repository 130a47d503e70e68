"""What guarding every SDK call costs, per command and per event, on each runtime.

    .venv/bin/python -m benchmarks.guard                    # all runtimes (about a minute)
    .venv/bin/python -m benchmarks.guard --runtime micropython --n 2000 --reps 3

Every call into the vendor SDK goes through `host.attempt`, a small JS trampoline that catches
a throw and returns it as a value (on MicroPython a JS exception would otherwise end the
page's Python), and on MicroPython every read goes through a JS getter that hands whole numbers
beyond 32 bits over exactly. This measures, in one page per runtime (`pages/guard.py`, served
by server.py's server as `/_bench/<runtime>/guard`), against a do-nothing stub SDK, each beside
its baseline from the same run:

- per command: `host.attempt(api, "open")` (guarded) vs `host.call(api, "open")` (the adapter's
  unguarded call, what commands used before) vs `api.open()` through the raw FFI, and the whole
  `Chat.open()`;
- per command and per event, the whole path now vs before (see below);
- per event: the two reads an unread event costs (`event.detail`, `detail.unread`) through
  `host.get` vs `Reflect.get` (the adapters' read before), and the count check `_count(v)` vs
  `int(v)` (before).

Medians and best of `--reps` interleaved reps of `--n` iterations, in µs per iteration with the
empty loop subtracted. The guard's cost is taken from the best reps of the parts that changed
(a shared machine's noise only ever adds time): `attempt - call` per command, `host.get` twice
plus `_count` minus `Reflect.get` twice plus `int` per event. "Before" rows are the command and
event paths as they were before the guard, rebuilt in the page from the same parts, so both run
in the same page. Prints a table and writes `benchmarks/guard-results.json` (`--out`).
"""

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks import run  # noqa: E402

STUB_SDK = (
    "window.__twt__api = {open() {}, close() {}, isOpen() { return false; },"
    " isReady() { return true; }, getError() { return null; }};"
)
COMMAND = ("raw", "call", "attempt", "command_before", "command")
EVENT = ("read_reflect", "read_host", "check_int", "check_count", "event_before", "event_now")
DEFAULT_OUT = HERE / "guard-results.json"


def measure(browser, base_url: str, runtime: str, n: int, reps: int) -> "dict[str, object]":
    ctx, guard = run.new_context(browser, base_url)
    try:
        page = run.open_bench_page(
            ctx, "/_bench/%s/guard" % runtime, 120_000, also="window.__bench('ready', 0) === 1"
        )
        page.evaluate(STUB_SDK)
        b = run.BenchPage(page)
        runs: "dict[str, list[float]]" = {k: [] for k in ("loop", *COMMAND, *EVENT)}
        for name in runs:  # warm up
            b(name, max(1, n // 10))
        for _ in range(reps):
            for name in runs:
                runs[name].append(b(name, n))
        problems = guard.problems()
    finally:
        ctx.close()

    def per_iteration(pick) -> "dict[str, float]":  # type: ignore[no-untyped-def]
        empty = pick(runs["loop"])
        return {k: max(0.0, pick(v) - empty) * 1000.0 / n for k, v in runs.items() if k != "loop"}

    median = per_iteration(run.median)
    best = per_iteration(min)
    return {
        "us_per_iteration": median,
        "us_per_iteration_best": best,
        "runs_ms": runs,
        # The guard's own cost, from the parts that changed (best reps: the least disturbed).
        "guard_per_command_us": best["attempt"] - best["call"],
        "guard_per_event_us": (best["read_host"] - best["read_reflect"])
        + (best["check_count"] - best["check_int"]),
        # The whole paths, before and after (noisier: more work per iteration).
        "path_per_command_us": best["command"] - best["command_before"],
        "path_per_event_us": best["event_now"] - best["event_before"],
        "problems": problems,
    }


ROWS = (
    ("per command", "Chat.open() before (host.call)", "command_before"),
    ("", "Chat.open() now (guarded)", "command"),
    ("", "  raw FFI api.open()", "raw"),
    ("", "  host.call (unguarded)", "call"),
    ("", "  host.attempt (guarded)", "attempt"),
    ("per event", "unread event before", "event_before"),
    ("", "unread event now", "event_now"),
    ("", "  2 reads, Reflect.get", "read_reflect"),
    ("", "  2 reads, host.get", "read_host"),
    ("", "  check int(v)", "check_int"),
    ("", "  check _count(v)", "check_count"),
)


def table(runtime: str, r: "dict[str, Any]") -> str:
    med, best = r["us_per_iteration"], r["us_per_iteration_best"]
    out = [runtime, "  %-12s %-32s %9s %9s" % ("", "µs each", "median", "best")]
    for group, what, key in ROWS:
        out.append("  %-12s %-32s %9.3f %9.3f" % (group, what, med[key], best[key]))
    out.append(
        "  guard (attempt - call; host.get + _count - Reflect.get + int, best):"
        " %+.2f µs per command, %+.2f µs per event"
        % (r["guard_per_command_us"], r["guard_per_event_us"])
    )
    out.append(
        "  whole path now - before (best): %+.2f µs per command, %+.2f µs per event"
        % (r["path_per_command_us"], r["path_per_event_us"])
    )
    for p in r["problems"]:
        out.append("  PROBLEM: %s" % p)
    return "\n".join(out)


def main(argv: "list[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime", default=",".join(run.RUNTIMES))
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=31)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    runtimes = [r.strip() for r in args.runtime.split(",") if r.strip()]
    from playwright.sync_api import sync_playwright

    results: "dict[str, object]" = {}
    with run.Server() as server, sync_playwright() as pw:
        browser = pw.chromium.launch(**run.launch_args())  # type: ignore[arg-type]
        try:
            for runtime in runtimes:
                r = measure(browser, server.url, runtime, args.n, args.reps)
                results[runtime] = r
                print(table(runtime, r), flush=True)
        finally:
            browser.close()
    data = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "n": args.n,
        "reps": args.reps,
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    print("wrote %s" % args.out)
    return 1 if any(r["problems"] for r in results.values()) else 0  # type: ignore[index]


if __name__ == "__main__":
    sys.exit(main())
