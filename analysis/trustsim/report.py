"""python3 -m trustsim.report FILE.h5 -o DIR

Writes DIR/report.html, one self-contained page (figures embedded) that a
reader without Python can open and print, plus DIR/figures/ (PNG and SVG)
and the tables as CSV. Captions say in plain words what each figure shows
and how to read it: the report is for policy and service-improvement staff
as much as for analysts.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import figures, metrics, sensitivity, stats, style
from .load import Results, TrustsimFileError, open_results

# Above this many variants (a sampled sweep) a per-variant table or plot is
# a wall of numbers; the report shows the sensitivity chart instead.
MAX_VARIANTS_COMPARED = 12


@dataclass
class Section:
    key: str
    title: str
    what: str  # what the figure shows
    how: str  # how to read it
    png: Path | None = None
    svg: Path | None = None
    not_drawn: str | None = None  # why there is no figure


# --- tables -----------------------------------------------------------------


def write_tables(results: Results, out_dir: Path, all_tables: bool) -> list:
    """Write the CSV tables; return their file names with one-line descriptions."""
    written = []

    def put(name, table, about):
        table.to_csv(out_dir / name, index=False)
        written.append((name, about, len(table)))

    put("summary.csv", results.summary, "one row per run: ids, seed, swept parameters, outcomes")
    put("comparison.csv", results.comparison,
        f"per variant and outcome: mean and difference from {results.baseline_variant}, 95% intervals "
        f"({results.comparison_source})")
    if not results.daily_wide.empty:
        bands = [
            stats.band_over_replicates(results.daily_wide, m).assign(metric=m) for m in results.daily_metrics
        ]
        put("daily_mean.csv", pd.concat(bands, ignore_index=True)[
            ["variant", "metric", "day", "n", "mean", "ci_low", "ci_high"]],
            "each daily metric per variant and day: mean over replicates, 95% interval")
    if not results.team_trust.empty:
        mean = results.team_trust.groupby(["variant", "day", "from_team", "to_team"], sort=False)["trust"]
        put("team_trust_mean.csv", mean.mean().reset_index(), "team-by-team trust per variant and day, mean over replicates")
    try:
        put("sensitivity.csv", figures.sensitivity_table(results), "partial rank correlation of each swept parameter with each outcome")
    except ValueError:
        pass  # not a sampled sweep
    if all_tables:
        put("daily.csv", results.daily, "every run's daily series, long form")
        put("team_trust.csv", results.team_trust, "every run's team-by-team trust, long form")
    return written


# --- figures ----------------------------------------------------------------


def _replicates(results: Results) -> str:
    counts = results.summary.groupby("variant").size()
    if counts.empty:
        return "no"
    return str(counts.min()) if counts.min() == counts.max() else f"{counts.min()}–{counts.max()}"


def draw_figures(results: Results, fig_dir: Path) -> list:
    baseline = style.pretty(results.baseline_variant)
    reps = _replicates(results)
    many = len(results.variants) > MAX_VARIANTS_COMPARED
    sections = [
        Section(
            "trust", "Trust within and between teams",
            f"How much, on average, staff trust colleagues in their own team (solid blue line) and in "
            f"other teams (dashed orange line), day by day, in the {baseline} scenario. Each line is the "
            f"average over {reps} replicate runs; the shaded band is the 95% confidence interval of that average.",
            "Trust runs from 0 (none) to 1 (full). A widening gap between the lines means teams are turning "
            "inwards. A falling orange line means staff will find it harder to approach another team with an "
            "issue, so more issues go unraised.",
        ),
        Section(
            "outcomes", "Outcomes over time",
            "Six daily measures, one per panel: trust between and within teams, issues not raised, "
            "patient-safety incidents, implicit workarounds held, and headcount. "
            + ("All runs of the sweep are pooled into one line." if many else
               "Each scenario has its own colour and line style.")
            + " Counts per day are smoothed with a 7-day rolling mean. Lines are averages over replicates; "
            "bands are 95% intervals.",
            "Where the bands of two scenarios do not overlap, the difference between them is unlikely to be "
            "chance. Read trust between teams (top left) alongside issues not raised and incidents: the model "
            "expects them to move in opposite directions.",
        ),
        Section(
            "comparison", "What each intervention changes",
            f"For each intervention, how much it changes four outcomes compared with the {baseline} scenario: "
            "trust between teams (average of the final 60 days), and issues not raised, patient-safety "
            "incidents and staff leaving (totals over the run). The dot is the estimated difference; the bar "
            "its 95% interval.",
            "A bar that crosses the black zero line means the runs show no clear difference. Blue means "
            "better than the baseline (more trust; fewer unraised issues, incidents or leavers), vermillion "
            "means worse, grey means unclear.",
        ),
        Section(
            "team_trust", "Trust between each pair of teams",
            f"The average trust that staff of each team (rows) place in staff of each team (columns) on "
            f"three days of the {baseline} scenario, and the change from the first to the last of those days.",
            "Cells on the diagonal are trust within a team; the rest are trust across teams. Brighter cells "
            "mean more trust. In the change panel purple means trust grew and orange that it fell. The matrix "
            "need not be symmetric: one team may trust another more than it is trusted back.",
        ),
        Section(
            "network", "The trust network",
            "Every member of staff on the last recorded day of one run, grouped by team (colour); the shape "
            "shows their employer. A line joins two people whose trust in each other is above what strangers "
            "start with; the thicker the line, the more they trust each other.",
            "Dark lines cross team boundaries: these informal ties are what lets someone raise an issue with "
            "another team. Few dark lines, or all of them through one or two people, signal fragile "
            "integration: those people are the lone heroes the seed study warns about.",
        ),
        Section(
            "sensitivity", "Which parameters matter",
            "For a sampled sweep, how strongly each varied parameter (rows) drives each outcome (columns), "
            "as a partial rank correlation: from −1 to 1, after allowing for the other parameters.",
            "Purple: the outcome rises as the parameter rises; orange: it falls; near zero: little influence "
            "within the range swept. Values marked * have a 95% interval that excludes zero.",
        ),
    ]
    draw = {
        "trust": lambda out: figures.trust_over_time(results, out),
        "outcomes": lambda out: figures.outcomes_over_time(results, out),
        "comparison": lambda out: _comparison_figure(results, out),
        "team_trust": lambda out: figures.team_trust_heatmap(results, out),
        "network": lambda out: figures.trust_network(results, out),
        "sensitivity": lambda out: figures.sensitivity(results, out),
    }
    # --- hook (sweep designs): Morris/Sobol' indices and response curves, from sensitivity.py
    for key, title, what, how, drawer in sensitivity.report_figures(results):
        sections.append(Section(key, title, what, how))
        draw[key] = drawer
    # --- end of hook
    for section in sections:
        try:
            section.png, section.svg = draw[section.key](fig_dir / section.key)
        except (ValueError, TrustsimFileError) as e:
            section.not_drawn = str(e)
    return sections


def _comparison_figure(results: Results, out):
    if len(results.variants) > MAX_VARIANTS_COMPARED:
        raise ValueError(f"{len(results.variants)} variants: too many to compare one by one "
                         "(see the sensitivity chart and comparison.csv)")
    return figures.comparison_forest(results, out)


# --- words and numbers ------------------------------------------------------


def fmt(value, outcome: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if metrics.outcome_metric(outcome).is_trust:
        text = f"{value:.3f}"
    else:
        text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.1f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text  # no "-0.0"


def at_a_glance(results: Results) -> list:
    """Plain sentences for the differences whose 95% interval excludes zero."""
    table = results.comparison
    baseline = results.baseline_variant
    lines = []
    if len(results.variants) > MAX_VARIANTS_COMPARED:
        return lines
    for variant in [v for v in dict.fromkeys(table["variant"]) if v != baseline]:
        said = []
        for outcome in metrics.POLICY_OUTCOMES:
            row = table[(table["variant"] == variant) & (table["outcome"] == outcome)]
            if row.empty:
                continue
            r = row.iloc[0]
            verdict = figures.verdict(outcome, r["diff_ci_low"], r["diff_ci_high"])
            if verdict == "unclear":
                continue
            m = metrics.outcome_metric(outcome)
            up = r["diff"] > 0
            word = ("higher" if up else "lower") if m.is_trust else ("more" if up else "fewer")
            said.append(
                f'<span class="{verdict}">{html.escape(m.label.lower())}: {fmt(abs(r["diff"]), outcome)} {word}</span> '
                f'(95% interval {fmt(r["diff_ci_low"], outcome)} to {fmt(r["diff_ci_high"], outcome)})'
            )
        text = "; ".join(said) if said else "no clear difference in trust between teams, unraised issues, incidents or leavers"
        lines.append(f"<strong>{html.escape(style.pretty(variant))}</strong> compared with "
                     f"{html.escape(style.pretty(baseline))}: {text}.")
    if not lines:
        base = table[table["variant"] == baseline]
        for outcome in metrics.POLICY_OUTCOMES:
            row = base[base["outcome"] == outcome]
            if row.empty:
                continue
            r = row.iloc[0]
            m = metrics.outcome_metric(outcome)
            lines.append(f"{html.escape(m.label)}: {fmt(r['mean'], outcome)} {html.escape(m.units if not m.is_trust else '(0–1)')} "
                         f"(95% interval {fmt(r['ci_low'], outcome)} to {fmt(r['ci_high'], outcome)})")
    return lines


def comparison_rows(results: Results) -> str:
    """The comparison as HTML table rows, grouped by outcome."""
    table = results.comparison
    baseline = results.baseline_variant
    rows = []
    for outcome in [o for o in dict.fromkeys(table["outcome"])]:
        m = metrics.outcome_metric(outcome)
        block = table[table["outcome"] == outcome]
        for i, (_, r) in enumerate(block.iterrows()):
            head = (f'<th scope="rowgroup" rowspan="{len(block)}">{html.escape(m.label)}'
                    f'<br><span class="units">{html.escape("0–1" if m.is_trust else m.units)}</span></th>') if i == 0 else ""
            is_base = r["variant"] == baseline
            verdict = "" if is_base else figures.verdict(outcome, r["diff_ci_low"], r["diff_ci_high"])
            words = {"better": "better", "worse": "worse", "unclear": "no clear difference", "": "baseline"}[verdict]
            shown = fmt(r["diff"], outcome)
            diff = "–" if is_base else ("+" + shown if r["diff"] > 0 and shown.strip("0.,") else shown)
            diff_ci = "–" if is_base else f"{fmt(r['diff_ci_low'], outcome)} to {fmt(r['diff_ci_high'], outcome)}"
            rows.append(
                f"<tr>{head}<td>{html.escape(style.pretty(r['variant']))}</td><td class=num>{int(r['n'])}</td>"
                f"<td class=num>{fmt(r['mean'], outcome)}</td>"
                f"<td class=num>{fmt(r['ci_low'], outcome)} to {fmt(r['ci_high'], outcome)}</td>"
                f"<td class=num>{diff}</td><td class=num>{diff_ci}</td>"
                f'<td class="{verdict or "base"}">{words}</td></tr>'
            )
    return "\n".join(rows)


# --- the page ---------------------------------------------------------------

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d9d9d9; --better: #0072B2; --worse: #D55E00; --unclear: #6b6b6b; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink);
       max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--rule); }
.lede { color: var(--muted); margin-top: 0; }
.notice { border-left: 4px solid var(--worse); background: #fff4ec; padding: .6rem 1rem; }
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


def _figure_html(section: Section, number: int) -> str:
    title = f"<h2 id=\"{section.key}\">{number}. {html.escape(section.title)}</h2>"
    if section.png is None:
        return f"{title}\n<p class=skipped>Not drawn for this file: {html.escape(section.not_drawn or '')}.</p>"
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
</figure>"""


def render(results: Results, sections: list, tables: list) -> str:
    p = results.provenance
    days = int(results.daily_wide["day"].max()) + 1 if not results.daily_wide.empty else "?"
    runs = len(results.summary)
    variants = results.variants
    notice = ""
    if not results.is_complete:
        missing = results.missing_runs
        notice = (f'<p class=notice>This file is incomplete (a sweep still running or being resumed): '
                  f'{len(missing)} of {max(runs, int(p.get("run_count", runs)))} runs have no data yet. '
                  f'The figures and tables show the runs that are there.</p>')
    glance = "".join(f"<li>{line}</li>" for line in at_a_glance(results))
    compare = ""
    if len(variants) <= MAX_VARIANTS_COMPARED:
        compare = f"""<h2 id="table">Comparison table</h2>
<p>Each outcome per scenario: the mean over replicate runs with its 95% confidence interval, and the difference
from {html.escape(style.pretty(results.baseline_variant))} with its 95% interval ({html.escape(results.comparison_source)}).
Trust outcomes average the final 60 days of each run; counts are totals over the run; headcount is on the final day.</p>
<table id="comparison">
<thead><tr><th>Outcome</th><th>Scenario</th><th>Runs</th><th>Mean</th><th>95% interval</th>
<th>Difference</th><th>95% interval</th><th>Verdict</th></tr></thead>
<tbody>
{comparison_rows(results)}
</tbody></table>"""
    # The table follows the forest plot it tabulates.
    figures_html = "\n".join(_figure_html(s, i + 1) + (compare if s.key == "comparison" else "")
                             for i, s in enumerate(sections))
    scenario = p.get("scenario_given", "")
    resolved = p.get("scenario_resolved", "")
    as_text = lambda v: v if isinstance(v, str) else json.dumps(v, indent=2)  # noqa: E731
    provenance_rows = "".join(
        f"<tr><th scope=row>{html.escape(k)}</th><td>{html.escape(str(p[k]))}</td></tr>"
        for k in ("kind", "program_version", "git_commit", "created_utc", "command_line", "seed", "run_count",
                  "format", "format_version")
        if k in p
    )
    table_rows = "".join(
        f"<tr><td><a href=\"{html.escape(n)}\">{html.escape(n)}</a></td><td class=num>{rows:,}</td><td>{html.escape(about)}</td></tr>"
        for n, about, rows in tables
    )
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
<p class=lede>{html.escape(results.path.name)}: a {html.escape(results.kind)} of {runs} run{'s' * (runs != 1)}
({len(variants)} scenario{'s' * (len(variants) != 1)}, {_replicates(results)} replicate(s) each), {days} working days each.
Made {made} by trustsim {html.escape(str(p.get('program_version', '?')))}.</p>
{notice}
<p>trustsim simulates everyday interactions between staff of integrated health-care teams: meetings, informal
contacts, and the issues they raise with each other or leave unraised. It follows how trust between staff
builds up or erodes, and what that does to patient safety and to staff staying or leaving. Results are
averages over replicate runs with different random draws; 95% intervals show how sure those averages are.</p>
<h2 id="glance">At a glance</h2>
<ul>{glance or "<li>No outcomes to summarise.</li>"}</ul>
{figures_html}
<h2 id="scenario">Scenario</h2>
<p>The scenario file as given (defaults not shown):</p>
<pre>{html.escape(as_text(scenario))}</pre>
<details><summary>The scenario with every default filled in</summary>
<pre>{html.escape(as_text(resolved))}</pre></details>
<h2 id="provenance">Provenance</h2>
<table id="provenance-table"><tbody>{provenance_rows}</tbody></table>
<h2 id="tables">Tables (CSV, beside this report)</h2>
<table id="csv-tables"><thead><tr><th>File</th><th>Rows</th><th>Contents</th></tr></thead><tbody>{table_rows}</tbody></table>
<script>{IMAGE_CHECK}</script>
</body>
</html>
"""


def write_report(path, out_dir, all_tables=False) -> Path:
    """Write the report of `path` into `out_dir`; return the HTML file."""
    results = open_results(path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = write_tables(results, out_dir, all_tables)
    sections = draw_figures(results, out_dir / "figures")
    page = out_dir / "report.html"
    page.write_text(render(results, sections, tables), encoding="utf-8")
    return page


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m trustsim.report",
        description="Write a self-contained HTML report of a trustsim output file (figures, the comparison "
        "table with 95%% intervals, scenario and provenance) and its tables as CSV.",
    )
    parser.add_argument("file", help="trustsim output file (.h5) from `trustsim run` or `trustsim sweep`")
    parser.add_argument("-o", "--output", help="directory to write into (default: FILE without .h5, plus _report)")
    parser.add_argument("--all-tables", action="store_true",
                        help="also write every run's daily series and team trust (daily.csv, team_trust.csv)")
    args = parser.parse_args(argv)
    out_dir = Path(args.output or str(Path(args.file).with_suffix("")) + "_report")
    try:
        page = write_report(args.file, out_dir, args.all_tables)
    except TrustsimFileError as e:
        print(f"trustsim.report: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"trustsim.report: error: cannot write the report into {out_dir}: {e}", file=sys.stderr)
        return 1
    print(f"wrote {page}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
