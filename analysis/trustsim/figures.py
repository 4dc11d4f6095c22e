"""The standard figures. Each draws on a matplotlib Axes (a new figure's when
`ax` is None) and returns it, or, for the multi-panel ones, returns the
Figure; saving is the caller's (`style.save(ax.figure, "out")` writes PNG
and SVG). Names, units and labels of the series come from the file.

    trust_over_time       trust within and between teams, one variant
    outcome_over_time     one daily series per variant, mean and 95% band
    outcomes_over_time    a panel per series, cumulative incidents beside the rate
    team_trust_heatmap    team-by-team trust of one variant on one day
    team_trust_panels     the heat maps of every variant, last day and change
    team_network          teams as nodes, ties coloured and sized by trust
    comparison_forest     each variant's difference from the baseline, one outcome
    comparison_panels     the forest plots of several outcomes side by side
    response_curves       an outcome against a grid key, one line per variant
    sensitivity           partial rank correlation of swept parameters with outcomes

`cell` (a dict grid key -> value) restricts a figure to one cell of a grid
sweep: cells are never pooled.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.colors
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from . import stats, style
from .load import Metric, Results

# Colours (7 and black for the baseline) times line styles keep up to 12
# lines apart; beyond that a sampled design's points are better summarised.
MAX_VARIANTS_OVER_TIME = 12
OVER_TIME_METRICS = (
    "trust_between",
    "trust_within",
    "issues_unraised",
    "incidents",
    "incidents_cumulative",  # drawn from `incidents`: the running total per run
    "headcount",
)
DAY_AXIS = "Day (working days)"
# For these outcomes more is better; for the others less is.
HIGHER_IS_BETTER = frozenset({"trust_within", "trust_between", "issues_raised", "headcount"})


def _ax(ax: Axes | None, height: float = 4.2) -> Axes:
    return ax if ax is not None else style.new_figure(height=height).add_subplot()


def runs_in_cell(results: Results, cell: dict | None) -> pd.Series:
    """Run ids of the grid cell (every run without a cell)."""
    summary = results.summary
    mask = np.ones(len(summary), dtype=bool)
    for key, value in (cell or {}).items():
        mask &= np.isclose(summary[key].to_numpy(dtype=float), float(value))
    return summary.loc[mask, "run_id"]


def cell_text(cell: dict | None) -> str:
    return ", ".join(f"{k} = {v:g}" for k, v in (cell or {}).items())


def _daily(results: Results, cell: dict | None) -> pd.DataFrame:
    if results.daily_wide.empty:
        raise ValueError(f"{results.path} holds no daily series yet")
    wide = results.daily_wide
    return wide[wide["run_id"].isin(runs_in_cell(results, cell))] if cell else wide


def _replicate_note(summary: pd.DataFrame, variants) -> str:
    counts = summary[summary["variant"].isin(variants)].groupby("variant").size()
    if counts.empty:
        return "no runs"
    lo, hi = counts.min(), counts.max()
    n = f"{lo}" if lo == hi else f"{lo}–{hi}"
    return f"{n} run{'s' if hi > 1 else ''}" + (" per variant" if len(counts) > 1 else "")


def _draw_band(ax, band: pd.DataFrame, colour, linestyle, label, metric: Metric, alpha: float = 0.18):
    ax.plot(band["day"], band["mean"], color=colour, linestyle=linestyle, linewidth=1.6, label=label)
    if band["ci_low"].notna().any():
        lo, hi = metric.within_range(band["ci_low"]), metric.within_range(band["ci_high"])
        ax.fill_between(band["day"], lo, hi, color=colour, alpha=alpha, linewidth=0)


def _from_zero(ax, metric: Metric):
    """Counts, shares and ratios are read against zero: a 42–45 axis exaggerates."""
    if metric.never_negative:
        ax.set_ylim(bottom=0)


def intervention_days(scenario: dict) -> dict:
    """What starts after day 0 in a resolved scenario: {what: day} for each
    switched-on intervention with a later start_day, and each scheduled
    change of meeting regime."""
    found = {}
    for name, settings in (scenario.get("interventions") or {}).items():
        if isinstance(settings, dict) and settings.get("enabled") and int(settings.get("start_day", 0)) > 0:
            found[style.pretty(name)] = int(settings["start_day"])
    for change in (scenario.get("meetings") or {}).get("schedule") or []:
        if isinstance(change, dict) and "day" in change:
            found[f"meetings {style.pretty(change.get('regime', 'change'))}"] = int(change["day"])
    return found


def _mark_starts(ax, results: Results, variants):
    """A dotted line and a word where an intervention of a drawn variant starts."""
    marks = {}
    for variant in variants:
        for what, day in intervention_days(results.variant_scenario(variant)).items():
            marks.setdefault(day, set()).add(what)
    for day, what in sorted(marks.items()):
        ax.axvline(day, color=style.GREY, linewidth=0.9, linestyle=":", zorder=0)
        ax.annotate(" + ".join(sorted(what)) + " starts", (day, 0.98), xycoords=("data", "axes fraction"),
                    fontsize=6.5, color="#555555", rotation=90, va="top", ha="right")


@style.styled
def trust_over_time(results: Results, variant: str | None = None, cell: dict | None = None,
                    ax: Axes | None = None) -> Axes:
    """Trust within and between teams over time for one variant (default the
    baseline): the mean over replicates with its 95% interval."""
    variant = variant or results.baseline_variant
    if variant not in results.variants:
        raise ValueError(f"no variant {variant!r} in {results.path}; it has {results.variants}")
    wide = _daily(results, cell)
    wide = wide[wide["variant"] == variant]
    ax = _ax(ax)
    for name, colour, ls in (("trust_within", style.BLUE, "-"), ("trust_between", style.ORANGE, "--")):
        m = results.daily_metric(name)
        _draw_band(ax, stats.band_over_replicates(wide, name), colour, ls, m.label, m)
    ax.set_ylim(0, 1)
    _mark_starts(ax, results, [variant])
    ax.set_xlabel(DAY_AXIS)
    ax.set_ylabel("Mean trust T(i→j) (0 = none, 1 = full)")
    where = f", {cell_text(cell)}" if cell else ""
    ax.set_title(
        f"Trust within and between teams — {style.pretty(variant)}{where}\n"
        f"mean and 95% interval over {_replicate_note(results.summary[results.summary['run_id'].isin(wide['run_id'])], [variant])}",
        loc="left",
    )
    ax.legend(loc="lower right")
    return ax


def _cumulative(wide: pd.DataFrame, name: str) -> pd.DataFrame:
    wide = wide.sort_values(["run_id", "day"])
    return wide.assign(**{name + "_cumulative": wide.groupby("run_id")[name].cumsum()})


@style.styled
def outcome_over_time(results: Results, name: str, variants: Sequence[str] | None = None, cell: dict | None = None, smooth_days: int = 7,
                      ax: Axes | None = None) -> Axes:
    """One daily series (or NAME_cumulative, its running total per run), one
    line per variant: mean over replicates and 95% band. Rates per day are
    smoothed with a centred rolling mean of `smooth_days`."""
    wide = _daily(results, cell)
    variants = [v for v in (variants or results.variants) if v in set(wide["variant"])]
    cumulative = name.endswith("_cumulative")
    source = name.removesuffix("_cumulative")
    m = results.daily_metric(source)
    if cumulative:
        wide = _cumulative(wide, source)
        m = Metric(name, m.units.removesuffix("/day"), f"{m.label}, running total", m.description)
    smooth = smooth_days if m.units.endswith("/day") else 1
    colours = style.variant_colours(variants, results.baseline_variant)
    ax = _ax(ax, 3.0)
    alpha = 0.18 if len(variants) <= 4 else 0.07  # many overlapping bands: lighter, so the lines stay readable
    for i, variant in enumerate(variants):
        band = stats.band_over_replicates(wide[wide["variant"] == variant], name, smooth)
        _draw_band(ax, band, colours[variant], style.LINESTYLES[i % 4], style.pretty(variant), m, alpha)
    _from_zero(ax, m)
    _mark_starts(ax, results, variants)
    ax.set_title(m.label + (f" ({smooth}-day mean)" if smooth > 1 else ""), loc="left", fontsize=9.5)
    ax.set_ylabel(m.unit_text)
    ax.set_xlabel(DAY_AXIS)
    return ax


@style.styled
def outcomes_over_time(results: Results, metric_names: Sequence[str] = OVER_TIME_METRICS,
                       variants: Sequence[str] | None = None, cell: dict | None = None,
                       smooth_days: int = 7) -> Figure:
    """A panel per series (incidents as a rate and as a running total, side
    by side), one line per variant."""
    wide = _daily(results, cell)
    variants = list(variants or dict.fromkeys(wide["variant"]))
    if len(variants) > MAX_VARIANTS_OVER_TIME:
        raise ValueError(f"{len(variants)} variants: too many lines to tell apart; see the comparison")
    names = [n for n in metric_names if n.removesuffix("_cumulative") in wide.columns]
    cols = 2 if len(names) > 1 else 1
    rows = -(-len(names) // cols)
    fig = style.new_figure(height=2.3 * rows + 1.1)
    grid = fig.add_gridspec(rows + 1, cols, height_ratios=[0.22] + [1] * rows)
    axes = [fig.add_subplot(grid[1 + i // cols, i % cols]) for i in range(len(names))]
    for ax in axes[1:]:
        ax.sharex(axes[0])
    for i, (ax, name) in enumerate(zip(axes, names)):
        outcome_over_time(results, name, variants, cell, smooth_days, ax=ax)
        if i < len(names) - cols:
            ax.set_xlabel("")
            ax.tick_params(labelbottom=False)
    handles, labels = axes[0].get_legend_handles_labels()
    style.legend_panel(fig, grid[0, :], handles, labels, ncols=min(len(labels), 4))
    note = _replicate_note(results.summary[results.summary["run_id"].isin(wide["run_id"])], variants)
    where = f" — {cell_text(cell)}" if cell else ""
    # Two lines: with a grid cell named, one was wider than the page.
    fig.suptitle(f"Outcomes over time{where}\nmean and 95% interval ({note})")
    return fig


def _trust_matrix(tt: pd.DataFrame, day: int, teams) -> np.ndarray:
    at_day = tt[tt["day"] == day]
    mean = at_day.groupby(["from_team", "to_team"])["trust"].mean()
    return mean.unstack("to_team").reindex(index=teams, columns=teams).to_numpy()


def _team_trust(results: Results, variant: str, cell: dict | None) -> pd.DataFrame:
    tt = results.team_trust
    tt = tt[tt["variant"] == variant]
    if cell:
        tt = tt[tt["run_id"].isin(runs_in_cell(results, cell))]
    if tt.empty:
        raise ValueError(f"{results.path} has no team trust for variant {variant!r}")
    return tt


def _short(team: str) -> str:
    name = style.pretty(team)
    return name if len(name) <= 22 else name[:20] + "…"


@style.styled
def team_trust_heatmap(results: Results, variant: str | None = None, day: int | None = None,
                       cell: dict | None = None, change_from: int | None = None, change_reach: float | None = None,
                       minus: str | None = None, colorbar: bool = True, ax: Axes | None = None) -> Axes:
    """Mean trust from each team's staff (rows) in each team's staff
    (columns) on `day` (default the last sample), over the variant's
    replicates; with `change_from`, the change since that day instead, and
    with `minus`, the difference from that variant on the same day, both on
    a scale of ±`change_reach` (default: the largest change shown)."""
    variant = variant or results.baseline_variant
    tt = _team_trust(results, variant, cell)
    days = sorted(tt["day"].unique())
    day = days[-1] if day is None else day
    if day not in days:
        raise ValueError(f"team trust was not sampled on day {day}; sampled days run {days[0]}..{days[-1]}")
    teams = results.teams
    values = _trust_matrix(tt, day, teams)
    ax = _ax(ax, 3.6)
    if change_from is None and minus is None:
        image = ax.imshow(values, cmap=style.TRUST_COLOURMAP, vmin=0, vmax=1)
        title, fmt, label = f"{style.pretty(variant)}, day {day}", "{:.2f}", "mean trust (0–1)"
    elif minus is not None:
        values = values - _trust_matrix(_team_trust(results, minus, cell), day, teams)
        reach = change_reach or max(float(np.nanmax(np.abs(values))), 0.01)
        image = ax.imshow(values, cmap=style.CHANGE_COLOURMAP, vmin=-reach, vmax=reach)
        title, fmt, label = f"{style.pretty(variant)}\nminus {style.pretty(minus)}", "{:+.2f}", "difference in trust"
    else:
        values = values - _trust_matrix(tt, change_from, teams)
        reach = change_reach or max(float(np.nanmax(np.abs(values))), 0.01)
        image = ax.imshow(values, cmap=style.CHANGE_COLOURMAP, vmin=-reach, vmax=reach)
        title, fmt, label = f"{style.pretty(variant)}, change day {change_from}→{day}", "{:+.2f}", "change in trust"
    if len(teams) <= 8:
        for (a, b), v in np.ndenumerate(values):
            if np.isfinite(v):
                rgba = image.cmap(image.norm(v))
                dark = 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2] < 0.5
                text = fmt.format(v).replace("-0.00", "0.00").replace("+0.00", "0.00")
                ax.text(b, a, text, ha="center", va="center", fontsize=7.5, color="white" if dark else "black")
    ax.set_xticks(range(len(teams)), [_short(t) for t in teams], rotation=35, ha="right")
    ax.set_yticks(range(len(teams)), [_short(t) for t in teams])
    ax.grid(False)
    ax.set_xlabel("to team (trusted)")
    ax.set_ylabel("from team (trusting)")
    ax.set_title(title, loc="left", fontsize=9.5)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label=label)
    return ax


@style.styled
def team_trust_panels(results: Results, variants: Sequence[str] | None = None, cell: dict | None = None) -> Figure:
    """Team-by-team trust per variant, on shared scales. Up to four variants:
    a row each, trust on the last sampled day and its change since the
    first. More: the baseline's last day, then each variant's difference
    from the baseline on that day, three to a row."""
    variants = list(variants or results.variants)
    if len(variants) > MAX_VARIANTS_OVER_TIME:
        raise ValueError(f"{len(variants)} variants: too many heat maps; see team_trust_mean.csv")
    teams = results.teams
    days = {v: sorted(_team_trust(results, v, cell)["day"].unique()) for v in variants}
    side = max(2.4, min(3.6, 0.3 * len(teams) + 1.4))
    baseline = results.baseline_variant if results.baseline_variant in variants else variants[0]
    if len(variants) <= 4:
        changes = [_trust_matrix(_team_trust(results, v, cell), days[v][-1], teams)
                   - _trust_matrix(_team_trust(results, v, cell), days[v][0], teams) for v in variants]
        reach = max([0.01] + [float(np.nanmax(np.abs(c))) for c in changes])  # one scale: equal colours, equal changes
        fig = style.new_figure(height=len(variants) * (side + 0.6) + 0.5)
        axes = fig.subplots(len(variants), 2, squeeze=False)
        for row, variant in zip(axes, variants):
            team_trust_heatmap(results, variant, days[variant][-1], cell, ax=row[0])
            team_trust_heatmap(results, variant, days[variant][-1], cell, change_from=days[variant][0],
                               change_reach=reach, ax=row[1])
            # The change has the same rows: team names once, so that long
            # ones leave the panels room and their titles clear of each other.
            row[1].set_ylabel("")
            row[1].tick_params(labelleft=False)
        title = "Team-by-team trust per variant: last day, and change since the first"
    else:
        others = [v for v in variants if v != baseline]
        day = days[baseline][-1]
        base = _trust_matrix(_team_trust(results, baseline, cell), day, teams)
        reach = max([0.01] + [float(np.nanmax(np.abs(_trust_matrix(_team_trust(results, v, cell), day, teams) - base)))
                              for v in others])
        cols = 3
        rows = -(-(len(others) + 1) // cols)
        fig = style.new_figure(width=9.5, height=rows * (side + 0.4) + 1.6)
        axes = fig.subplots(rows, cols, squeeze=False)
        flat = axes.ravel()
        team_trust_heatmap(results, baseline, day, cell, colorbar=False, ax=flat[0])
        for ax, variant in zip(flat[1:], others):
            team_trust_heatmap(results, variant, day, cell, minus=baseline, change_reach=reach, colorbar=False, ax=ax)
        for ax in flat[len(others) + 1:]:
            ax.set_visible(False)
        for r, row in enumerate(axes):
            for c, ax in enumerate(row):
                if c:  # team names once per row and column, so the panels keep their size
                    ax.set_ylabel("")
                    ax.tick_params(labelleft=False)
                if r < rows - 1 and r * cols + c + cols <= len(others):
                    ax.set_xlabel("")
                    ax.tick_params(labelbottom=False)
        fig.colorbar(flat[0].images[0], ax=flat[0], shrink=0.8, label="trust (0–1)")
        fig.colorbar(flat[1].images[0], ax=axes.ravel().tolist(), location="bottom", shrink=0.5, aspect=40,
                     label=f"difference from {style.pretty(baseline)} (purple: more trust, orange: less)")
        title = f"Team-by-team trust on day {day}: {style.pretty(baseline)}, and each variant's difference"
    where = f" — {cell_text(cell)}" if cell else ""
    fig.suptitle(f"{title}{where}\n(mean over replicates)", fontsize=11)
    return fig


TRUST_NORM = matplotlib.colors.Normalize(vmin=0, vmax=1)


def trust_key(fig: Figure, axes: Axes | Sequence[Axes]) -> None:
    """The one scale of team_network, as a colour bar under `axes`."""
    cmap = matplotlib.colormaps[style.TRUST_COLOURMAP]
    mappable = matplotlib.cm.ScalarMappable(norm=TRUST_NORM, cmap=cmap)
    bar = fig.colorbar(mappable, ax=axes, shrink=0.6, location="bottom", aspect=40, pad=0.02)
    bar.set_label("mean trust, 0 (none) to 1 (full): colour and width of a line between two teams,\n"
                  "colour of the ring of a team (trust within it); the numbers are the trust")


def _tie_width(trust: float) -> float:
    return 1 + 12 * trust**2


@style.styled
def team_network(results: Results, variant: str | None = None, cell: dict | None = None,
                 ax: Axes | None = None, key: bool = True) -> Axes:
    """The trust network summarised by team on the last sampled day: a ring
    per team (its colour: trust within the team), a line per pair of teams
    whose colour and width follow their mean mutual trust, on one 0–1
    scale, with the values written on. Mean over the variant's replicates.
    `key` adds the colour bar and width legend (once per figure)."""
    variant = variant or results.baseline_variant
    tt = _team_trust(results, variant, cell)
    day = int(tt["day"].max())
    teams = [t for t in results.teams if t in set(tt["from_team"])]
    trust = _trust_matrix(tt, day, teams)
    cmap = matplotlib.colormaps[style.TRUST_COLOURMAP]
    ax = _ax(ax, 5.4)
    angle = np.pi / 2 + np.pi / max(len(teams), 1) - 2 * np.pi * np.arange(len(teams)) / max(len(teams), 1)
    xy = np.column_stack([np.cos(angle), np.sin(angle)]) if len(teams) > 1 else np.zeros((1, 2))
    for i in range(len(teams)):
        for j in range(i + 1, len(teams)):
            mutual = float(np.nanmean([trust[i, j], trust[j, i]]))
            ax.plot(*zip(xy[i], xy[j]), color=cmap(TRUST_NORM(mutual)), linewidth=_tie_width(mutual),
                    solid_capstyle="round", zorder=1)
            # Along the line, a third of the way, so crossing lines keep their numbers apart.
            at = xy[i] + (xy[j] - xy[i]) * (0.35 if (i + j) % 2 else 0.65)
            ax.text(*at, f"{mutual:.2f}", fontsize=7, ha="center", va="center", zorder=3,
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=0.6))
    for i, team in enumerate(teams):
        ax.scatter(*xy[i], s=520, color="white", edgecolors=cmap(TRUST_NORM(trust[i, i])), linewidths=5, zorder=2)
        ax.text(*xy[i], f"{trust[i, i]:.2f}", fontsize=7.5, ha="center", va="center", zorder=3)
        out = xy[i] * 1.45
        ax.text(*out, textwrap.fill(_short(team), 14), ha="center", va="center", fontsize=8, fontweight="bold")
    ax.set_xlim(-1.85, 1.85)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.axis("off")
    n = tt["run_id"].nunique()
    where = f", {cell_text(cell)}" if cell else ""
    ax.set_title(f"{style.pretty(variant)}{where}\nday {day}, mean over {n} run{'s' * (n > 1)}", fontsize=9.5)
    if key:
        trust_key(ax.figure, [ax])
    return ax


def verdict(outcome: str, lo: float, hi: float) -> str:
    """better / worse / unclear, from the interval and which way is good."""
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo <= 0 <= hi:
        return "unclear"
    up = lo > 0
    return "better" if up == (outcome in HIGHER_IS_BETTER) else "worse"


VERDICT_COLOURS = {"better": style.BETTER, "worse": style.WORSE, "unclear": style.UNCLEAR}


def comparison_in_cell(results: Results, cell: dict | None) -> pd.DataFrame:
    table = results.comparison
    for key, value in (cell or {}).items():
        table = table[np.isclose(table[key].to_numpy(dtype=float), float(value))]
    return table


@style.styled
def comparison_forest(results: Results, outcome: str, cell: dict | None = None, ax: Axes | None = None) -> Axes:
    """Each variant's difference from the baseline in one outcome, with its
    95% interval. Blue: an improvement; vermillion: a worsening; grey: the
    interval includes no change."""
    table = comparison_in_cell(results, cell)
    baseline = results.baseline_variant
    rows = table[table["outcome"] == outcome].set_index("variant")
    variants = [v for v in rows.index if v != baseline]
    if not variants:
        raise ValueError(f"{results.path} has only the variant {baseline!r}: there is nothing to compare it with")
    m = results.outcome_metric(outcome)
    ax = _ax(ax, 1.6 + 0.4 * len(variants))
    y = np.arange(len(variants))[::-1]
    for yi, variant in zip(y, variants):
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
    ax.set_yticks(y, [style.pretty(v) for v in variants])
    ax.set_ylim(-0.7, len(variants) - 0.3)
    base_mean = rows.loc[baseline, "mean"] if baseline in rows.index else np.nan
    fmt = f"{{:.{m.decimals}f}}"
    ax.set_xlabel(f"difference ({m.unit_text})\nbaseline mean {fmt.format(base_mean)}")
    ax.set_title(textwrap.fill(m.label, 18), loc="left", fontsize=9.5)
    return ax


@style.styled
def comparison_panels(results: Results, outcomes: Sequence[str], cell: dict | None = None) -> Figure:
    """comparison_forest for each outcome, side by side, sharing the variants."""
    present = set(results.comparison["outcome"])
    outcomes = [o for o in outcomes if o in present]
    if not outcomes:
        raise ValueError(f"{results.path}: none of the outcomes is in the comparison")
    variants = [v for v in dict.fromkeys(comparison_in_cell(results, cell)["variant"]) if v != results.baseline_variant]
    if not variants:
        raise ValueError(f"{results.path} has only the variant {results.baseline_variant!r}: nothing to compare it with")
    fig = style.new_figure(width=max(style.FULL_WIDTH, 2.0 * len(outcomes)), height=1.9 + 0.42 * len(variants))
    grid = fig.add_gridspec(2, len(outcomes), height_ratios=[1, 0.12 + 0.6 / (1 + len(variants))])
    axes = [fig.add_subplot(grid[0, i]) for i in range(len(outcomes))]
    for i, (ax, outcome) in enumerate(zip(axes, outcomes)):
        comparison_forest(results, outcome, cell, ax=ax)
        if i:
            ax.tick_params(labelleft=False)
    legend = [Patch(color=VERDICT_COLOURS[k], label=label) for k, label in (
        ("better", "better than baseline"), ("worse", "worse than baseline"), ("unclear", "interval includes no change"))]
    style.legend_panel(fig, grid[1, :], legend, ncols=3)
    where = f" — {cell_text(cell)}" if cell else ""
    fig.suptitle(f"Difference from {style.pretty(results.baseline_variant)}{where}, with 95% intervals")
    return fig


@style.styled
def response_curves(results: Results, outcome: str, key: str | None = None, ax: Axes | None = None) -> Axes:
    """An outcome's mean and 95% interval (from /comparison) against the
    values of a grid key, one line per variant; other grid keys, if any,
    give further lines (never pooled)."""
    keys = results.grid_keys
    if not keys:
        raise ValueError(f"{results.path} is not a grid sweep")
    key = key or keys[0]
    others = [k for k in keys if k != key]
    table = results.comparison[results.comparison["outcome"] == outcome]
    m = results.outcome_metric(outcome)
    lines = table.groupby(["variant", *others], sort=False) if others else table.groupby("variant", sort=False)
    ax = _ax(ax, 3.2)
    colours = style.variant_colours(list(dict.fromkeys(table["variant"])), results.baseline_variant)
    lines = list(lines)
    values = table[key].to_numpy(dtype=float)
    spread = (values.max() - values.min()) or 1.0
    for i, (name, line) in enumerate(lines):
        name = name if isinstance(name, tuple) else (name,)
        line = line.sort_values(key)
        label = style.pretty(name[0]) + "".join(f", {k} = {v:g}" for k, v in zip(others, name[1:]))
        # Lines side by side around each grid value, so their intervals do not hide each other.
        dodge = (i - (len(lines) - 1) / 2) * 0.015 * spread
        ax.errorbar(line[key] + dodge, line["mean"], yerr=[line["mean"] - line["ci_low"], line["ci_high"] - line["mean"]],
                    color=colours[name[0]], linestyle=style.LINESTYLES[i % 4], marker="o", markersize=4,
                    capsize=3, linewidth=1.4, label=label)
    _from_zero(ax, m)
    ax.set_xlabel(key)
    ax.set_ylabel(m.unit_text)
    ax.set_title(m.label, loc="left", fontsize=9.5)
    return ax


def sensitivity_table(results: Results, outcomes: Sequence[str] | None = None) -> pd.DataFrame:
    """PRCC of each swept parameter with each outcome (see stats.prcc)."""
    parameters = [p for p in results.parameters if results.summary[p].nunique() > 2]
    if not parameters:
        raise ValueError(f"{results.path} has no swept parameters with more than two values: sensitivity needs a sampled sweep")
    outcomes = list(outcomes or results.outcomes)
    need = len(parameters) + 4
    complete = {o: results.summary[parameters + [o]].dropna().shape[0] for o in outcomes}
    # An outcome undefined (NaN) in too many runs is left out, rather than
    # every outcome losing those runs: burnt_out_leaving_ratio is NaN in any
    # run shorter than its survey's year.
    usable = [o for o in outcomes if complete[o] >= need]
    if not usable:
        n = max(complete.values(), default=0)
        raise ValueError(f"{results.path} has {n} complete runs; sensitivity to {len(parameters)} parameters needs at least {need}")
    return stats.prcc(results.summary, parameters, usable)


@style.styled
def sensitivity(results: Results, outcomes: Sequence[str] | None = None, ax: Axes | None = None) -> Axes:
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
    if ax is None:
        ax = style.new_figure(width=max(style.FULL_WIDTH, 0.85 * len(outcomes) + 3.5),
                              height=1.9 + 0.45 * len(parameters)).add_subplot()
    image = ax.imshow(grid.to_numpy(dtype=float), cmap=style.CHANGE_COLOURMAP, vmin=-1, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(grid.to_numpy(dtype=float)):
        if np.isfinite(v):
            mark = "*" if clear.iat[i, j] else ""
            ax.text(j, i, f"{v:+.2f}{mark}", ha="center", va="center", fontsize=8,
                    color="white" if abs(v) > 0.6 else "black")
    ax.set_xticks(range(len(outcomes)), [results.outcome_metric(o).label for o in outcomes], rotation=30, ha="right")
    ax.set_yticks(range(len(parameters)), parameters)
    ax.grid(False)
    ax.set_xlabel("outcome")
    ax.set_ylabel("swept parameter (scenario key)")
    ax.figure.colorbar(image, ax=ax, label="partial rank correlation (−1 to 1)")
    n = int(table["n"].max())
    ax.set_title(f"Sensitivity of outcomes to swept parameters ({n} runs)\n* 95% interval excludes zero", loc="left")
    return ax
