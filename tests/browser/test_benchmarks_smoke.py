"""The benchmark harness (`benchmarks/run.py`) runs end to end with a tiny N on MicroPython.

Not a timing test: it checks that the results are complete and every figure is a positive
number, so the harness keeps working as the package changes. The real run is
`python -m benchmarks.run` (see benchmarks/README.md).
"""

import importlib.util
import json
import math
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = "micropython"
TINY = {"n": 40, "reps": 1, "loads": 1, "cycles": 100, "timeout_ms": 60_000}


def _load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "twt_benchmarks_run", ROOT / "benchmarks" / "run.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _positive(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )


def test_benchmarks_run_with_tiny_n(browser, pytestconfig: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    selected = [r.strip() for r in str(pytestconfig.getoption("--runtime")).split(",")]
    if RUNTIME not in selected:
        pytest.skip("the benchmark smoke test runs on %s, not selected" % RUNTIME)
    harness = _load_harness()
    with harness.Server() as server:
        results = harness.run_all(browser, server.url, [RUNTIME], dict(TINY), log=lambda *a: None)

    json.dumps(results)  # the results file can be written
    machine = results["machine"]
    for key in ("cpu", "cores", "memory_gb", "os", "chromium", "npm"):
        assert machine[key], key
    assert results["settings"]["n"] == TINY["n"]

    r = results["runtimes"][RUNTIME]
    assert r["problems"] == []
    assert r["info"]["runtime"].startswith("micropython ")
    assert _positive(r["info"]["import_ms"])

    for sdk in ("mock", "stub"):
        block = r["commands"][sdk]
        for variant in ("twt", "raw", "raw_cached", "js"):
            assert _positive(block[variant]["per_s"]), (sdk, variant, block[variant])
        for ratio in ("ratio_vs_raw", "ratio_vs_raw_cached", "ratio_vs_js"):
            assert _positive(block[ratio]), (sdk, ratio)
    assert set(r["commands"]["stub"]["breakdown_us"]) == {"get", "send", "command", "visibility"}

    events = r["events"]
    for variant in ("twt", "raw", "js", "none"):
        assert _positive(events[variant]["per_s"]), (variant, events[variant])
    assert _positive(events["ratio_vs_raw"])
    assert events["lost"] == {"js": 0, "raw": 0, "twt": 0}  # every event reached its listener
    assert set(events["breakdown_us"]) == {
        "read_raw",
        "read_host",
        "set_unread",
        "label",
        "callback",
    }

    startup = r["startup"]
    for variant in ("twt", "bare", "twt_zip", "twt_fast"):
        v = startup[variant]
        assert _positive(v["ready_ms"]["median"]), variant
        assert _positive(v["bytes"]) and _positive(v["gzip_bytes"]) and _positive(v["requests"]), (
            variant
        )
        assert v["problems"] == [] and v["failed_requests"] == [], (variant, v["problems"])
    assert _positive(startup["twt"]["import_ms"]["median"])
    assert _positive(startup["own_ms"]) and _positive(startup["paired_ratio_twt"]["median"])
    assert startup["twt"]["requests"] > startup["bare"]["requests"]  # twt_py's files
    assert startup["twt"]["bytes"] > startup["bare"]["bytes"]
    # the loader and the payload of the page's interpreter
    assert startup["twt_fast"]["requests"] == startup["bare"]["requests"] + 2
    assert _positive(startup["paired_ratio_twt_fast"]["median"])

    leaks = r["leaks"]
    assert leaks["cycles"] == TINY["cycles"]
    assert _positive(leaks["before"]["window_listeners"])
    assert leaks["growth"] == {
        "window_listeners": 0,
        "proxies_live": 0,
        "sdk_handlers": 0,
        "subscriptions": 0,
    }
    assert leaks["still_delivers"] is True

    metrics = [t["metric"] for t in r["targets"]]
    assert metrics == [
        "commands", "commands", "events", "startup", "startup_fast", "bytes", "leaks"
    ]
    for t in r["targets"]:
        # the stub SDK's commands and the plain files' start-up are reported without a target
        assert isinstance(t["met"], bool) or (t["met"] is None and t["target"] == "-"), t
        if t["met"] is False:
            assert t["why"] and t["fix"], t

    text = harness.table(RUNTIME, r)
    for label in (
        "commands, stub SDK",
        "events into on_unread",
        "start-up to usable Chat",
        "bytes",
    ):
        assert label in text
