"""trustsim report FILE.h5 [-o DIR]   (or: /usr/bin/python3 -m trustsim.report)

Writes DIR/report.html, one self-contained page (figures embedded) that a
reader without Python can open and print, plus DIR/figures/ (PNG and SVG)
and the tables as CSV. It opens with how to read it: what the model is and
is not calibrated to, what the intervals include, and how many comparisons
the page makes. Effects are said in words with their uncertainty, the clear
ones and the unclear ones. A grid sweep gets one section per grid cell
(cells are never pooled) and response curves across cells.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import pandas as pd

from . import figures, sensitivity, stats, style
from .load import Metric, Results, TrustsimFileError, open_results

# What a policy reader compares interventions on, unless the question names others.
QUESTION_OUTCOMES = ("trust_between", "issues_unraised", "incidents", "leavers")
# Above this many variants a per-variant table or plot is a wall of numbers.
MAX_VARIANTS_COMPARED = 12
MAX_NETWORKS = 9  # network panels, three to a row


@dataclass
class Section:
    key: str
    title: str
    what: str  # what the figure shows
    how: str  # how to read it
    draw: object = None  # () -> Figure or Axes
    png: Path | None = None
    svg: Path | None = None
    not_drawn: str | None = None  # why there is no figure
    after: str = ""  # HTML after the figure (a table)


@dataclass
class Design:
    """What the file holds, in the terms the page is organised by."""

    kind: str  # run, variants, grid, sampled, comparison
    cells: list = field(default_factory=lambda: [None])  # grid cells (dicts); [None] otherwise
    words: str = ""


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def describe_design(results: Results) -> Design:
    s = results.summary
    variants = results.variants
    keys = results.grid_keys

    def replicates(by) -> str:
        per = s.groupby(by).size()
        n = str(per.min()) if per.min() == per.max() else f"{per.min()}–{per.max()}"
        return f"{n} replicate run{'s' if int(per.max()) != 1 else ''}"

    source = " merged from shard files" if results.provenance.get("merged_from") else ""
    if keys:
        cells = s[keys].drop_duplicates().to_dict("records")
        sampled = [p for p in results.parameters if p not in keys]
        pooled = f", sampled points over {', '.join(sampled)} pooled within each cell" if sampled else ""
        return Design("grid", cells, f"a grid sweep{source}: {plural(len(variants), 'variant')} × "
                      f"{plural(len(cells), 'grid cell')} (over {', '.join(keys)}) × "
                      f"{replicates(['variant', *keys])}{pooled}")
    if results.parameters:
        points = s[results.parameters].drop_duplicates().shape[0]
        return Design("sampled", [None], f"a sampled design{source}: {plural(len(variants), 'variant')} × "
                      f"{plural(points, 'sampled point')} over {plural(len(results.parameters), 'parameter')}, "
                      f"{plural(len(s), 'run')} in all")
    if results.kind == "comparison":
        return Design("comparison", [None], f"a comparison of {plural(len(variants), 'file')} of separate runs, "
                      f"{replicates('variant')} each; the first is the baseline")
    if len(variants) == 1:
        return Design("run", [None], f"a run of {plural(len(s), 'replicate')} of one scenario")
    return Design("variants", [None], f"a sweep{source} of {plural(len(variants), 'variant')} × {replicates('variant')}")


# --- numbers and words ------------------------------------------------------


def fmt(value: float | None, metric: Metric) -> str:
    """A value as the page shows it: to the metric's decimals, thousands whole."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.{metric.decimals}f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text  # no "-0.0"


def signed(value: float, metric: Metric) -> str:
    text = fmt(value, metric)
    return "+" + text if value > 0 and text.strip("0.,") else text


def level_interval(row, metric: Metric) -> str:
    """A mean's 95% interval, "low to high", cut where the outcome must stop
    (Metric.within_range)."""
    return (f"{fmt(metric.within_range(row['ci_low']), metric)} to "
            f"{fmt(metric.within_range(row['ci_high']), metric)}")


def question_outcomes(results: Results, asked: Sequence[str] | None = None) -> list[str]:
    """The outcomes the question is about: as asked (option or sweep file's
    "outcomes"), else the policy four; only those the file has."""
    given = results.provenance.get("scenario_given")
    named = asked or (given.get("outcomes") if isinstance(given, dict) else None) or QUESTION_OUTCOMES
    unknown = [o for o in named if o not in results.outcomes]
    if unknown:
        raise TrustsimFileError(results.path, f"has no outcome(s) {', '.join(unknown)}; it has {', '.join(results.outcomes)}")
    return list(named)


def effect_sentence(results: Results, row: pd.Series, outcome: str, base_mean: float) -> str:
    """One outcome's difference from the baseline in words, with its interval."""
    m = results.outcome_metric(outcome)
    verdict = figures.verdict(outcome, row["diff_ci_low"], row["diff_ci_high"])
    interval = f"95% interval {signed(row['diff_ci_low'], m)} to {signed(row['diff_ci_high'], m)}"
    base = f"baseline {fmt(base_mean, m)}"
    label = html.escape(m.label.lower() if m.label[1:2].islower() else m.label)
    if verdict == "unclear":
        return (f'<span class="unclear">{label}: no clear difference</span> '
                f"({signed(row['diff'], m)}, {interval}; {base})")
    up = row["diff"] > 0
    # Counts are more or fewer; scores, correlations and rates higher or lower.
    word = ("more" if up else "fewer") if m.is_count and "/" not in m.units else ("higher" if up else "lower")
    return (f'<span class="{verdict}">{label}: {fmt(abs(row["diff"]), m)} {word} ({verdict})</span> '
            f"({interval}; {base})")


def at_a_glance(results: Results, outcomes: Sequence[str], cell: dict | None = None) -> list[str]:
    """For each variant, every question outcome in words (clear or not); for
    a file of one variant, its outcomes with their intervals."""
    table = figures.comparison_in_cell(results, cell)
    baseline = results.baseline_variant
    variants = [v for v in dict.fromkeys(table["variant"]) if v != baseline]
    lines = []
    if len(variants) > MAX_VARIANTS_COMPARED:
        return [f"{len(variants)} variants: too many to list one by one; see comparison.csv."]
    base = table[table["variant"] == baseline].set_index("outcome")
    for variant in variants:
        rows = table[table["variant"] == variant].set_index("outcome")
        said = [effect_sentence(results, rows.loc[o], o, base["mean"].get(o, math.nan))
                for o in outcomes if o in rows.index]
        lines.append(f"<strong>{html.escape(style.pretty(variant))}</strong> compared with "
                     f"{html.escape(style.pretty(baseline))}: " + "; ".join(said) + ".")
    if not variants:
        for outcome in outcomes:
            if outcome in base.index:
                r, m = base.loc[outcome], results.outcome_metric(outcome)
                lines.append(f"{html.escape(m.label)}: {fmt(r['mean'], m)} {html.escape(m.unit_after_value)} "
                             f"(95% interval {level_interval(r, m)}, "
                             f"{plural(int(r['n']), 'run')})")
    return lines


def baseline_words(results: Results) -> str:
    """The baseline scenario in plain words, from its resolved scenario."""
    baseline = results.baseline_variant
    scenario = results.variant_scenario(baseline)
    if not scenario:
        return "The file does not hold the baseline's scenario."
    teams = (scenario.get("system") or {}).get("teams") or []
    described = []
    for team in teams:
        staff = sum(int(g.get("count", 0)) for g in team.get("staff", []))
        described.append(f"{html.escape(style.pretty(team.get('name', '?')))} ({staff} staff)")
    meetings = scenario.get("meetings") or {}
    regime = meetings.get("regime")
    if regime == "hybrid":
        meet = f"meetings are hybrid, {100 * float(meetings.get('face_to_face_fraction', 0)):.0f}% of them face to face"
    elif regime:
        meet = f"meetings are {html.escape(style.pretty(regime))}"
    else:
        meet = "the meeting regime is not recorded"
    if meetings.get("schedule"):
        meet += ", with later changes of regime (" + ", ".join(
            f"day {c.get('day')}: {html.escape(style.pretty(c.get('regime', '?')))}" for c in meetings["schedule"]) + ")"
    on = [style.pretty(name) for name, v in (scenario.get("interventions") or {}).items()
          if isinstance(v, dict) and v.get("enabled")]
    interventions = ("interventions switched on: " + ", ".join(on)) if on else "no intervention is switched on"
    name = "The baseline" if len(results.variants) > 1 else "The scenario"
    if baseline != "baseline":
        name += f" ({html.escape(style.pretty(baseline))})"
    return (f"{name} simulates {plural(len(teams), 'team')}"
            f"{': ' + ', '.join(described) if described else ''} for {scenario.get('days', '?')} working days; "
            f"{meet}; {interventions}. Every other parameter is as resolved in the scenario below.")


def calibrated_to(provenance: dict) -> str:
    """The scenario's `calibrated_to` (a sweep's: its base scenario's), or ""."""
    resolved = provenance.get("scenario_resolved")
    if not isinstance(resolved, dict):
        return ""
    if isinstance(resolved.get("base"), dict):
        resolved = resolved["base"]
    return str(resolved.get("calibrated_to") or "")


def how_to_read(results: Results, design: Design, outcomes: Sequence[str]) -> str:
    """The box every page opens with: calibration, intervals, multiplicity."""
    calibrated = calibrated_to(results.provenance)
    if calibrated:
        calibration = (f"<strong>What is calibrated:</strong> {html.escape(calibrated)} Every parameter not "
                       "named there is an assumption with a plausible range (docs/scenarios.md), and a variant "
                       "that changes a calibrated parameter leaves what was fitted.")
    else:
        calibration = ("<strong>Nothing in it is calibrated yet:</strong> every rate — how often issues arise, "
                       "how fast trust grows and fades, how often staff leave — is an assumption with a plausible "
                       "range (docs/scenarios.md), not a value fitted to data from real teams. Read the results as "
                       "what follows from those assumptions: directions and relative sizes, not forecasts for a "
                       "real service.")
    if design.kind == "sampled":
        intervals = ("Each variant's runs are pooled over the sampled parameter ranges, so its 95% intervals "
                     "include both the simulation's random variation and the spread over those ranges.")
    else:
        intervals = ("The 95% intervals include only the simulation's random variation between replicate runs "
                     "(different random draws of the same scenario). They do <em>not</em> include uncertainty "
                     "about the parameters themselves, which is larger: a different but equally plausible set of "
                     "assumptions could move every number on this page.")
    table = results.comparison
    n_variants = len([v for v in dict.fromkeys(table["variant"]) if v != results.baseline_variant])
    n_outcomes = table["outcome"].nunique()
    comparisons = n_variants * n_outcomes * len(design.cells)
    if comparisons > 1:
        multiplicity = (f"This page makes {comparisons} comparisons ({plural(n_variants, 'variant')} against the "
                        f"baseline × {plural(n_outcomes, 'outcome')}"
                        + (f" × {plural(len(design.cells), 'grid cell')}" if len(design.cells) > 1 else "")
                        + f"). Even if nothing really differed, about 1 in 20 intervals would exclude zero by "
                        f"chance: expect around {comparisons / 20:.1f} such 'clear' differences from chance alone. "
                        "A single clear difference among many, or one that is small, deserves caution; the "
                        "question's outcomes (" + ", ".join(html.escape(results.outcome_metric(o).label.lower())
                                                          for o in outcomes) + ") are the ones to read first.")
    else:
        multiplicity = "This page compares no variants: it describes one scenario."
    return f"""<aside id="how-to-read" class="box">
<h2>How to read this</h2>
<p><strong>What the model is.</strong> trustsim simulates the everyday interactions of staff in integrated
health-care teams — meetings, informal contacts, issues raised or left unraised — and how trust between them
builds up or erodes, and what that does to patient safety and to staff staying. {calibration}</p>
<p><strong>What the intervals include.</strong> {intervals}</p>
<p><strong>Many comparisons.</strong> {multiplicity}</p>
<p><strong>Words.</strong> "Better" or "worse" means the 95% interval of the difference excludes zero;
"no clear difference" means it does not — the runs cannot tell the variants apart, which is not the same as
showing they are alike.</p>
</aside>"""


def comparison_table(results: Results, cell: dict | None = None) -> str:
    """Every outcome per variant: mean, interval, difference, verdict."""
    table = figures.comparison_in_cell(results, cell)
    if table["variant"].nunique() > MAX_VARIANTS_COMPARED:
        return ""
    baseline = results.baseline_variant
    rows = []
    for outcome in dict.fromkeys(table["outcome"]):
        m = results.outcome_metric(outcome)
        block = table[table["outcome"] == outcome]
        for i, (_, r) in enumerate(block.iterrows()):
            head = (f'<th scope="rowgroup" rowspan="{len(block)}">{html.escape(m.label)}'
                    f'<br><span class="units">{html.escape(m.unit_text)}</span></th>') if i == 0 else ""
            is_base = r["variant"] == baseline
            verdict = "" if is_base else figures.verdict(outcome, r["diff_ci_low"], r["diff_ci_high"])
            words = {"better": "better", "worse": "worse", "unclear": "no clear difference", "": "baseline"}[verdict]
            diff = "–" if is_base else signed(r["diff"], m)
            diff_ci = "–" if is_base else f"{signed(r['diff_ci_low'], m)} to {signed(r['diff_ci_high'], m)}"
            rows.append(
                f"<tr>{head}<td>{html.escape(style.pretty(r['variant']))}</td><td class=num>{int(r['n'])}</td>"
                f"<td class=num>{fmt(r['mean'], m)}</td>"
                f"<td class=num>{level_interval(r, m)}</td>"
                f"<td class=num>{diff}</td><td class=num>{diff_ci}</td>"
                f'<td class="{verdict or "base"}">{words}</td></tr>'
            )
    where = f" in the grid cell {html.escape(figures.cell_text(cell))}" if cell else ""
    return f"""<p>Each outcome per variant{where}: the mean over replicate runs with its 95% interval, and the
difference from {html.escape(style.pretty(baseline))} with its 95% interval (as stored in the file's /comparison;
a mean's interval is cut where the outcome must stop: a count at 0, a share at 0 and 1).
Trust outcomes average the final 60 days of each run; counts are totals over the run; headcount is on the final day.</p>
<table class="comparison">
<thead><tr><th>Outcome</th><th>Variant</th><th>Runs</th><th>Mean</th><th>95% interval</th>
<th>Difference</th><th>95% interval</th><th>Verdict</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>"""


# --- tables -----------------------------------------------------------------


def write_tables(results: Results, design: Design, out_dir: Path, all_tables: bool) -> list:
    """Write the CSV tables; return (name, description, rows) for each."""
    written = []
    keys = results.grid_keys

    def put(name, table, about):
        table.to_csv(out_dir / name, index=False)
        written.append((name, about, len(table)))

    put("summary.csv", results.summary, "one row per run: ids, seed, swept parameters, outcomes")
    put("comparison.csv", results.comparison,
        f"per variant{', grid cell' if keys else ''} and outcome: mean and difference from "
        f"{results.baseline_variant}, 95% intervals ({results.comparison_source})")
    if not results.daily_wide.empty:
        bands = []
        for cell in design.cells:
            wide = figures._daily(results, cell)
            for metric in results.daily_metrics:
                band = stats.band_over_replicates(wide, metric).assign(metric=metric, **(cell or {}))
                bands.append(band)
        put("daily_mean.csv", pd.concat(bands, ignore_index=True)[
            ["variant", *keys, "metric", "day", "n", "mean", "ci_low", "ci_high"]],
            "each daily series per variant" + (", grid cell" if keys else "") + " and day: mean over replicates, 95% interval")
    if not results.team_trust.empty:
        tt = results.team_trust
        if keys:
            tt = tt.merge(results.summary[["run_id", *keys]], on="run_id")
        mean = tt.groupby(["variant", *keys, "day", "from_team", "to_team"], sort=False)["trust"]
        put("team_trust_mean.csv", mean.mean().reset_index(),
            "team-by-team trust per variant" + (", grid cell" if keys else "") + " and day, mean over replicates")
    if design.kind == "sampled":
        try:
            put("sensitivity.csv", figures.sensitivity_table(results),
                "partial rank correlation of each swept parameter with each outcome")
        except ValueError:
            pass  # too few runs: the section says why
    if all_tables:
        put("daily.csv", results.daily, "every run's daily series, long form")
        put("team_trust.csv", results.team_trust, "every run's team-by-team trust, long form")
    return written


# --- figures ----------------------------------------------------------------


def figure_sections(results: Results, design: Design, outcomes: Sequence[str], cell: dict | None = None,
                    suffix: str = "") -> list[Section]:
    """The figures of the file (or of one grid cell), each with its words."""
    baseline = style.pretty(results.baseline_variant)
    variants = results.variants
    many = len(variants) > figures.MAX_VARIANTS_OVER_TIME
    where = f" in this grid cell ({figures.cell_text(cell)})" if cell else ""
    pooled = " pooled over the sampled points" if design.kind == "sampled" else ""
    sections = [
        Section(
            "trust" + suffix, "Trust within and between teams",
            f"How much, on average, staff trust colleagues in their own team (solid blue line) and in other teams "
            f"(dashed orange line), day by day, in the {baseline} scenario{where}{pooled}. Each line is the average "
            "over replicate runs; the shaded band is its 95% interval.",
            "Trust runs from 0 (none) to 1 (full); the axis shows all of it. A widening gap between the lines means "
            "teams are turning inwards; a falling orange line means staff will find it harder to raise an issue "
            "with another team.",
            lambda: figures.trust_over_time(results, cell=cell),
        ),
        Section(
            "outcomes" + suffix, "Outcomes over time",
            f"Daily measures{where}{pooled}, one per panel, one line per variant: trust between and within teams, "
            "issues not raised, patient-safety incidents as a daily rate and as a running total, and headcount. "
            "Daily counts are smoothed with a 7-day mean; lines are averages over replicates, bands 95% intervals. "
            "Counts and shares are drawn from zero. A dotted line marks the day an intervention starts.",
            "The running total of incidents shows a difference that the noisy daily rate hides: lines that part "
            "and keep parting mean a lasting difference. Where two bands do not overlap the difference is unlikely "
            "to be chance.",
            _refuse(f"{len(variants)} variants: too many lines to tell apart; daily_mean.csv has every one") if many
            else (lambda: figures.outcomes_over_time(results, cell=cell)),
        ),
    ]
    if len(variants) > 1:
        sections.append(Section(
            "comparison" + suffix, "What each variant changes",
            f"For each variant, its difference from {baseline}{where} in the question's outcomes: trust between "
            "teams (mean of the final 60 days) and totals over the run. The dot is the estimated difference, the "
            "bar its 95% interval.",
            "A bar that crosses the black zero line means the runs show no clear difference. Blue means better than "
            "the baseline, vermillion worse, grey unclear. Mind the number of comparisons (see How to read this).",
            _refuse(f"{len(variants)} variants: too many to compare one by one (see comparison.csv)")
            if len(variants) > MAX_VARIANTS_COMPARED else (lambda: figures.comparison_panels(results, outcomes, cell)),
            after=comparison_table(results, cell),
        ))
    elif design.kind != "grid":
        sections.append(Section("comparison" + suffix, "Outcomes with their intervals", "", "", None,
                                not_drawn="one variant: nothing to compare it with; its outcomes follow",
                                after=comparison_table(results, cell)))
    sections += [
        Section(
            "team_trust" + suffix, "Trust between each pair of teams",
            f"Per variant{where}: the average trust that staff of each team (rows) place in staff of each team "
            "(columns) on the last sampled day, and its change since the first day (up to four variants), or, "
            "with more variants, each variant's difference from the baseline on that day.",
            "Cells on the diagonal are trust within a team; the rest are trust across teams. Brighter cells mean "
            "more trust, on one 0–1 scale for every variant. In the change and difference panels purple means "
            "more trust and orange less, on one scale for every panel. One team may trust another more than it "
            "is trusted back.",
            lambda: figures.team_trust_panels(results, cell=cell),
        ),
        Section(
            "network" + suffix, "The trust network, team by team",
            f"Each team as a circle and each pair of teams as a line, on the last sampled day{where}, averaged over "
            "replicates, for the baseline"
            + (" and each variant" if 1 < len(variants) <= MAX_NETWORKS else "") + ". The colour and width of a line follow "
            "the mutual trust between the two teams' staff; the colour of a ring the trust within the team. "
            "Numbers give the trust.",
            "Thin, dark lines are weak ties between teams: the places where issues are least likely to be raised. "
            "Compare the lines with the rings: lines much darker than rings mean teams that trust inwards.",
            lambda: _networks(results, cell),
        ),
    ]
    return sections


def _refuse(reason: str):
    """A drawing step that declines, with the reason the page shows."""

    def refuse():
        raise ValueError(reason)

    return refuse


@style.styled
def _networks(results: Results, cell):
    variants = results.variants if 1 < len(results.variants) <= MAX_NETWORKS else [results.baseline_variant]
    cols = min(2 if len(variants) <= 4 else 3, len(variants))
    rows = -(-len(variants) // cols)
    fig = style.new_figure(width=style.FULL_WIDTH if cols < 3 else 9.5, height=(3.3 if cols < 3 else 3.0) * rows + 1.0)
    axes = [fig.add_subplot(rows, cols, i + 1) for i in range(len(variants))]
    for ax, variant in zip(axes, variants):
        figures.team_network(results, variant, cell, ax=ax, key=False)
    figures.trust_key(fig, axes)
    return fig


def draw(section: Section, fig_dir: Path, name: str) -> None:
    if section.draw is None:
        return
    try:
        drawn = section.draw()
        fig = getattr(drawn, "figure", drawn)
        section.png, section.svg = style.save(fig, fig_dir / name)
    except (ValueError, KeyError, TrustsimFileError) as e:
        section.not_drawn = str(e).strip("'\"")

# --- the page ---------------------------------------------------------------

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d9d9d9; --better: #0072B2; --worse: #D55E00; --unclear: #6b6b6b; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink);
       max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--rule); }
.lede { color: var(--muted); margin-top: 0; }
.notice { border-left: 4px solid var(--worse); background: #fff4ec; padding: .6rem 1rem; }
.box { border: 1px solid var(--rule); border-left: 4px solid var(--better); background: #f3f8fc; padding: .2rem 1.2rem;
       margin: 1.5rem 0; } .box h2 { margin-top: .8rem; border: none; }
section.cell { border-top: 3px solid var(--ink); margin-top: 3rem; } h3 { margin-top: 1.8rem; }
ul.glance li { margin: .3rem 0; }
figure { margin: 1rem 0 2rem; } figure img { width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: .95rem; color: #333; } figcaption p { margin: .4rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: 1rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.units { color: var(--muted); font-weight: normal; font-size: .85em; }
.better { color: var(--better); font-weight: 600; } .worse { color: var(--worse); font-weight: 600; }
.unclear { color: var(--unclear); } .base { color: var(--muted); font-style: italic; }
pre { background: #f6f6f6; padding: .8rem; overflow-x: auto; font-size: .85rem; }
.skipped { color: var(--muted); font-style: italic; }
@media print { body { max-width: none; } figure, table { break-inside: avoid; } details { display: block; } }
"""

# Sets data-images-loaded="k/n" on <body> once the page has loaded, and says
# on the console if a figure did not load, so a headless browser can check.
IMAGE_CHECK = """
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;
  document.body.setAttribute("data-images-loaded", loaded + "/" + images.length);
  if (loaded !== images.length) { console.error("trustsim report: " + (images.length - loaded) + " figure(s) did not load"); }
});
"""




def page_ending(provenance: dict, keys, tables: list) -> str:
    """Every page's last sections: provenance (the `keys` the file has) and
    the CSV tables written beside it ((name, about, rows) each)."""
    provenance_rows = "".join(
        f"<tr><th scope=row>{html.escape(k)}</th><td>{html.escape(str(provenance[k]))}</td></tr>"
        for k in keys if k in provenance)
    table_rows = "".join(
        f'<tr><td><a href="{html.escape(n)}">{html.escape(n)}</a></td><td class=num>{rows:,}</td>'
        f"<td>{html.escape(about)}</td></tr>" for n, about, rows in tables)
    return f"""<h2 id="provenance">Provenance</h2>
<table id="provenance-table"><tbody>{provenance_rows}</tbody></table>
<h2 id="tables">Tables (CSV, beside this report)</h2>
<table id="csv-tables"><thead><tr><th>File</th><th>Rows</th><th>Contents</th></tr></thead><tbody>{table_rows}</tbody></table>
<script>{IMAGE_CHECK}</script>
</body>
</html>"""


def _figure_html(section: Section, number: str) -> str:
    title = f"<h3 id=\"{section.key}\">{number} {html.escape(section.title)}</h3>"
    if section.png is None:
        body = f"<p class=skipped>Not drawn: {html.escape(section.not_drawn or '')}.</p>" if section.not_drawn else ""
        return f"{title}\n{body}\n{section.after}"
    data = base64.b64encode(section.png.read_bytes()).decode("ascii")
    svg = f"figures/{section.svg.name}"
    return f"""{title}
<figure>
<img src="data:image/png;base64,{data}" alt="{html.escape(section.title)}: {html.escape(section.what)}">
<figcaption>
<p><strong>What it shows.</strong> {html.escape(section.what)}</p>
<p><strong>How to read it.</strong> {html.escape(section.how)}</p>
<p class=units>Vector version for print: <a href="{svg}">{html.escape(svg)}</a> (beside this report).</p>
</figcaption>
</figure>
{section.after}"""


def _glance_html(results: Results, outcomes, cell=None) -> str:
    lines = at_a_glance(results, outcomes, cell)
    return "<ul class=glance>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else ""


def body_sections(results: Results, design: Design, outcomes: Sequence[str], fig_dir: Path) -> str:
    """The figures and tables: once for the file, or once per grid cell."""
    parts = []
    if design.kind == "grid":
        curves = Section(
            "response", "Response curves across the grid",
            "Each question outcome (a panel) against the first grid key: one line per variant"
            + (" and per value of the other grid keys" if len(results.grid_keys) > 1 else "")
            + "; the dot is the mean over that cell's replicate runs, the bar its 95% interval.",
            "Each point is one grid cell on its own: cells are never pooled. Lines that run apart as the key "
            "grows mean the variant's effect depends on that setting.",
            lambda: _curves(results, outcomes))
        draw(curves, fig_dir, "response")
        parts.append(f'<section id="response-curves"><h2>Response curves</h2>\n{_figure_html(curves, "")}</section>')
        for i, cell in enumerate(design.cells, 1):
            sections = figure_sections(results, design, outcomes, cell, f"_cell{i}")
            for s in sections:
                draw(s, fig_dir, s.key)
            inner = "\n".join(_figure_html(s, f"{i}.{k}") for k, s in enumerate(sections, 1))
            parts.append(f'<section class="cell" id="cell-{i}">\n<h2>Grid cell {i} of {len(design.cells)}: '
                         f'{html.escape(figures.cell_text(cell))}</h2>\n<h3>At a glance</h3>\n'
                         f'{_glance_html(results, outcomes, cell)}\n{inner}\n</section>')
        return "\n".join(parts)
    sections = figure_sections(results, design, outcomes)
    if design.kind == "sampled":
        sections.append(Section(
            "sensitivity", "Which parameters matter",
            "How strongly each sampled parameter (rows) drives each outcome (columns), as a partial rank "
            "correlation: from −1 to 1, after allowing for the other parameters.",
            "Purple: the outcome rises as the parameter rises; orange: it falls; near zero: little influence "
            "within the range sampled. Values marked * have a 95% interval that excludes zero — with many cells, "
            "some will by chance.",
            lambda: figures.sensitivity(results, outcomes=results.outcomes)))
    # Morris and Sobol' designs: their indices from /sensitivity (a grid's
    # response curves are drawn above, by this module).
    for key, title, what, how, drawer in sensitivity.report_figures(results):
        if key != "response":
            sections.append(Section(key, title, what, how, lambda drawer=drawer: drawer(None)))
    for s in sections:
        draw(s, fig_dir, s.key)
    inner = "\n".join(_figure_html(s, f"{k}.") for k, s in enumerate(sections, 1))
    return f'<section id="figures"><h2>Figures and tables</h2>\n{inner}\n</section>'


@style.styled
def _curves(results: Results, outcomes):
    cols = min(2, len(outcomes))
    rows = -(-len(outcomes) // cols)
    fig = style.new_figure(height=2.8 * rows + 0.8)
    axes = [fig.add_subplot(rows, cols, i + 1) for i in range(len(outcomes))]
    for ax, outcome in zip(axes, outcomes):
        figures.response_curves(results, outcome, ax=ax)
    axes[0].legend(fontsize=7.5)
    fig.suptitle("Question outcomes across the grid: mean and 95% interval per cell")
    return fig


def render(results: Results, design: Design, outcomes: Sequence[str], body: str, tables: list) -> str:
    p = results.provenance
    days = int(results.daily_wide["day"].max()) + 1 if not results.daily_wide.empty else "?"
    runs = len(results.summary)
    notice = ""
    if not results.is_complete:
        missing = results.missing_runs
        notice = (f'<p class=notice>This file is incomplete (a sweep still running or being resumed): '
                  f'{len(missing)} of {max(runs, int(p.get("run_count", runs)))} runs have no data yet. '
                  f'The figures and tables show the runs that are there.</p>')
    glance = "" if design.kind == "grid" else f'<h2 id="glance">At a glance</h2>\n{_glance_html(results, outcomes)}'
    if design.kind == "grid":
        glance = ('<h2 id="glance">At a glance</h2>\n<p>Each grid cell is compared on its own; its section below '
                  'opens with its effects in words. Cells: ' + "; ".join(
                      f'<a href="#cell-{i}">{html.escape(figures.cell_text(c))}</a>'
                      for i, c in enumerate(design.cells, 1)) + ".</p>")
    scenario = p.get("scenario_given", "")
    resolved = p.get("scenario_resolved", "")
    as_text = lambda v: v if isinstance(v, str) else json.dumps(v, indent=2)  # noqa: E731
    ending = page_ending(p, ("kind", "program_version", "git_commit", "created_utc", "command_line", "seed",
                             "run_count", "merged_from", "format", "format_version"), tables)
    made = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>trustsim report: {html.escape(results.path.name)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>trustsim report</h1>
<p class=lede>{html.escape(results.path.name)}: {html.escape(design.words)}, {days} working days each.
Made {made} by trustsim {html.escape(str(p.get('program_version', '?')))}.</p>
{notice}
{how_to_read(results, design, outcomes)}
<h2 id="baseline">The baseline</h2>
<p>{baseline_words(results)}</p>
{glance}
{body}
<h2 id="scenario">Scenario</h2>
<p>The scenario or sweep file as given (defaults not shown):</p>
<pre>{html.escape(as_text(scenario))}</pre>
<details><summary>The scenario with every default filled in</summary>
<pre>{html.escape(as_text(resolved))}</pre></details>
{ending}
"""


def _kind_of(path):
    """The root attribute `kind` of a trustsim file, or None (open_results then says what is wrong)."""
    try:
        with h5py.File(path, "r") as f:
            if f.attrs.get("format") in ("trustsim", b"trustsim"):
                kind = f.attrs.get("kind", "run")
                return kind.decode() if isinstance(kind, bytes) else str(kind)
    except (OSError, ValueError):
        pass
    return None


def write_report(path: str | Path, out_dir: str | Path, all_tables: bool = False,
                 outcomes: Sequence[str] | None = None) -> Path:
    """Write the report of `path` into `out_dir`; return the HTML file."""
    if _kind_of(path) == "calibration":
        from .calibration_report import render_calibration  # it builds on this module's page parts

        return render_calibration(path, out_dir)
    results = open_results(path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "report.html"
    design = describe_design(results)
    outcomes = question_outcomes(results, outcomes)
    tables = write_tables(results, design, out_dir, all_tables)
    body = body_sections(results, design, outcomes, out_dir / "figures")
    page.write_text(render(results, design, outcomes, body, tables), encoding="utf-8")
    return page


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="/usr/bin/python3 -m trustsim.report",
        description="Write a self-contained HTML report of a trustsim output file (how to read it, effects in "
        "words, figures, the comparison with 95% intervals, scenario and provenance) and its tables as CSV.",
    )
    parser.add_argument("file", help="trustsim output file (.h5) of run, sweep, compare or merge")
    parser.add_argument("-o", "--output", help="directory to write into (default: FILE without .h5, plus _report)")
    parser.add_argument("--outcomes", help="the question's outcomes, comma-separated (default: "
                        + ",".join(QUESTION_OUTCOMES) + ")")
    parser.add_argument("--all-tables", action="store_true",
                        help="also write every run's daily series and team trust (daily.csv, team_trust.csv)")
    parser.add_argument("--prog", help=argparse.SUPPRESS)  # how `trustsim report` names itself in messages
    args = parser.parse_args(argv)
    prog = args.prog or "trustsim.report"
    out_dir = Path(args.output or str(Path(args.file).with_suffix("")) + "_report")
    outcomes = [o.strip() for o in args.outcomes.split(",") if o.strip()] if args.outcomes else None
    try:
        page = write_report(args.file, out_dir, args.all_tables, outcomes)
    except TrustsimFileError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{prog}: error: cannot write the report into {out_dir}: {e}", file=sys.stderr)
        return 1
    print(f"{prog}: wrote {page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
