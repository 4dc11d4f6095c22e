"""/usr/bin/python3 -m trustsim.report: the HTML page, its CSV tables, its errors."""

import math
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import fixture_files as ff
from shared_outputs import made_once, report_command
from trustsim import open_results
from trustsim.load import Metric
from trustsim.report import calibrated_to, describe_design, write_report, write_tables


class Page(HTMLParser):
    """What a reader would see: images, table rows by table id, headings, links."""

    def __init__(self, text):
        super().__init__()
        self.images, self.headings, self.links, self.rows = [], [], [], {}
        self._table, self._heading = None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        elif tag == "table":
            self._table = a.get("id") or a.get("class")
        elif tag == "tr" and self._table:
            self.rows[self._table] = self.rows.get(self._table, 0) + 1
        elif tag == "a":
            self.links.append(a.get("href"))
        elif tag == "h2":
            self._heading = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "h2":
            self.headings.append(self._heading.strip())
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data


@pytest.fixture(scope="session")
def partial_report(partial_sweep_file, tmp_path_factory):
    """The page of a sweep being resumed whose question names one outcome
    (two tests read it: a report costs seconds)."""
    out = made_once(tmp_path_factory, "partial_report",
                    lambda out: write_report(partial_sweep_file, out, outcomes=["headcount"]))
    return (out / "report.html").read_text()


def test_sweep_report_embeds_its_figures(sweep_report):
    page = Page(sweep_report.read_text())
    assert len(page.images) == 5  # trust, outcomes, comparison, team trust, network
    for img in page.images:
        assert img["src"].startswith("data:image/png;base64,")
        assert len(img["alt"]) > 40  # says what the figure shows
    assert not [src for src in (i["src"] for i in page.images) if not src.startswith("data:")]


def test_sweep_report_has_the_comparison_table_with_intervals(sweep_report):
    text = sweep_report.read_text()
    page = Page(text)
    assert page.rows["comparison"] == 1 + 4 * 8  # header + variants x outcomes
    assert "95% interval" in text and "no clear difference" in text
    assert re.search(r"face to face</td><td class=num>4</td>", text)


def test_sweep_report_says_what_each_figure_shows_and_how_to_read_it(sweep_report):
    text = sweep_report.read_text()
    assert text.count("What it shows.") == 5 and text.count("How to read it.") == 5
    headings = Page(text).headings
    for heading in ("How to read this", "The baseline", "At a glance", "Scenario", "Provenance"):
        assert heading in headings


def test_report_says_how_to_read_it(sweep_report):
    text = sweep_report.read_text()
    assert "Nothing in it is calibrated yet" in text
    assert "only the simulation's random variation between replicate runs" in text
    # 3 variants x 8 outcomes compared with the baseline: the chance count is said.
    assert "This page makes 24 comparisons" in text and "around 1.2 such" in text


def test_what_is_calibrated_comes_from_the_scenario_or_a_sweeps_base():
    fitted = "staff rates fitted to NHS statistics."
    assert calibrated_to({"scenario_resolved": {"calibrated_to": fitted}}) == fitted
    assert calibrated_to({"scenario_resolved": {"base": {"calibrated_to": fitted}, "variants": {}}}) == fitted
    assert calibrated_to({"scenario_resolved": {"calibrated_to": ""}}) == ""
    assert calibrated_to({}) == ""  # an older file: nothing said, nothing claimed


def test_at_a_glance_says_every_question_outcome_clear_or_not(sweep_report):
    glance = sweep_report.read_text().split('id="glance"')[1].split("</ul>")[0]
    for variant in ("face to face", "facilitators", "online only"):
        item = glance.split(f"<strong>{variant}</strong>")[1].split("</li>")[0]
        for label in ("trust between teams", "issues not raised", "patient-safety incidents", "leavers"):
            assert label in item, (variant, label)
    assert "no clear difference" in glance and "95% interval" in glance


def test_the_question_can_name_its_outcomes(partial_report):
    glance = partial_report.split('id="glance"')[1].split("</ul>")[0]
    assert "headcount: " in glance and "leavers" not in glance


def test_report_describes_the_baseline_in_words(binary_run_report):
    text = binary_run_report.read_text()
    assert re.search(r"simulates 2 teams: A \(6 staff\), B \(4 staff\) for 40 working days; meetings are", text)


def test_a_runs_glance_puts_a_score_on_its_scale_and_a_count_in_its_unit(binary_run_report):
    glance = binary_run_report.read_text().split('id="glance"')[1].split("</ul>")[0]
    assert re.search(r"Trust between teams: 0\.\d{3} on a 0–1 scale \(95% interval", glance), glance
    assert re.search(r"Patient-safety incidents: [\d.,]+ incidents \(95% interval", glance), glance


def test_intervals_of_levels_stop_where_the_outcome_must():
    share, correlation = Metric("burnt_out_share", "1", "Burnt out"), Metric("r", "r", "Correlation")
    count, other = Metric("leavers", "staff", "Leavers"), Metric("x", "", "Unitless")
    assert (share.within_range(-0.002), share.within_range(1.01), share.within_range(0.4)) == (0.0, 1.0, 0.4)
    assert (correlation.within_range(-1.2), correlation.within_range(1.2)) == (-1.0, 1.0)
    assert (count.within_range(-3.5), count.within_range(1e9), other.within_range(-7.0)) == (0.0, 1e9, -7.0)
    assert math.isnan(share.within_range(math.nan))
    series = share.within_range(pd.Series([-0.1, 0.5, 1.2]))
    assert list(series) == [0.0, 0.5, 1.0]


def test_sweep_report_at_a_glance_reads_as_sentences(sweep_report):
    text = sweep_report.read_text()
    assert re.search(r"face to face</strong> compared with baseline: .*trust between teams: 0\.0\d\d higher", text)


def test_sweep_report_writes_its_tables_as_csv(sweep_report, sweep_file):
    out = sweep_report.parent
    summary = pd.read_csv(out / "summary.csv")
    expected = open_results(sweep_file).summary
    assert list(summary.columns) == list(expected.columns) and len(summary) == 16
    assert summary["trust_between"].tolist() == pytest.approx(expected["trust_between"].tolist())
    assert list(pd.read_csv(out / "comparison.csv").columns)[:3] == ["variant", "outcome", "n"]
    daily = pd.read_csv(out / "daily_mean.csv")
    assert list(daily.columns) == ["variant", "metric", "day", "n", "mean", "ci_low", "ci_high"]
    assert len(daily) == 4 * len(ff.DAILY) * 90
    assert (out / "team_trust_mean.csv").is_file()
    assert (out / "figures" / "comparison.svg").is_file()
    links = Page(sweep_report.read_text()).links
    for name in ("summary.csv", "comparison.csv", "figures/comparison.svg"):
        assert name in links


def test_sampled_sweep_report_shows_sensitivity(sampled_file, tmp_path):
    page_file = write_report(sampled_file, tmp_path)
    text = page_file.read_text()
    assert "a sampled design: 1 variant × 40 sampled points over 4 parameters" in text
    assert (tmp_path / "sensitivity.csv").is_file()
    assert (tmp_path / "figures" / "sensitivity.png").is_file()
    assert "pooled over the sampled parameter ranges" in text


def test_report_of_a_resumed_sweep_says_it_is_incomplete(partial_report):
    text = partial_report
    assert "This file is incomplete" in text and "2 of 16 runs have no data yet" in text
    assert "computed from /summary" in text


@pytest.fixture(params=["fixture", "binary"])
def run_report(request, tmp_path):
    """(run file, report.html) by the report command: `python3 -m
    trustsim.report` for the fixture file, `trustsim report` for the binary's
    (the shared binary_run_report)."""
    if request.param == "binary":
        return request.getfixturevalue("binary_run_file"), request.getfixturevalue("binary_run_report")
    run_file = request.getfixturevalue("run_file")
    done = report_command(run_file, "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return run_file, tmp_path / "out" / "report.html"


def test_report_command_on_a_run(run_report):
    any_run_file, page_file = run_report
    page = Page(page_file.read_text())
    assert len(page.images) == 4  # trust, outcomes, team trust, network
    # One variant's outcomes with their intervals (the fixture's 8, the binary's all).
    assert page.rows["comparison"] == 1 + len(open_results(any_run_file).outcomes)
    assert page.rows["provenance-table"] >= 5
    assert (page_file.parent / "summary.csv").is_file()


def test_all_tables_adds_every_run_in_long_form(run_file, tmp_path):
    results = open_results(run_file)
    written = [name for name, _, _ in write_tables(results, describe_design(results), tmp_path, all_tables=True)]
    assert written == ["summary.csv", "comparison.csv", "daily_mean.csv", "team_trust_mean.csv", "daily.csv",
                       "team_trust.csv"]
    daily = pd.read_csv(tmp_path / "daily.csv")
    assert list(daily.columns) == ["run_id", "variant", "replicate", "day", "metric", "value"]
    assert len(daily) == len(results.daily)


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    (b"\x00\x01garbage" * 500, "not an HDF5 file"),
])
def test_report_command_errors_are_one_clear_line(tmp_path, content, problem):
    path = tmp_path / "input.h5"
    if content is not None:
        path.write_bytes(content)
    done = report_command(path, "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"trustsim.report: error: {path}: {problem}")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_report_help(tmp_path):
    done = report_command("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "self-contained HTML report" in done.stdout and "--all-tables" in done.stdout


def test_a_calibration_file_gets_its_own_page(tmp_path):
    """What was fitted to what, how far each prior narrowed, which targets the
    fitted model reproduces (and which it does not), how the fit went; figures
    embedded, tables beside the page. The synthetic calibration's trust target
    (0.6) lies above every predictive run (0.50-0.58), its leaving target is
    covered; gain's 90% interval is 36% of its prior, rate's spans its prior."""
    path = ff.write_calibration_file(tmp_path / "calibration.h5")
    page = write_report(path, tmp_path / "out")
    text = page.read_text()
    assert "trustsim calibration report" in text
    assert text.count('<img src="data:image/png;base64,') == 2
    glance = text[text.index('id="glance"'):text.index('id="figures"')]
    trust = glance[glance.index("trust (<code>trust_within"):]
    assert "not reproduced" in trust[:trust.index("</li>")]
    leaving = glance[glance.index("leaving (<code>leavers"):]
    assert "reproduced" in leaving[:leaving.index("</li>")] and "not reproduced" not in leaving[:leaving.index("</li>")]
    gain = glance[glance.index("<code>trust.informal_gain"):]
    assert "partly identified" in gain[:gain.index("</li>")]
    rate = glance[glance.index("<code>staff.base_leave_per_day"):]
    assert "barely narrowed" in rate[:rate.index("</li>")]
    # The unverified target is named in the caveats.
    assert "does not mark leaving as" in text
    tables = {p.name: pd.read_csv(p) for p in (tmp_path / "out").glob("*.csv")}
    assert set(tables) == {"parameters.csv", "targets.csv", "posterior.csv", "populations.csv", "predictive.csv"}
    assert len(tables["posterior.csv"]) == 200 and list(tables["targets.csv"]["covered"]) == [False, True]
    assert tables["parameters.csv"].set_index("parameter").loc["trust.informal_gain", "median"] == pytest.approx(0.1, abs=0.002)


def test_rates_and_correlations_keep_their_decimals_and_range():
    from trustsim.load import Metric
    from trustsim.report import fmt, signed

    rate = Metric("leaver_rate_per_year", "1/year", "Leaver rate a year")
    correlation = Metric("trust_incident_correlation", "r", "Team trust vs incidents")
    incidents = Metric("incidents", "incidents", "Patient-safety incidents")
    assert fmt(0.1184, rate) == "0.118"  # not "0.1": NHS rates differ in the second decimal
    assert signed(-0.162, correlation) == "-0.162" and fmt(12.34, incidents) == "12.3"
    assert correlation.unit_text == "−1 to 1" and not correlation.is_count and not correlation.is_score
    assert rate.is_count and incidents.is_count


def test_a_risk_ratio_is_not_cut_at_one():
    from trustsim.load import Metric
    from trustsim.report import fmt, level_interval

    ratio = Metric("burnt_out_leaving_ratio", "ratio", "Leaving risk of the burnt out, relative")
    assert ratio.is_ratio and not ratio.is_score and not ratio.is_count
    assert fmt(2.1234, ratio) == "2.12" and ratio.within_range(3.4) == 3.4
    assert ratio.within_range(-0.2) == 0.0
    assert level_interval({"ci_low": 1.3, "ci_high": 3.3}, ratio) == "1.30 to 3.30"
