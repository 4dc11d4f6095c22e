"""The output of `trustsim calibrate` (docs/calibration.md): the posterior
as tables, its marginals and pairs with the prior shown faintly, and the
posterior predictive of each target against its observation.

    from trustsim import posterior
    p = posterior.read_calibration("results/recovery.h5")
    p.summary()                                    # median and 90% interval per parameter
    style.save(posterior.marginals_and_pairs(p), "out/posterior")   # PNG and SVG
    style.save(posterior.predictive_vs_targets(p), "out/predictive")

    python3 -m trustsim.posterior results/recovery.h5 -o out/
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np
import numpy.typing as npt
import pandas as pd
from matplotlib.figure import Figure

from . import style
from .load import TrustsimFileError, _column, open_results

PRIOR_ALPHA = 0.18  # the prior, drawn faintly behind the posterior


@dataclass
class Calibration:
    path: Path
    parameters: pd.DataFrame  # key, prior, low, high
    posterior: pd.DataFrame  # particle, weight, distance, one column per parameter and outcome
    populations: pd.DataFrame  # population, tolerance, attempts, ..., acceptance_rate
    population_particles: dict  # population number -> its particles, like `posterior`
    targets: pd.DataFrame  # name, outcome, observed, low, high, scale, scale_kind, source, ...
    predictive: pd.DataFrame  # draw, particle, seed, one column per outcome
    stop_reason: str
    resolved: dict  # the calibration with every default filled in

    @property
    def keys(self) -> list:
        return list(self.parameters["key"])

    def summary(self) -> pd.DataFrame:
        """Per parameter: prior, weighted median and 90% interval."""
        w = self.posterior["weight"].to_numpy()
        rows = []
        for _, p in self.parameters.iterrows():
            x = self.posterior[p["key"]].to_numpy()
            rows.append({"parameter": p["key"], "prior": p["prior"], "low": p["low"], "high": p["high"],
                         "median": weighted_quantile(x, w, 0.5),
                         "q05": weighted_quantile(x, w, 0.05),
                         "q95": weighted_quantile(x, w, 0.95)})
        return pd.DataFrame(rows)

    def predictive_summary(self) -> pd.DataFrame:
        """Per target: the observation and the predictive median and 90% interval."""
        rows = []
        for _, t in self.targets.iterrows():
            y = self.predictive[t["outcome"]].to_numpy()
            lo, hi = (np.quantile(y, [0.05, 0.95]) if len(y) else (np.nan, np.nan))
            rows.append({"target": t["name"], "outcome": t["outcome"], "low": t["low"],
                         "high": t["high"], "median": np.median(y) if len(y) else np.nan,
                         "q05": lo, "q95": hi, "covered": bool(t["high"] >= lo and t["low"] <= hi)})
        return pd.DataFrame(rows)


def weighted_quantile(values: npt.ArrayLike, weights: npt.ArrayLike, q: float) -> float:
    """The smallest value whose cumulative weight reaches q (as trustsim summary computes it)."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    reach = q * cumulative[-1] * (1 - 1e-12)
    for i, c in zip(order, cumulative):
        if c >= reach and weights[i] > 0:
            return float(values[i])
    return float(values[order[-1]])


def _table(group: h5py.Group) -> pd.DataFrame:
    return pd.DataFrame({c: _column(group[c]) for c in group.attrs["columns"]})


def read_calibration(path: str | Path) -> Calibration:
    """Reads a calibration file; TrustsimFileError if it is not one."""
    results = open_results(path)
    path = Path(path)
    with results._reading("the calibration") as f:
        kind = f.attrs.get("kind")
        kind = kind.decode() if isinstance(kind, bytes) else kind
        if kind != "calibration":
            raise TrustsimFileError(path, f"a trustsim file of kind {kind!r}, not the output of "
                                          "trustsim calibrate")
        c = f["calibration"]
        populations = _table(c["populations"])
        particles = {int(p): _table(c[f"population_{int(p):03d}"]) for p in populations["population"]}
        return Calibration(path=path, parameters=_table(c["parameters"]), posterior=_table(f["summary"]),
                           populations=populations, population_particles=particles,
                           targets=_table(c["targets"]), predictive=_table(c["posterior_predictive"]),
                           stop_reason=str(f.attrs["stop_reason"]),
                           resolved=json.loads(f.attrs["scenario_resolved"]))


def _log_scale(p) -> bool:
    return p["prior"] == "log_uniform"


def _bins(p, count=24):
    if _log_scale(p):
        return np.geomspace(p["low"], p["high"], count + 1)
    return np.linspace(p["low"], p["high"], count + 1)


@style.styled
def marginals_and_pairs(cal: Calibration) -> Figure:
    """A corner plot: each parameter's weighted posterior histogram over its
    prior (faint), and each pair's particles, sized by weight, over a faint
    sample from the prior (population 0)."""
    params = [row for _, row in cal.parameters.iterrows()]
    d = len(params)
    size = min(style.FULL_WIDTH, 2.4 * d + 0.6)
    fig = style.new_figure(width=size, height=size)
    axes = fig.subplots(d, d, squeeze=False)
    w = cal.posterior["weight"].to_numpy()
    prior_sample = cal.population_particles.get(0)
    for i, pi in enumerate(params):
        for j, pj in enumerate(params):
            ax = axes[i][j]
            if j > i:
                ax.axis("off")
                continue
            if _log_scale(pj):
                ax.set_xscale("log")
            ax.set_xlim(pj["low"], pj["high"])
            if i == j:
                bins = _bins(pi)
                # The prior: uniform on its (log) scale, so a flat bar per bin.
                ax.hist(bins[:-1], bins=bins, weights=np.full(len(bins) - 1, 1.0 / (len(bins) - 1)),
                        color=style.GREY, alpha=PRIOR_ALPHA, label="prior")
                ax.hist(cal.posterior[pi["key"]], bins=bins, weights=w, color=style.BLUE,
                        alpha=0.85, label="posterior")
                ax.set_yticks([])
                ax.grid(False)
            else:
                if _log_scale(pi):
                    ax.set_yscale("log")
                ax.set_ylim(pi["low"], pi["high"])
                if prior_sample is not None:
                    ax.scatter(prior_sample[pj["key"]], prior_sample[pi["key"]], s=5,
                               color=style.GREY, alpha=PRIOR_ALPHA, linewidths=0)
                ax.scatter(cal.posterior[pj["key"]], cal.posterior[pi["key"]],
                           s=8 + 400 * w, color=style.BLUE, alpha=0.6, linewidths=0)
            if i == d - 1:
                ax.set_xlabel(pj["key"])
            else:
                ax.tick_params(labelbottom=False)
            if j == 0 and i > 0:
                ax.set_ylabel(pi["key"])
    axes[0][0].legend(loc="upper right", fontsize=7)
    fig.suptitle("Posterior (blue) over the prior (grey)")
    return fig


@style.styled
def predictive_vs_targets(cal: Calibration) -> Figure:
    """Per target: the posterior predictive distribution of its outcome
    with the observation (a line, or a shaded interval) and its sd or tolerance."""
    targets = [row for _, row in cal.targets.iterrows()]
    n = max(1, len(targets))
    cols = min(3, n)
    rows = (n + cols - 1) // cols
    fig = style.new_figure(height=2.3 * rows + 0.5)
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False).ravel())
    for ax in axes[len(targets):]:
        ax.axis("off")
    for ax, t in zip(axes, targets):
        y = cal.predictive[t["outcome"]].to_numpy()
        if len(y):
            ax.hist(y, bins=min(30, max(5, len(y) // 4)), color=style.BLUE, alpha=0.8,
                    label="posterior predictive")
            for q in np.quantile(y, [0.05, 0.95]):
                ax.axvline(q, color=style.BLUE, linestyle=":", linewidth=1)
        ax.axvspan(t["low"] - t["scale"], t["high"] + t["scale"], color=style.ORANGE,
                   alpha=PRIOR_ALPHA, label=f"observed ± {t['scale_kind']}")
        if t["low"] == t["high"]:
            ax.axvline(t["low"], color=style.VERMILLION, linewidth=1.5, label="observed")
        else:
            ax.axvspan(t["low"], t["high"], color=style.VERMILLION, alpha=0.35, label="observed")
        ax.set_title(style.pretty(t["name"]))
        ax.set_xlabel(t["outcome"])
        ax.set_yticks([])
    axes[0].legend(loc="upper right", fontsize=7)
    fig.suptitle("Posterior predictive against the targets")
    return fig


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m trustsim.posterior",
                                     description="Posterior figures of a trustsim calibration")
    parser.add_argument("file", help="output of trustsim calibrate")
    parser.add_argument("-o", "--output", default="posterior", help="directory for the figures")
    args = parser.parse_args(argv)
    try:
        cal = read_calibration(args.file)
    except TrustsimFileError as error:
        print(error, file=sys.stderr)
        return 2
    out = Path(args.output)
    style.save(marginals_and_pairs(cal), out / "posterior")
    style.save(predictive_vs_targets(cal), out / "predictive")
    print(cal.summary().to_string(index=False))
    print()
    print(cal.predictive_summary().to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
