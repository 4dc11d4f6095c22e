"""The report page of a `trustsim calibrate` output (docs/calibration.md).

What a reader needs before using a calibrated model: what it was fitted to
(each target, its source, whether the source was checked), how far the data
narrowed each parameter from its prior, whether the fitted model reproduces
every target (the posterior predictive), and how the fit went (tolerances,
acceptance). Said in words first, then drawn, then tabulated; the tables go
beside the page as CSV. `trustsim report FILE` calls it for calibration files.
"""

from __future__ import annotations

import datetime
import html
import json
import math
from pathlib import Path

import pandas as pd

from . import posterior
from .report import CSS, Section, _figure_html, draw, page_ending

# A posterior interval narrower than this share of the prior's width (on the
# prior's own scale) is "well identified"; wider than WEAK, "barely narrowed".
WELL_IDENTIFIED = 0.25
WEAKLY_IDENTIFIED = 0.75


def number(value) -> str:
    """Four significant figures, as `trustsim summary` prints them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.4g}"


def interval_share(row) -> float:
    """The 90% interval's width as a share of the prior range, on the prior's scale."""
    scale = math.log if row["prior"] == "log_uniform" else (lambda v: v)
    prior = scale(row["high"]) - scale(row["low"])
    return (scale(row["q95"]) - scale(row["q05"])) / prior if prior > 0 else float("nan")


def parameter_sentence(row) -> str:
    share = interval_share(row)
    if share < WELL_IDENTIFIED:
        verdict = "<span class=better>well identified by the targets</span>"
    elif share > WEAKLY_IDENTIFIED:
        verdict = ("<span class=worse>barely narrowed</span>: the targets say little about it, so results "
                   "that depend on it carry its prior uncertainty")
    else:
        verdict = "<span class=unclear>partly identified</span>"
    scale = " (on a log scale)" if row["prior"] == "log_uniform" else ""
    return (f"<code>{html.escape(row['parameter'])}</code>: most likely about {number(row['median'])} "
            f"(90% interval {number(row['q05'])} to {number(row['q95'])}), {share:.0%} of its prior range "
            f"{number(row['low'])} to {number(row['high'])}{scale}; {verdict}.")


def target_sentence(row, source: str) -> str:
    observed = number(row["low"]) if row["low"] == row["high"] else f"{number(row['low'])} to {number(row['high'])}"
    fitted = f"the fitted model gives {number(row['median'])} (90% of runs {number(row['q05'])} to {number(row['q95'])})"
    if row["covered"]:
        verdict = "<span class=better>reproduced</span>"
    else:
        verdict = ("<span class=worse>not reproduced</span>: no parameter values within the priors bring the "
                   "model to this observation, a finding about the model (or the target), not noise")
    return (f"{html.escape(row['target'])} (<code>{html.escape(row['outcome'])}</code>): observed {observed}; "
            f"{fitted}; {verdict}. <span class=units>Source: {html.escape(source)}</span>")


def how_to_read(cal: posterior.Calibration) -> str:
    last = cal.populations.iloc[-1]
    n = len(cal.posterior)
    ess = 1.0 / float((cal.posterior["weight"] ** 2).sum()) if n else 0.0
    unverified = [t["name"] for _, t in cal.targets.iterrows()
                  if str(t.get("verified", "true")).lower() not in ("true", "1", "yes")]
    their = "its source" if len(unverified) == 1 else "their sources"
    unverified_words = (f" The targets file does not mark {', '.join(html.escape(u) for u in unverified)} as "
                        f"checked against {their} (<code>verified</code>); read them before relying on the fit."
                        if unverified else "")
    return f"""<section class=box id="how-to-read"><h2>How to read this report</h2>
<p><strong>What it is.</strong> trustsim's rates were fitted to the {len(cal.targets)} target(s) below by
approximate Bayesian computation (ABC-SMC): runs at parameter values drawn from the priors were kept when their
outcomes came close enough to the targets, over {len(cal.populations)} population(s) of tightening tolerance.
The posterior is the {n} particles of the last population (effective sample size {ess:.1f}); it stopped because
it {html.escape(cal.stop_reason)}.</p>
<p><strong>What it is not.</strong> The posterior is only as good as the targets and the model. A parameter the
targets say little about keeps its prior's spread; a target the fitted model cannot reproduce is a finding about
the model. Tolerance {number(float(last['tolerance']))} is the distance (in target standard deviations or
tolerances) the last population accepted, not a measure of fit to unseen data.{unverified_words}</p>
<p><strong>How to use it.</strong> Name this file in a sweep, <code>"parameters_from": "{html.escape(cal.path.name)}"</code>,
and every comparison's intervals then include the posterior's uncertainty (docs/calibration.md).</p>
</section>"""


def write_tables(cal: posterior.Calibration, summary: pd.DataFrame, predictive: pd.DataFrame,
                 out_dir: Path) -> list:
    tables = [
        ("parameters.csv", "per parameter: prior, median and 90% interval of the posterior", summary),
        ("targets.csv", "per target: observation, source, and the posterior predictive median and 90% interval",
         predictive.merge(cal.targets[["name", "source"]], left_on="target", right_on="name").drop(columns="name")),
        ("posterior.csv", "the posterior particles: weight, distance, parameter values and outcomes", cal.posterior),
        ("populations.csv", "per population: tolerance, attempts and acceptance", cal.populations),
        ("predictive.csv", "the posterior predictive runs: one row per run", cal.predictive),
    ]
    written = []
    for name, about, frame in tables:
        frame.to_csv(out_dir / name, index=False)
        written.append((name, about, len(frame)))
    return written


def _table_html(frame: pd.DataFrame, table_id: str) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for _, r in frame.iterrows():
        cells = "".join(
            f"<td class=num>{number(v)}</td>" if isinstance(v, (int, float)) and not isinstance(v, bool)
            else f"<td>{html.escape(str(v))}</td>" for v in r)
        rows.append(f"<tr>{cells}</tr>")
    return f'<table id="{table_id}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def render_calibration(path, out_dir) -> Path:
    """Write DIR/report.html and its tables for a calibration file; return the page."""
    cal = posterior.read_calibration(path)
    out_dir = Path(out_dir)
    fig_dir = out_dir / "figures"
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = cal.summary()
    predictive = cal.predictive_summary()
    sources = dict(zip(cal.targets["name"], cal.targets["source"]))

    sections = [
        Section("posterior", "The posterior over the prior",
                "On the diagonal, each parameter's posterior (blue, weighted particles) over its prior (grey); "
                "below it, each pair of parameters, one dot per particle sized by its weight, over a sample "
                "from the prior.",
                "A narrow blue peak is a parameter the targets pin down; a flat one, a parameter they do not. "
                "A slanted cloud in a pair means the targets fix a combination of the two, not each alone.",
                lambda: posterior.marginals_and_pairs(cal)),
        Section("predictive", "The fitted model against the targets",
                "For each target, the outcome of runs at particles drawn from the posterior (histogram, dotted "
                "lines at its 5th and 95th percentiles), the observation (red) and the accepted distance around "
                "it (orange).",
                "Where the histogram sits on the red line or band, the fitted model reproduces the target; where "
                "it sits beside it, the model cannot, at any parameter values the priors allow.",
                lambda: posterior.predictive_vs_targets(cal)),
    ]
    for s in sections:
        draw(s, fig_dir, s.key)
    sections[0].after = _table_html(summary.rename(columns={"q05": "5%", "q95": "95%"}), "parameters-table")
    sections[1].after = _table_html(_targets_shown(cal, predictive), "targets-table")
    figures_html = "\n".join(_figure_html(s, f"{k}.") for k, s in enumerate(sections, 1))

    tables = write_tables(cal, summary, predictive, out_dir)
    glance = ("<ul class=glance>"
              + "".join(f"<li>{parameter_sentence(r)}</li>" for _, r in summary.iterrows())
              + "".join(f"<li>{target_sentence(r, sources.get(r['target'], ''))}</li>"
                        for _, r in predictive.iterrows())
              + "</ul>")
    populations = _table_html(cal.populations, "populations-table")
    with posterior.open_results(path)._reading("the provenance") as f:
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    ending = page_ending(attrs, ("kind", "program_version", "git_commit", "created_utc", "command_line", "seed",
                                 "base_file", "targets_file", "calibration_fingerprint", "format",
                                 "format_version"), tables)
    made = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = out_dir / "report.html"
    page.write_text(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>trustsim calibration report: {html.escape(cal.path.name)}</title>
<style>{CSS}
#posterior + figure img {{ max-width: 40rem; }}</style>
</head>
<body>
<h1>trustsim calibration report</h1>
<p class=lede>{html.escape(cal.path.name)}: {len(cal.parameters)} parameter(s) fitted to {len(cal.targets)}
target(s), {len(cal.posterior)} posterior particles. Made {made} by trustsim
{html.escape(str(attrs.get('program_version', '?')))}.</p>
{how_to_read(cal)}
<h2 id="glance">At a glance</h2>
{glance}
<section id="figures"><h2>Figures and tables</h2>
{figures_html}
<h3 id="populations">3. How the fit went</h3>
<p>One row per population: the tolerance it accepted, how many runs it tried, and the share accepted. A falling
tolerance with a steady acceptance rate is a healthy fit; an acceptance rate near the method's minimum means
the targets are hard to reach together.</p>
{populations}
</section>
<h2 id="scenario">Calibration file</h2>
<p>The calibration as given:</p>
<pre>{html.escape(_as_text(attrs.get('scenario_given', '')))}</pre>
<details><summary>With every default filled in</summary>
<pre>{html.escape(json.dumps(cal.resolved, indent=2))}</pre></details>
{ending}
""", encoding="utf-8")
    return page


def _targets_shown(cal: posterior.Calibration, predictive: pd.DataFrame) -> pd.DataFrame:
    """The targets table as a reader wants it: observation, fit, source, whether checked."""
    checked = dict(zip(cal.targets["name"], cal.targets["verified"].astype(bool)))
    shown = predictive.rename(columns={"low": "observed low", "high": "observed high", "median": "fitted median",
                                       "q05": "fitted 5%", "q95": "fitted 95%", "covered": "reproduced"})
    shown["source checked"] = shown["target"].map(checked)
    return shown


def _as_text(value) -> str:
    if isinstance(value, str):
        try:
            return json.dumps(json.loads(value), indent=2)
        except ValueError:
            return value
    return json.dumps(value, indent=2)
