"""`benchmarks/analysis.py`'s start-up statistics without a browser: the interval of a
median, and the verdict it gives against a target."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import report  # noqa: E402
from benchmarks.analysis import median_interval, spread_summary  # noqa: E402


def test_the_interval_of_a_median_uses_the_binomial_ranks() -> None:
    # n = 30: the 10th and 21st smallest (1 - 2 P(B <= 9) = 95.7% for B ~ Bin(30, 1/2))
    assert median_interval([float(i) for i in range(30, 0, -1)]) == [10.0, 21.0]
    # n = 6: the extremes (96.9%); n = 5 has no 95% interval
    assert median_interval([5.0, 1.0, 4.0, 2.0, 6.0, 3.0]) == [1.0, 6.0]
    assert median_interval([1.0, 2.0, 3.0, 4.0, 5.0]) is None


def test_a_target_is_decided_by_the_whole_interval() -> None:
    low = [1.00 + i / 1000 for i in range(30)]  # 1.000-1.029
    assert spread_summary(low, 1.05)["confidence"]["verdict"] == "met"
    assert spread_summary(low, 0.99)["confidence"]["verdict"] == "missed"
    assert spread_summary(low, 1.015)["confidence"]["verdict"] == "undecided"
    assert spread_summary(low[:5], 1.05)["confidence"]["verdict"] == "undecided"
    figure = spread_summary(low)
    assert "verdict" not in figure["confidence"]
    # quartiles interpolated between loads: ranks 8.25 and 22.75 of 30
    assert figure["n"] == 30
    assert abs(figure["q1"] - 1.00725) < 1e-9 and abs(figure["q3"] - 1.02175) < 1e-9


def test_the_tables_state_the_spread_and_the_verdict() -> None:
    text = report.confidence(spread_summary([1.00 + i / 1000 for i in range(30)], 1.05))
    assert text == "IQR 1.007-1.022, 95% CI 1.009-1.020: met (target <= 1.05)"
    assert report.confidence({"median": 1.0}) == ""  # a results file from before
