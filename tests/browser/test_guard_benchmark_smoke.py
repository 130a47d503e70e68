"""The guard-cost benchmark (`benchmarks/guard.py`) runs end to end with a tiny N on MicroPython.

Not a timing test: it checks every figure is there and a number, so the benchmark keeps working
as the package changes. The real run is `python -m benchmarks.guard`.
"""

import importlib.util
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = "micropython"


def test_guard_benchmark_runs_with_tiny_n(browser, pytestconfig: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    selected = [r.strip() for r in str(pytestconfig.getoption("--runtime")).split(",")]
    if RUNTIME not in selected:
        pytest.skip("the guard benchmark smoke test runs on %s, not selected" % RUNTIME)
    spec = importlib.util.spec_from_file_location(
        "twt_benchmarks_guard", ROOT / "benchmarks" / "guard.py"
    )
    assert spec and spec.loader
    guard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(guard)
    with guard.run.Server() as server:
        r = guard.measure(browser, server.url, RUNTIME, 40, 1)
    assert r["problems"] == []
    keys = set(guard.COMMAND + guard.EVENT)
    for table in ("us_per_iteration", "us_per_iteration_best"):
        assert set(r[table]) == keys
        assert all(isinstance(v, float) and math.isfinite(v) and v >= 0 for v in r[table].values())
    for key in (
        "guard_per_command_us",
        "guard_per_event_us",
        "path_per_command_us",
        "path_per_event_us",
    ):
        assert math.isfinite(r[key])
    assert guard.table(RUNTIME, r).startswith(RUNTIME)
