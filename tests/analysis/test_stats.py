"""Intervals, differences and partial rank correlations (trustsim.stats)."""

import math

import numpy as np
import pandas as pd
import pytest

from trustsim import open_results, stats


@pytest.mark.parametrize(
    "df, t",
    [(1, 12.7062), (2, 4.3027), (4, 2.7764), (10, 2.2281), (30, 2.0423), (120, 1.9799), (1e6, 1.9600),
     # fractional, as Welch's df are (values from scipy.stats.t.ppf)
     (1.5, 6.0167), (2.7, 3.3921), (13.9, 2.1462), (47.0, 2.0117)],
)
def test_t975_matches_the_t_distribution(df, t):
    assert stats.t975(df) == pytest.approx(t, abs=2e-4)


def test_t975_of_less_than_one_degree_is_nan():
    assert math.isnan(stats.t975(0))


def test_mean_interval_is_a_student_t_interval():
    n, mean, lo, hi = stats.mean_interval([1.0, 2.0, 3.0, np.nan])
    assert (n, mean) == (3, 2.0)
    assert hi - mean == pytest.approx(4.303 * 1.0 / math.sqrt(3), rel=1e-3)
    assert mean - lo == pytest.approx(hi - mean)


def test_one_value_has_a_mean_but_no_interval():
    n, mean, lo, hi = stats.mean_interval([5.0])
    assert (n, mean) == (1, 5.0) and math.isnan(lo) and math.isnan(hi)


def test_difference_interval_is_welch():
    diff, lo, hi = stats.difference_interval([2.0, 3.0, 4.0], [1.0, 2.0, 3.0])
    assert diff == 1.0
    se = math.sqrt(1 / 3 + 1 / 3)  # both variances 1, df = 4
    assert hi - diff == pytest.approx(2.776 * se, rel=1e-3)


def test_difference_of_constants_is_exact():
    assert stats.difference_interval([2.0, 2.0], [1.0, 1.0]) == (1.0, 1.0, 1.0)


def test_comparison_from_summary_has_the_file_layout_and_no_diff_for_the_baseline():
    summary = pd.DataFrame({
        "variant": ["baseline"] * 3 + ["more_meetings"] * 3,
        "incidents": [10.0, 12.0, 14.0, 6.0, 7.0, 8.0],
    })
    c = stats.comparison_from_summary(summary, ["incidents"], "baseline")
    assert list(c.columns) == ["variant", "outcome", "n", "mean", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high"]
    base, other = c.iloc[0], c.iloc[1]
    assert base["mean"] == 12.0 and math.isnan(base["diff"])
    assert other["diff"] == -5.0
    assert other["diff_ci_low"] < -5.0 < other["diff_ci_high"] < 0


def test_band_over_replicates_smooths_then_averages():
    wide = pd.DataFrame({
        "run_id": [0, 0, 0, 1, 1, 1],
        "variant": ["v"] * 6,
        "day": [0, 1, 2] * 2,
        "incidents": [0.0, 3.0, 0.0, 0.0, 3.0, 6.0],
    })
    raw = stats.band_over_replicates(wide, "incidents")
    assert raw["mean"].tolist() == [0.0, 3.0, 3.0]
    smooth = stats.band_over_replicates(wide, "incidents", smooth_days=3)
    # Centred 3-day means: run 0 -> 1.5, 1, 1.5; run 1 -> 1.5, 3, 4.5.
    assert smooth["mean"].tolist() == pytest.approx([1.5, 2.0, 3.0])
    assert smooth["n"].tolist() == [2, 2, 2]


def test_prcc_finds_the_drivers_and_ignores_monotone_rescaling():
    rng = np.random.default_rng(3)
    n = 200
    table = pd.DataFrame({"a": rng.uniform(size=n), "b": rng.uniform(size=n), "noise": rng.uniform(size=n)})
    table["up"] = np.exp(3 * table["a"]) + 0.3 * rng.normal(size=n)  # monotone in a
    table["down"] = -table["b"] + 0.05 * rng.normal(size=n)
    p = stats.prcc(table, ["a", "b", "noise"], ["up", "down"]).set_index(["parameter", "outcome"])
    assert p.loc[("a", "up"), "prcc"] > 0.9
    assert p.loc[("b", "down"), "prcc"] < -0.9
    assert abs(p.loc[("noise", "up"), "prcc"]) < 0.2
    assert p.loc[("a", "up"), "ci_low"] > 0.8 and p.loc[("b", "down"), "ci_high"] < -0.8
    rescaled = table.assign(a=table["a"] ** 3)  # ranks unchanged, so PRCC unchanged
    q = stats.prcc(rescaled, ["a", "b", "noise"], ["up"]).set_index(["parameter", "outcome"])
    assert q.loc[("a", "up"), "prcc"] == pytest.approx(p.loc[("a", "up"), "prcc"])


def test_prcc_of_a_constant_outcome_is_nan():
    table = pd.DataFrame({"a": [1.0, 2, 3, 4, 5, 6], "flat": [1.0] * 6})
    assert math.isnan(stats.prcc(table, ["a"], ["flat"])["prcc"].item())


def test_prcc_recovers_the_fixture_sweep_design(sampled_file):
    r = open_results(sampled_file)
    p = stats.prcc(r.summary, r.parameters, ["trust_between", "issues_unraised"]).set_index(["parameter", "outcome"])
    assert p.loc[("meetings.face_to_face_fraction", "trust_between"), "ci_low"] > 0
    assert p.loc[("trust.informal_gain", "trust_between"), "ci_low"] > 0
    assert p.loc[("issues.raise_threshold", "issues_unraised"), "ci_low"] > 0


def test_comparison_from_summary_compares_within_each_grid_cell_never_across():
    summary = pd.DataFrame({
        "variant": ["baseline", "baseline", "x", "x"] * 2,
        "k": [1.0] * 4 + [2.0] * 4,
        "incidents": [10.0, 12.0, 8.0, 10.0, 100.0, 102.0, 90.0, 92.0],
    })
    c = stats.comparison_from_summary(summary, ["incidents"], "baseline", grid_keys=["k"])
    assert list(c.columns[:3]) == ["variant", "k", "outcome"]
    x = c[c["variant"] == "x"].set_index("k")
    assert x.loc[1.0, "diff"] == -2.0 and x.loc[2.0, "diff"] == -10.0
    assert x.loc[1.0, "n"] == 2


def test_comparison_skips_runs_whose_outcomes_are_not_in_yet():
    """A sweep being resumed may list runs whose outcomes are still NaN."""
    summary = pd.DataFrame({
        "variant": ["baseline"] * 3 + ["explicit_workarounds"] * 3,
        "leavers": [4.0, 6.0, np.nan, 2.0, np.nan, np.nan],
    })
    c = stats.comparison_from_summary(summary, ["leavers"], "baseline").set_index("variant")
    assert c.loc["baseline", "n"] == 2 and c.loc["baseline", "mean"] == 5.0
    assert c.loc["explicit_workarounds", "n"] == 1
    assert c.loc["explicit_workarounds", "diff"] == -3.0
    assert math.isnan(c.loc["explicit_workarounds", "diff_ci_low"])  # one run: no interval yet
