"""The standard figures. Each function takes Results (from trustsim.load) and
an output path, writes a PNG (200 dpi) and an SVG, and returns both paths.

    trust_over_time       trust within and between teams (the baseline figure)
    outcomes_over_time    outcomes per variant, mean and 95% band over replicates
    team_trust_heatmap    team-by-team trust on chosen days, and its change
    comparison_forest     each variant's difference from the baseline, 95% intervals
    trust_network         the trust network on one day
    sensitivity           partial rank correlation of swept parameters with outcomes
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from . import layout, metrics, stats, style
from .load import Results

MAX_VARIANTS_OVER_TIME = len(style.SERIES) + 1  # distinguishable colours
OVER_TIME_METRICS = (
    "trust_between",
    "trust_within",
    "issues_unraised",
    "incidents",
    "implicit_workarounds",
    "headcount",
)
DAY_AXIS = "Day (working days)"


def _replicate_note(summary: pd.DataFrame, variants) -> str:
    counts = summary[summary["variant"].isin(variants)].groupby("variant").size()
    if counts.empty:
        return "no runs"
    lo, hi = counts.min(), counts.max()
    n = f"{lo}" if lo == hi else f"{lo}–{hi}"
    return f"{n} replicate{'s' if hi > 1 else ''}" + (" per variant" if len(counts) > 1 else "")


def _draw_band(ax, band: pd.DataFrame, colour, linestyle, label, metric: metrics.Metric):
    ax.plot(band["day"], band["mean"], color=colour, linestyle=linestyle, linewidth=1.6, label=label)
    if band["ci_low"].notna().any():
        # An interval past what the quantity can be (a negative count, trust
        # above 1) only distracts: clip it to the possible range.
        lo, hi = band["ci_low"].clip(lower=0), band["ci_high"]
        if metric.is_trust:
            hi = hi.clip(upper=1)
        ax.fill_between(band["day"], lo, hi, color=colour, alpha=0.18, linewidth=0)


def _units_label(m: metrics.Metric) -> str:
    return "trust (0 = none, 1 = full)" if m.is_trust else m.units


def _require_daily(results: Results):
    if results.daily_wide.empty:
        raise ValueError(f"{results.path} holds no daily series yet")


@style.styled
def trust_over_time(results: Results, out, variant: str | None = None):
    """Trust within and between teams over time for one variant (default the
    baseline): the mean over replicates with its 95% interval."""
    _require_daily(results)
    variant = variant or results.baseline_variant
    if variant not in results.variants:
        raise ValueError(f"no variant {variant!r} in {results.path}; it has {results.variants}")
    wide = results.daily_wide[results.daily_wide["variant"] == variant]
    fig = style.new_figure(height=4.2)
    ax = fig.add_subplot()
    for name, colour, ls in (("trust_within", style.BLUE, "-"), ("trust_between", style.ORANGE, "--")):
        band = stats.band_over_replicates(wide, name)
        m = metrics.daily_metric(name)
        _draw_band(ax, band, colour, ls, m.label, m)
    ax.set_xlabel(DAY_AXIS)
    ax.set_ylabel("Mean trust T(i→j) (0 = none, 1 = full)")
    ax.set_title(
        f"Trust within and between teams — {style.pretty(variant)}\n"
        f"mean and 95% interval over {_replicate_note(results.summary, [variant])}",
        loc="left",
    )
    ax.legend(loc="best")
    return style.save(fig, out)


@style.styled
def outcomes_over_time(results: Results, out, metric_names=OVER_TIME_METRICS, variants=None, smooth_days=7):
    """One panel per metric, one line per variant (mean over replicates) with
    its 95% band. Daily counts are smoothed with a centred rolling mean of
    `smooth_days` so trends are not lost in day-to-day noise. With more
    variants than colours (a sampled sweep) all runs are pooled instead.
    """
    _require_daily(results)
    wide = results.daily_wide
    variants = list(variants or results.variants)
    pooled = len(variants) > MAX_VARIANTS_OVER_TIME
    if pooled:
        wide = wide.assign(variant=f"all {wide['run_id'].nunique()} runs")
        variants = [wide["variant"].iloc[0]]
    else:
        wide = wide[wide["variant"].isin(variants)]
    names = [m for m in metric_names if m in wide.columns]
    colours = style.variant_colours(variants, results.baseline_variant)

    cols = 2 if len(names) > 1 else 1
    rows = -(-len(names) // cols)
    fig = style.new_figure(height=2.3 * rows + 1.1)
    grid = fig.add_gridspec(rows + 1, cols, height_ratios=[0.22] + [1] * rows)
    axes = np.array([fig.add_subplot(grid[1 + i // cols, i % cols]) for i in range(rows * cols)])
    for ax in axes[1:]:
        ax.sharex(axes[0])
    for ax, name in zip(axes, names):
        m = metrics.daily_metric(name)
        smooth = smooth_days if name in metrics.SMOOTHED_DAILY else 1
        for i, variant in enumerate(variants):
            band = stats.band_over_replicates(wide[wide["variant"] == variant], name, smooth)
            _draw_band(ax, band, colours[variant], style.LINESTYLES[i % 4], style.pretty(variant), m)
        ax.set_title(m.label + (f" ({smooth}-day mean)" if smooth > 1 else ""), loc="left", fontsize=9.5)
        ax.set_ylabel(_units_label(m))
    for ax in axes[len(names):]:
        ax.set_visible(False)
    for i, ax in enumerate(axes[: len(names)]):
        if i >= len(names) - cols:
            ax.set_xlabel(DAY_AXIS)
        else:
            ax.tick_params(labelbottom=False)
    handles, labels = axes[0].get_legend_handles_labels()
    style.legend_panel(fig, grid[0, :], handles, labels, ncols=min(len(labels), 4))
    note = "all runs pooled" if pooled else _replicate_note(results.summary, variants)
    fig.suptitle(f"Outcomes over time: mean and 95% interval ({note})")
    return style.save(fig, out)


def _trust_matrix(tt: pd.DataFrame, day: int, teams) -> np.ndarray:
    at_day = tt[tt["day"] == day]
    mean = at_day.groupby(["from_team", "to_team"])["trust"].mean()
    return mean.unstack("to_team").reindex(index=teams, columns=teams).to_numpy()


def _annotate(ax, values, colour_of, fmt):
    for (a, b), v in np.ndenumerate(values):
        if np.isfinite(v):
            ax.text(b, a, fmt.format(v), ha="center", va="center", fontsize=7.5, color=colour_of(v))


def _team_axes(ax, teams, show_y):
    labels = [style.pretty(t) if len(t) <= 22 else style.pretty(t)[:20] + "…" for t in teams]
    ax.set_xticks(range(len(teams)), labels, rotation=35, ha="right")
    ax.set_yticks(range(len(teams)), labels if show_y else [])
    ax.grid(False)
    ax.set_xlabel("to team (trusted)")
    if show_y:
        ax.set_ylabel("from team (trusting)")


@style.styled
def team_trust_heatmap(results: Results, out, days=None, variant: str | None = None):
    """Mean trust from each team's staff in each team's staff on chosen days
    (default: first, middle, last sample), averaged over the variant's
    replicates, and a last panel with the change from the first to the last
    chosen day.
    """
    variant = variant or results.baseline_variant
    tt = results.team_trust
    tt = tt[tt["variant"] == variant]
    if tt.empty:
        raise ValueError(f"{results.path} has no team trust for variant {variant!r}")
    sample_days = sorted(tt["day"].unique())
    if days is None:
        days = sorted({sample_days[0], sample_days[len(sample_days) // 2], sample_days[-1]})
    missing = [d for d in days if d not in sample_days]
    if missing:
        raise ValueError(f"team trust was not sampled on day(s) {missing}; sampled days run {sample_days[0]}..{sample_days[-1]}")
    teams = results.teams
    matrices = [_trust_matrix(tt, d, teams) for d in days]
    change = matrices[-1] - matrices[0] if len(days) > 1 else None
    annotate = len(teams) <= 8

    # Two panels to a row keeps cells big enough to label on a printed page.
    panels = len(days) + (change is not None)
    cols = 2 if panels > 1 else 1
    rows = -(-panels // cols)
    side = max(2.6, min(4.5, 0.35 * len(teams) + 1.2))
    fig = style.new_figure(width=max(style.FULL_WIDTH, cols * side + 2.0), height=rows * (side + 0.9) + 0.5)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax in axes[panels:]:
        ax.set_visible(False)
    lo = np.nanmin(matrices)
    hi = np.nanmax(matrices)
    for i, (ax, day, m) in enumerate(zip(axes, days, matrices)):
        image = ax.imshow(m, cmap=style.TRUST_COLOURMAP, vmin=lo, vmax=hi)
        ax.set_title(f"day {day}", loc="left", fontsize=9.5)
        _team_axes(ax, teams, show_y=i % cols == 0)
        if annotate:
            mid = (lo + hi) / 2
            _annotate(ax, m, lambda v: "black" if v > mid else "white", "{:.2f}")
    # One shared scale for every day's panel, drawn beside the first row.
    fig.colorbar(image, ax=axes[:cols].tolist(), shrink=0.85, label="mean trust (0–1), every day panel")
    if change is not None:
        ax = axes[panels - 1]
        reach = max(float(np.nanmax(np.abs(change))), 1e-6)
        image = ax.imshow(change, cmap=style.CHANGE_COLOURMAP, vmin=-reach, vmax=reach)
        ax.set_title(f"change from day {days[0]} to {days[-1]}", loc="left", fontsize=9.5)
        _team_axes(ax, teams, show_y=(panels - 1) % cols == 0)
        if annotate:
            _annotate(ax, change, lambda v: "white" if abs(v) > 0.6 * reach else "black", "{:+.2f}")
        fig.colorbar(image, ax=ax, shrink=0.85, label="change in trust")
    n = tt["run_id"].nunique()
    fig.suptitle(f"Team-by-team trust — {style.pretty(variant)}, mean over {n} run{'s' * (n > 1)}")
    return style.save(fig, out)


def verdict(outcome: str, lo: float, hi: float) -> str:
    """better / worse / unclear, from the interval and which way is good."""
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo <= 0 <= hi:
        return "unclear"
    up = lo > 0
    return "better" if up == (outcome in metrics.HIGHER_IS_BETTER) else "worse"


VERDICT_COLOURS = {"better": style.BETTER, "worse": style.WORSE, "unclear": style.UNCLEAR}


@style.styled
def comparison_forest(results: Results, out, outcomes=metrics.POLICY_OUTCOMES):
    """For each outcome a panel; for each variant its difference from the
    baseline with a 95% interval. Blue: the interval shows an improvement;
    vermillion: a worsening; grey: the interval includes no change.
    """
    table = results.comparison
    baseline = results.baseline_variant
    variants = [v for v in dict.fromkeys(table["variant"]) if v != baseline]
    if not variants:
        raise ValueError(f"{results.path} has only the variant {baseline!r}: there is nothing to compare it with")
    outcomes = [o for o in outcomes if o in set(table["outcome"])]
    if not outcomes:
        raise ValueError(f"{results.path}: none of the outcomes {list(outcomes)} is in the comparison")
    fig = style.new_figure(width=max(style.FULL_WIDTH, 2.0 * len(outcomes)), height=1.9 + 0.42 * len(variants))
    grid = fig.add_gridspec(2, len(outcomes), height_ratios=[1, 0.12 + 0.6 / (1 + len(variants))])
    axes = np.array([fig.add_subplot(grid[0, i]) for i in range(len(outcomes))])
    for ax in axes[1:]:
        ax.sharey(axes[0])
        ax.tick_params(labelleft=False)
    y = np.arange(len(variants))[::-1]
    for ax, outcome in zip(axes, outcomes):
        rows = table[table["outcome"] == outcome].set_index("variant")
        m = metrics.outcome_metric(outcome)
        for yi, variant in zip(y, variants):
            if variant not in rows.index:
                continue
            r = rows.loc[variant]
            colour = VERDICT_COLOURS[verdict(outcome, r["diff_ci_low"], r["diff_ci_high"])]
            if np.isfinite(r["diff_ci_low"]):
                ax.plot([r["diff_ci_low"], r["diff_ci_high"]], [yi, yi], color=colour, linewidth=2.2, solid_capstyle="butt")
            ax.plot(r["diff"], yi, "o", color=colour, markersize=6, markeredgecolor="white", markeredgewidth=0.8)
        ax.axvline(0, color=style.BLACK, linewidth=0.9)
        lo, hi = ax.get_xlim()
        reach = max(abs(lo), abs(hi))
        ax.set_xlim(min(lo, -0.08 * reach), max(hi, 0.08 * reach))  # zero always in view
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.grid(axis="y", visible=False)
        base_mean = rows.loc[baseline, "mean"] if baseline in rows.index else np.nan
        fmt = "{:.3f}" if m.is_trust else "{:.1f}"
        ax.set_xlabel(f"difference ({'trust, 0–1' if m.is_trust else m.units})\n"
                      f"baseline mean {fmt.format(base_mean)}")
        ax.set_title(textwrap.fill(m.label, 18), loc="left", fontsize=9.5)
    axes[0].set_yticks(y, [style.pretty(v) for v in variants])
    axes[0].set_ylim(-0.7, len(variants) - 0.3)
    legend = [Patch(color=VERDICT_COLOURS[k], label=label) for k, label in (
        ("better", "better than baseline"), ("worse", "worse than baseline"), ("unclear", "interval includes no change"))]
    style.legend_panel(fig, grid[1, :], legend, ncols=3)
    fig.suptitle(f"Difference from {style.pretty(baseline)}, with 95% intervals")
    return style.save(fig, out)


def _tie_width(trust):
    # Absolute, not rescaled per figure, so widths compare across days and runs.
    return 0.2 + 3.0 * np.asarray(trust, dtype=float) ** 2


ORGANISATION_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


@style.styled
def trust_network(results: Results, out, run_id: int | None = None, day: int | None = None):
    """The trust network of one run on one snapshot day: staff as dots
    (colour: team, shape: employing organisation), each pair of staff with a
    tie above baseline as a line whose width grows with their mutual trust.
    Ties between teams are drawn dark, on top; ties within a team in its colour.
    """
    net = results.network(run_id, day)
    nodes = layout.staff_positions(net.nodes, net.teams)
    ties = layout.undirected_ties(net.edges)
    where = nodes.set_index("staff_id")[["x", "y", "team"]]
    ties = ties[ties["a"].isin(where.index) & ties["b"].isin(where.index)]
    a, b = where.loc[ties["a"]], where.loc[ties["b"]]
    within = a["team"].to_numpy() == b["team"].to_numpy()
    segments = np.stack([a[["x", "y"]].to_numpy(), b[["x", "y"]].to_numpy()], axis=1)
    teams = [t for t in net.teams if t in set(nodes["team"])]
    colours = style.team_colours(teams)

    fig = style.new_figure(height=6.2 if len(teams) > 2 else 4.0)  # two teams sit side by side
    grid = fig.add_gridspec(1, 2, width_ratios=[3.2, 1])
    ax = fig.add_subplot(grid[0, 0])
    crowd = min(1.0, 150 / max(len(nodes), 1))  # fade lines and shrink dots as the network grows
    widths = _tie_width(ties["trust"])
    ax.add_collection(LineCollection(
        segments[within], linewidths=widths[within] * (0.5 + 0.5 * crowd),
        colors=[colours[t] for t in a["team"][within]], alpha=0.35 * (0.4 + 0.6 * crowd), zorder=1))
    # Many weak ties between teams would hide the few strong ones: shade each
    # from faint (just above the weakest tie, about the strangers' baseline) to dark.
    between = ties["trust"].to_numpy()[~within]
    weakest = float(ties["trust"].min()) if len(ties) else 0.0
    strength = np.clip((between - weakest) / max(1.0 - weakest, 1e-9), 0, 1)
    shades = np.zeros((len(between), 4))
    shades[:, 3] = 0.12 + 0.78 * strength
    ax.add_collection(LineCollection(segments[~within], linewidths=widths[~within], colors=shades, zorder=2))
    organisations = sorted(set(nodes["organisation"]))
    marker_of = {o: ORGANISATION_MARKERS[i % len(ORGANISATION_MARKERS)] for i, o in enumerate(organisations)}
    size = 14 + 26 * crowd
    for org in organisations:
        mine = nodes[nodes["organisation"] == org]
        ax.scatter(mine["x"], mine["y"], s=size, marker=marker_of[org], c=[colours[t] for t in mine["team"]],
                   edgecolors="white", linewidths=0.6, zorder=3)
    radius = layout.cluster_radius(len(teams))
    for team, (cx, cy) in layout.team_centres(teams).items():
        # Just above its cluster, on a white ground so lines do not run through it.
        label = ax.text(cx, cy + radius + 0.05, style.pretty(team), ha="center", va="bottom", fontsize=9,
                        fontweight="bold", color=colours[team], zorder=4,
                        bbox=dict(facecolor="white", edgecolor="none", alpha=0.8, pad=1.0))
        label.set_in_layout(False)  # fixed limits below leave room; the layout need not shrink the plot
    reach = (1 if len(teams) > 1 else 0) + radius
    ax.set_xlim(-reach - 0.15, reach + 0.15)
    ax.set_ylim(-reach - 0.1, reach + 0.3)
    ax.set_aspect("equal")
    ax.axis("off")

    key = fig.add_subplot(grid[0, 1])
    key.axis("off")
    team_handles = [Line2D([], [], marker="o", linestyle="", color=colours[t], label=style.pretty(t)) for t in teams]
    org_handles = [Line2D([], [], marker=marker_of[o], linestyle="", color=style.GREY, label=style.pretty(o))
                   for o in organisations]
    width_handles = [Line2D([], [], color=style.BLACK, alpha=0.12 + 0.78 * (t - 0.3) / 0.7,
                            linewidth=float(_tie_width(t)), label=f"{t:.1f}") for t in (0.4, 0.7, 1.0)]
    # One legend in three sections, each headed by a blank entry in bold.
    sections = (("Team (colour)", team_handles), ("Organisation (shape)", org_handles),
                ("Mutual trust (width, shade)", width_handles))
    handles, headers = [], []
    for title, entries in sections:
        headers.append(len(handles))
        handles += [Line2D([], [], linestyle="", label=title)] + entries
    legend = key.legend(handles=handles, loc="center left", fontsize=8, handlelength=2.2)
    for i in headers:
        legend.get_texts()[i].set_fontweight("bold")
    variant, replicate = results._run_label(net.run_id)
    fig.suptitle(
        f"Trust network on day {net.day} — {style.pretty(variant)}, replicate {replicate}\n"
        f"{len(nodes)} staff, {int(within.sum())} ties within teams, {int((~within).sum())} between",
        fontsize=11,
    )
    return style.save(fig, out)


def sensitivity_table(results: Results, outcomes=None) -> pd.DataFrame:
    """PRCC of each swept parameter with each outcome (see stats.prcc)."""
    parameters = [p for p in results.parameters if results.summary[p].nunique() > 2]
    if not parameters:
        raise ValueError(f"{results.path} has no swept parameters with more than two values: sensitivity needs a sampled sweep")
    outcomes = list(outcomes or results.outcomes)
    n = results.summary[parameters + outcomes].dropna().shape[0]
    if n < len(parameters) + 4:
        raise ValueError(f"{results.path} has {n} complete runs; sensitivity to {len(parameters)} parameters needs at least {len(parameters) + 4}")
    return stats.prcc(results.summary, parameters, outcomes)


@style.styled
def sensitivity(results: Results, out, outcomes=None):
    """A grid of partial rank correlation coefficients: rows are swept
    parameters, columns outcomes. Purple: the outcome rises with the
    parameter; orange: it falls. Values marked * have a 95% interval
    that excludes zero."""
    table = sensitivity_table(results, outcomes)
    parameters = list(dict.fromkeys(table["parameter"]))
    outcomes = list(dict.fromkeys(table["outcome"]))
    grid = table.pivot(index="parameter", columns="outcome", values="prcc").reindex(index=parameters, columns=outcomes)
    clear = table.assign(clear=(table["ci_low"] > 0) | (table["ci_high"] < 0)).pivot(
        index="parameter", columns="outcome", values="clear").reindex(index=parameters, columns=outcomes)

    fig = style.new_figure(width=max(style.FULL_WIDTH, 0.85 * len(outcomes) + 3.5), height=1.9 + 0.45 * len(parameters))
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(dtype=float), cmap=style.CHANGE_COLOURMAP, vmin=-1, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        if np.isfinite(v):
            mark = "*" if clear.iat[i, j] else ""
            ax.text(j, i, f"{v:+.2f}{mark}", ha="center", va="center", fontsize=8,
                    color="white" if abs(v) > 0.6 else "black")
    ax.set_xticks(range(len(outcomes)), [metrics.outcome_metric(o).label for o in outcomes], rotation=30, ha="right")
    ax.set_yticks(range(len(parameters)), parameters)
    ax.grid(False)
    ax.set_xlabel("outcome")
    ax.set_ylabel("swept parameter (scenario key)")
    fig.colorbar(image, ax=ax, label="partial rank correlation (−1 to 1)")
    n = int(table["n"].max())
    fig.suptitle(f"Sensitivity of outcomes to swept parameters ({n} runs)\n* 95% interval excludes zero", fontsize=11)
    return style.save(fig, out)
