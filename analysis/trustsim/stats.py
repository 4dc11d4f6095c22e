"""The statistics the figures need beyond what the file holds.

Intervals of outcomes are read from the file's /comparison (computed once, in
sim/sweep/comparison.cpp). What is left here is for series and files the
binary has not summarised: bands over replicates day by day, the comparison
of a sweep still being resumed, and partial rank correlations. Replicates
are independent runs, so a mean has a Student t interval and a difference a
Welch interval (SciPy's t quantile, scipy.special.stdtrit: what
scipy.stats.t.ppf computes, without importing all of scipy.stats, which
cost each command a third of a second).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.special

_Z975 = float(scipy.special.ndtri(0.975))


def t975(df: float) -> float:
    """The 97.5% quantile of Student's t (fractional df allowed, for Welch):
    the half-width, in standard errors, of a 95% interval. NaN below one
    degree of freedom."""
    return float(scipy.special.stdtrit(df, 0.975)) if df >= 1 else math.nan


def mean_interval(values: npt.ArrayLike) -> tuple[int, float, float, float]:
    """(n, mean, ci_low, ci_high) of the mean, NaNs ignored; no interval below n=2."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return 0, math.nan, math.nan, math.nan
    mean = float(x.mean())
    if n < 2:
        return n, mean, math.nan, math.nan
    half = t975(n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    return n, mean, mean - half, mean + half


def difference_interval(values: npt.ArrayLike, baseline: npt.ArrayLike) -> tuple[float, float, float]:
    """(diff, ci_low, ci_high): mean(values) - mean(baseline), Welch 95% interval."""
    x = np.asarray(values, dtype=float)
    y = np.asarray(baseline, dtype=float)
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    if len(x) == 0 or len(y) == 0:
        return math.nan, math.nan, math.nan
    diff = float(x.mean() - y.mean())
    if len(x) < 2 or len(y) < 2:
        return diff, math.nan, math.nan
    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    se = math.sqrt(vx + vy)
    if se == 0:
        return diff, diff, diff  # both constant: the difference is exact
    df = (vx + vy) ** 2 / (vx**2 / (len(x) - 1) + vy**2 / (len(y) - 1))
    half = t975(df) * se
    return diff, diff - half, diff + half


def comparison_from_summary(summary: pd.DataFrame, outcomes: Sequence[str], baseline: str,
                            grid_keys: Sequence[str] = ()) -> pd.DataFrame:
    """The /comparison table for a file that has none yet (a sweep being
    resumed), computed as sim/sweep/comparison.cpp does: within each grid
    cell, per variant and outcome, n, mean, ci_low, ci_high, and diff,
    diff_ci_low, diff_ci_high from `baseline` (NaN on the baseline's rows)."""
    rows = []
    grid_keys = list(grid_keys)
    by = grid_keys[0] if len(grid_keys) == 1 else grid_keys
    cells = summary.groupby(by, sort=False) if grid_keys else [((), summary)]
    for cell, block in cells:
        cell = cell if isinstance(cell, tuple) else (cell,)
        by_variant = {v: g for v, g in block.groupby("variant", sort=False)}
        base = by_variant.get(baseline)
        for variant, group in by_variant.items():
            for outcome in outcomes:
                n, mean, lo, hi = mean_interval(group[outcome])
                if base is None or variant == baseline:
                    diff = (math.nan, math.nan, math.nan)
                else:
                    diff = difference_interval(group[outcome], base[outcome])
                rows.append((variant, *cell, outcome, n, mean, lo, hi, *diff))
    return pd.DataFrame(
        rows,
        columns=["variant", *grid_keys, "outcome", "n", "mean", "ci_low", "ci_high", "diff", "diff_ci_low",
                 "diff_ci_high"],
    )


def band_over_replicates(daily_wide: pd.DataFrame, metric: str, smooth_days: int = 1) -> pd.DataFrame:
    """Per variant and day: n, mean, ci_low, ci_high of `metric` over replicates.

    With smooth_days > 1, each run's series is first a centred rolling mean
    over that many days (noisy daily counts read better smoothed).
    Days with fewer than two replicates get no interval (NaN).
    """
    # One (day x run) table, as pivot_table would make it (the mean of any
    # duplicates; days and runs without a value left out), built with numpy:
    # pivot_table's grouping cost more than everything else here.
    days, day_at = np.unique(daily_wide["day"].to_numpy(), return_inverse=True)
    run_ids, run_at = np.unique(daily_wide["run_id"].to_numpy(), return_inverse=True)
    values = daily_wide[metric].to_numpy(dtype=float)
    known = ~np.isnan(values)
    total = np.zeros((len(days), len(run_ids)))
    count = np.zeros((len(days), len(run_ids)))
    np.add.at(total, (day_at[known], run_at[known]), values[known])
    np.add.at(count, (day_at[known], run_at[known]), 1)
    has_day, has_run = count.any(axis=1), count.any(axis=0)
    with np.errstate(invalid="ignore"):
        table = (total / count)[np.ix_(has_day, has_run)]
    runs = pd.DataFrame(table, index=pd.Index(days[has_day], name="day"))
    if smooth_days > 1:
        runs = runs.rolling(smooth_days, center=True, min_periods=1).mean()
    variant_of = np.empty(len(run_ids), dtype=object)
    variant_of[run_at[::-1]] = daily_wide["variant"].to_numpy()[::-1]  # each run's first row's
    variant_of = variant_of[has_run]
    frames = []
    for variant in dict.fromkeys(daily_wide["variant"]):
        block = runs.to_numpy()[:, variant_of == variant]
        n = np.sum(~np.isnan(block), axis=1)
        with warnings.catch_warnings():
            # Days with one replicate (or none) have no spread: NaN, said once in the docstring.
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = np.nanmean(block, axis=1)
            sd = np.nanstd(block, axis=1, ddof=1)
        # One quantile per replicate count, not per day: scipy's stdtrit costs more than the day's sums.
        quantile = {k: t975(k - 1) for k in np.unique(n)}
        half = np.array([quantile[k] for k in n]) * sd / np.sqrt(np.maximum(n, 1))
        frames.append(
            pd.DataFrame(
                {"variant": variant, "day": runs.index, "n": n, "mean": mean, "ci_low": mean - half, "ci_high": mean + half}
            )
        )
    return pd.concat(frames, ignore_index=True)


def _ranks(x: np.ndarray) -> np.ndarray:
    return pd.Series(x).rank(method="average").to_numpy()


def prcc(summary: pd.DataFrame, parameters: Sequence[str], outcomes: Sequence[str]) -> pd.DataFrame:
    """Partial rank correlation of each parameter with each outcome.

    For parameter p and outcome y: rank everything, regress out the other
    parameters' ranks from both p and y, correlate what is left. Also a 95%
    interval by Fisher's z (se = 1/sqrt(n - 3 - other parameters)).
    Columns: parameter, outcome, prcc, ci_low, ci_high, n.
    """
    parameters, outcomes = list(parameters), list(outcomes)
    rows = []
    for outcome in outcomes:
        table = summary[parameters + [outcome]].dropna()
        n, k = len(table), len(parameters)
        ranked = np.column_stack([_ranks(table[c].to_numpy()) for c in parameters])
        y = _ranks(table[outcome].to_numpy())
        for j, parameter in enumerate(parameters):
            others = np.column_stack([np.ones(n), np.delete(ranked, j, axis=1)])
            rx = ranked[:, j] - others @ np.linalg.lstsq(others, ranked[:, j], rcond=None)[0]
            ry = y - others @ np.linalg.lstsq(others, y, rcond=None)[0]
            denom = math.sqrt(float(rx @ rx) * float(ry @ ry))
            # A constant outcome or parameter has no rank correlation to report.
            r = float(rx @ ry) / denom if denom > 1e-12 else math.nan
            lo = hi = math.nan
            dof = n - 3 - (k - 1)
            if dof > 0 and abs(r) < 1:
                z, se = math.atanh(r), 1 / math.sqrt(dof)
                lo, hi = math.tanh(z - _Z975 * se), math.tanh(z + _Z975 * se)
            rows.append((parameter, outcome, r, lo, hi, n))
    return pd.DataFrame(rows, columns=["parameter", "outcome", "prcc", "ci_low", "ci_high", "n"])
