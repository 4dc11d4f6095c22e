"""Sensitivity and response curves: which parameters matter, and how an
outcome responds to a grid value.

- `indices(results)` reads the /sensitivity table a Morris or Sobol' sweep
  writes (docs/output-format.md); `ranked_bars(...)` draws one outcome's
  parameters ranked by importance with their bootstrap 95% intervals, and
  the replicate-noise reference as a shaded band; `sensitivity_figure(...)`
  one panel per outcome.
- `response_table(results)` is the /comparison of a grid sweep over one or
  two keys (each cell's own replicates, never pooled); `response_curve(...)`
  draws an outcome against the grid value, a line and 95% band per
  variant; `response_figure(...)` one panel per outcome.

Drawing functions take an optional `ax` and return it, so they compose
with other matplotlib figures; the *_figure functions save PNG and SVG
(or, given no path, return the figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import style
from .load import Results

# What a response figure shows unless asked for others.
POLICY_OUTCOMES = ("trust_between", "issues_unraised", "incidents", "leavers")

NOISE = "(replicate noise)"  # the parameter name of the noise reference row

# The two indices of each method, in the table's column order.
INDEX_NAMES = {"morris": ("mu_star", "sigma"), "sobol": ("S1", "ST")}
INDEX_LABELS = {
    "mu_star": "μ*: mean absolute elementary effect",
    "sigma": "σ of the elementary effects",
    "S1": "S1 (alone)",
    "ST": "ST (with interactions)",
}


def indices(results: Results) -> pd.DataFrame:
    """The /sensitivity table; attrs carry `method` and `replicate_noise`.

    Raises ValueError if the file has none (not a Morris or Sobol' sweep).
    """
    table = None
    with results._reading("/sensitivity") as f:
        if "sensitivity" in f:
            group = f["sensitivity"]
            table = results._columns_table(group, "/sensitivity")
            table.attrs["method"] = str(group.attrs["method"])
            table.attrs["replicate_noise"] = str(group.attrs["replicate_noise"])
            table.attrs["replicates"] = int(group.attrs["replicates"])
    if table is None:
        raise ValueError(f"{results.path} has no /sensitivity table: it needs a Morris or Sobol' sweep")
    return table


def ranked(table: pd.DataFrame, outcome: str, variant: str | None = None) -> pd.DataFrame:
    """One outcome's rows, most important first (μ* or ST), the noise row apart."""
    method = table.attrs["method"]
    key = INDEX_NAMES[method][0 if method == "morris" else 1]
    rows = table[table["outcome"] == outcome]
    if variant is not None:
        rows = rows[rows["variant"] == variant]
    elif rows["variant"].nunique() > 1:
        rows = rows[rows["variant"] == rows["variant"].iloc[0]]
    if rows.empty:
        raise ValueError(f"no sensitivity rows for outcome {outcome!r}")
    parameters = rows[rows["parameter"] != NOISE].sort_values(key, ascending=False, kind="stable")
    return pd.concat([parameters, rows[rows["parameter"] == NOISE]])


def ranked_bars(results: Results, outcome: str, variant: str | None = None, ax: Axes | None = None,
                table: pd.DataFrame | None = None) -> Axes:
    """Horizontal bars of each parameter's indices for one outcome, with
    their 95% intervals, ranked; the replicate-noise level as a grey band."""
    table = indices(results) if table is None else table
    method = table.attrs["method"]
    names = INDEX_NAMES[method]
    rows = ranked(table, outcome, variant)
    noise = rows[rows["parameter"] == NOISE]
    rows = rows[rows["parameter"] != NOISE].iloc[::-1]  # most important at the top
    if ax is None:
        ax = style.new_figure(height=1.2 + 0.4 * len(rows)).add_subplot()
    y = np.arange(len(rows))
    shown = names if method == "sobol" else names[:1]
    height = 0.8 / len(shown)
    for k, name in enumerate(shown):
        at = y + (k - (len(shown) - 1) / 2) * height
        value = rows[name].to_numpy(float)
        err = np.vstack([value - rows[f"{name}_ci_low"].to_numpy(float),
                         rows[f"{name}_ci_high"].to_numpy(float) - value])
        ax.barh(at, value, height=height * 0.9, color=style.SERIES[k], label=INDEX_LABELS[name])
        ax.errorbar(value, at, xerr=np.clip(np.nan_to_num(err), 0, None), fmt="none",
                    ecolor=style.BLACK, capsize=2, linewidth=0.8)
    if not noise.empty and np.isfinite(noise[names[0]].iloc[0]):
        level = float(noise[names[0]].iloc[0])
        ax.axvspan(0, level, color=style.GREY, alpha=0.25, linewidth=0, zorder=0,
                   label="replicate noise alone")
    ax.axvline(0, color=style.BLACK, linewidth=0.8)
    ax.set_yticks(y, rows["parameter"].tolist())
    units = results.outcome_metric(outcome).units
    ax.set_xlabel((f"μ* ({'' if units == '1' else units + ' '}per whole range of the parameter)")
                  if method == "morris" else "Sobol' index (share of variance)")
    ax.set_title(results.outcome_metric(outcome).label)
    ax.grid(axis="y", visible=False)
    return ax


@style.styled
def sensitivity_figure(results: Results, out: str | Path | None,
                       outcomes: Sequence[str] | None = None) -> Figure | tuple[Path, Path]:
    """One ranked bar chart per outcome, in a grid; saved as PNG and SVG."""
    table = indices(results)
    outcomes = list(outcomes or dict.fromkeys(table["outcome"]))
    parameters = table["parameter"].nunique()
    # Scenario keys are long: two columns only when they fit beside each other.
    columns = 2 if table["parameter"].str.len().max() <= 24 else 1
    rows = -(-len(outcomes) // columns)
    fig = style.new_figure(height=1.0 + rows * (0.9 + 0.3 * parameters))
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes):
        ranked_bars(results, outcome, ax=ax, table=table)
    for ax in axes.flat[len(outcomes):]:
        ax.set_visible(False)
    axes.flat[0].legend(loc="lower right", fontsize=7.5)
    method = "Morris screening" if table.attrs["method"] == "morris" else "Sobol' indices"
    fig.suptitle(f"Which parameters matter: {method}\nbootstrap 95% intervals, "
                 f"{table.attrs['replicates']} replicates per design point", fontsize=11)
    return fig if out is None else style.save(fig, out)


# --- response curves ----------------------------------------------------------


def response_table(results: Results) -> pd.DataFrame:
    """The /comparison of a grid sweep over one or two numeric keys, with
    `grid_keys` in attrs. Raises ValueError for any other file."""
    with results._reading("/comparison") as f:
        keys = list(f["comparison"].attrs.get("grid_keys", [])) if "comparison" in f else []
    keys = [k.decode() if isinstance(k, bytes) else str(k) for k in keys]
    if not 1 <= len(keys) <= 2:
        raise ValueError(f"{results.path}: response curves need a grid over one or two keys "
                         f"(this file has {len(keys)})")
    table = results.comparison.copy()
    table.attrs["grid_keys"] = keys
    return table


def response_curve(results: Results, outcome: str, ax: Axes | None = None,
                   table: pd.DataFrame | None = None) -> Axes:
    """The outcome's mean against the (first) grid key, a line and 95% band
    per variant; with a second key, a line style per value of it."""
    table = response_table(results) if table is None else table
    keys = table.attrs["grid_keys"]
    rows = table[table["outcome"] == outcome]
    if ax is None:
        ax = style.new_figure().add_subplot()
    variants = list(dict.fromkeys(rows["variant"]))
    colours = style.variant_colours(variants)
    seconds = sorted(rows[keys[1]].unique()) if len(keys) == 2 else [None]
    for v in variants:
        for s, second in enumerate(seconds):
            line = rows[rows["variant"] == v]
            label = style.pretty(v)
            if second is not None:
                line = line[line[keys[1]] == second]
                label += f", {keys[1]} = {second:g}"
            line = line.sort_values(keys[0])
            x = line[keys[0]].to_numpy(float)
            ax.plot(x, line["mean"], color=colours[v], marker="o", markersize=3,
                    linestyle=style.LINESTYLES[s % len(style.LINESTYLES)], label=label)
            ax.fill_between(x, line["ci_low"], line["ci_high"], color=colours[v], alpha=0.2, linewidth=0)
    ax.set_xlabel(keys[0])
    ax.set_ylabel(results.outcome_metric(outcome).axis_label)
    ax.set_title(results.outcome_metric(outcome).label)
    return ax


@style.styled
def response_figure(results: Results, out: str | Path | None,
                    outcomes: Sequence[str] | None = None) -> Figure | tuple[Path, Path]:
    """One response curve per outcome, in a grid; saved as PNG and SVG."""
    table = response_table(results)
    outcomes = list(outcomes or POLICY_OUTCOMES)
    columns = 2
    rows = -(-len(outcomes) // columns)
    fig = style.new_figure(height=0.8 + 2.6 * rows)
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax, outcome in zip(axes.flat, outcomes):
        response_curve(results, outcome, ax=ax, table=table)
    for ax in axes.flat[len(outcomes):]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7.5)
    counts = table.groupby("variant")["n"].min()
    fig.suptitle(f"Outcomes against {' and '.join(table.attrs['grid_keys'])}\nmean over "
                 f"{int(counts.min())} replicates per grid value, 95% band", fontsize=11)
    return fig if out is None else style.save(fig, out)


# --- the HTML report's hook ----------------------------------------------------


def report_figures(results: Results) -> list:
    """(key, title, what, how, draw) for each figure of this module that the
    file supports; trustsim.report adds them as sections."""
    found = []
    try:
        table = indices(results)
    except ValueError:
        table = None
    if table is not None:
        method = table.attrs["method"]
        what = ("For each outcome, the varied parameters ranked by Morris's μ*: how much the outcome changes, "
                "on average, when the parameter moves across its range (bars), with 95% bootstrap intervals."
                if method == "morris" else
                "For each outcome, the share of its variance each varied parameter explains alone (S1) and "
                "with its interactions (ST), ranked, with 95% bootstrap intervals.")
        found.append((
            "sensitivity_indices", "Which parameters matter (variance-based)",
            what + " " + table.attrs["replicate_noise"].capitalize() + ".",
            "Longer bars matter more. The grey band is what the noise between replicate runs alone would "
            "produce: a parameter whose bar and interval sit inside it cannot be told from noise.",
            lambda out: sensitivity_figure(results, out),
        ))
    try:
        response_table(results)
        found.append((
            "response", "How outcomes respond to the grid",
            "Each outcome against the value of the grid's key: the line is the mean over the replicates at "
            "that value, the band its 95% interval, one line per scenario. Grid values are never pooled.",
            "Where bands at two values do not overlap, the outcome responds to the key between them. A "
            "flat line means little response within the range swept.",
            lambda out: response_figure(results, out),
        ))
    except (ValueError, KeyError):
        pass
    return found
