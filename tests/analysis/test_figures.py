"""Each figure function draws on an Axes (or returns a Figure) that saves as a
print-quality PNG and a valid SVG, on fixture files and on the binary's output."""

import struct
import xml.etree.ElementTree as ET

import pytest

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from trustsim import figures, open_results, style

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def png_dpi(path):
    """Resolution from the pHYs chunk (pixels per metre -> per inch)."""
    data = path.read_bytes()
    at = data.find(b"pHYs")
    assert at > 0, f"{path} has no resolution chunk"
    per_metre = struct.unpack(">I", data[at + 4: at + 8])[0]
    return per_metre * 0.0254


def assert_images(paths, min_width_px=1400):
    png, svg = paths
    assert png.suffix == ".png" and svg.suffix == ".svg"
    width, height = png_size(png)
    assert width >= min_width_px and height >= 400  # 7 inches or more at 200 dpi
    assert png_dpi(png) == pytest.approx(200, abs=1)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert svg.stat().st_size > 5000
    return root


def svg_text(root):
    """All text in an SVG (matplotlib keeps text as text: svg.fonttype none)."""
    return " ".join(t.strip() for t in root.itertext() if t.strip())


def saved(drawn, out):
    """Save what a figure function returned, as the report does."""
    return style.save(getattr(drawn, "figure", drawn), out)


def test_trust_over_time(any_run_file, tmp_path):
    ax = figures.trust_over_time(open_results(any_run_file))
    assert isinstance(ax, Axes)
    assert ax.get_ylim() == (0, 1)  # trust is read on its whole scale
    text = svg_text(assert_images(saved(ax, tmp_path / "trust.png")))
    for words in ("Trust within teams", "Trust between teams", "Day (working days)", "95% interval"):
        assert words in text


def test_figures_draw_on_the_callers_axes(run_file):
    fig, (left, right) = plt.subplots(1, 2)
    results = open_results(run_file)
    assert figures.trust_over_time(results, ax=left) is left
    assert figures.outcome_over_time(results, "incidents_cumulative", ax=right) is right
    assert right.get_ylim()[0] == 0 and "running total" in right.get_title(loc="left")
    plt.close(fig)


def test_trust_over_time_of_an_unknown_variant(run_file):
    with pytest.raises(ValueError, match="no variant 'nope'"):
        figures.trust_over_time(open_results(run_file), variant="nope")


def test_outcomes_over_time_has_a_legend_entry_per_variant(sweep_file, tmp_path):
    fig = figures.outcomes_over_time(open_results(sweep_file))
    assert isinstance(fig, Figure)
    text = svg_text(assert_images(saved(fig, tmp_path / "outcomes")))
    for variant in ("baseline", "face to face", "facilitators", "online only"):
        assert variant in text
    assert "issues/day" in text and "7-day mean" in text and "running total" in text


def test_counts_and_shares_are_drawn_from_zero(sweep_file):
    results = open_results(sweep_file)
    for name in ("headcount", "incidents", "trust_between", "issues_unraised"):
        assert figures.outcome_over_time(results, name).get_ylim()[0] == 0, name


def test_axis_units_come_from_the_file(sweep_file):
    results = open_results(sweep_file)
    assert figures.outcome_over_time(results, "mean_burnout").get_ylabel() == "0–1"
    assert figures.outcome_over_time(results, "headcount").get_ylabel() == "staff"


def test_outcomes_over_time_of_a_run(any_run_file, tmp_path):
    assert_images(saved(figures.outcomes_over_time(open_results(any_run_file)), tmp_path / "outcomes"))


def test_team_trust_heatmap(any_run_file, tmp_path):
    ax = figures.team_trust_heatmap(open_results(any_run_file))
    assert ax.get_ylabel() == "from team (trusting)"
    assert_images(saved(ax, tmp_path / "heatmap"), min_width_px=1000)


def test_team_trust_panels_have_a_row_per_variant(sweep_file, tmp_path):
    fig = figures.team_trust_panels(open_results(sweep_file))
    text = svg_text(assert_images(saved(fig, tmp_path / "h")))
    for variant in ("baseline", "face to face", "facilitators", "online only"):
        assert variant in text
    assert "change day" in text


def test_team_trust_heatmap_on_a_day_not_sampled(sweep_file):
    with pytest.raises(ValueError, match="not sampled on day 3"):
        figures.team_trust_heatmap(open_results(sweep_file), day=3)


def test_comparison_panels_from_the_file_comparison(sweep_file, tmp_path):
    fig = figures.comparison_panels(open_results(sweep_file), ["trust_between", "incidents"])
    text = svg_text(assert_images(saved(fig, tmp_path / "forest")))
    assert "face to face" in text and "baseline mean" in text and "better than baseline" in text


def test_comparison_forest_computed_from_the_summary(partial_sweep_file):
    assert isinstance(figures.comparison_forest(open_results(partial_sweep_file), "incidents"), Axes)


def test_comparison_forest_needs_two_variants(any_run_file):
    with pytest.raises(ValueError, match="nothing to compare"):
        figures.comparison_forest(open_results(any_run_file), "incidents")


@pytest.mark.parametrize("outcome, lo, hi, expected", [
    ("trust_between", 0.01, 0.05, "better"),
    ("trust_between", -0.05, -0.01, "worse"),
    ("incidents", -9.0, -1.0, "better"),
    ("leavers", 1.0, 3.0, "worse"),
    ("incidents", -1.0, 2.0, "unclear"),
    ("incidents", float("nan"), float("nan"), "unclear"),
])
def test_verdict_knows_which_way_is_better(outcome, lo, hi, expected):
    assert figures.verdict(outcome, lo, hi) == expected


def test_team_network_colours_ties_by_trust(sweep_file, tmp_path):
    """Stronger ties are wider and further along the colour scale (the old
    network drew weak between-team ties darker than strong ones)."""
    results = open_results(sweep_file)
    ax = figures.team_network(results, "face_to_face")
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert len(lines) == 6  # four teams: every pair once
    text = svg_text(assert_images(saved(ax, tmp_path / "network"), min_width_px=1000))
    assert "mean trust" in text and "Frailty East" in text


def test_intervention_days_come_from_the_scenario():
    scenario = {"interventions": {"facilitators": {"enabled": True, "start_day": 90},
                                  "data_sharing": {"enabled": False, "start_day": 30},
                                  "fluid_teams": {"enabled": True, "start_day": 0}},
                "meetings": {"schedule": [{"day": 200, "regime": "online"}]}}
    assert figures.intervention_days(scenario) == {"facilitators": 90, "meetings online": 200}


def test_sensitivity(sampled_file, tmp_path):
    ax = figures.sensitivity(open_results(sampled_file))
    text = svg_text(assert_images(saved(ax, tmp_path / "sensitivity")))
    assert "meetings.face_to_face_fraction" in text and "partial rank correlation" in text


def test_sensitivity_needs_swept_parameters(sweep_file):
    with pytest.raises(ValueError, match="no swept parameters"):
        figures.sensitivity(open_results(sweep_file))


def test_same_data_same_svg(run_file, tmp_path):
    results = open_results(run_file)
    _, first = saved(figures.trust_over_time(results), tmp_path / "a")
    _, second = saved(figures.trust_over_time(results), tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
