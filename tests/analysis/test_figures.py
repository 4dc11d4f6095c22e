"""Each figure function writes a non-empty print-quality PNG and a valid SVG,
on fixture files and on the binary's own output."""

import struct
import xml.etree.ElementTree as ET

import pytest

from trustsim import figures, layout, open_results

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


def test_trust_over_time(any_run_file, tmp_path):
    root = assert_images(figures.trust_over_time(open_results(any_run_file), tmp_path / "trust.png"))
    text = svg_text(root)
    for words in ("Trust within teams", "Trust between teams", "Day (working days)", "95% interval"):
        assert words in text


def test_trust_over_time_of_an_unknown_variant(run_file, tmp_path):
    with pytest.raises(ValueError, match="no variant 'nope'"):
        figures.trust_over_time(open_results(run_file), tmp_path / "x", variant="nope")


def test_outcomes_over_time_has_a_legend_entry_per_variant(sweep_file, tmp_path):
    root = assert_images(figures.outcomes_over_time(open_results(sweep_file), tmp_path / "outcomes"))
    text = svg_text(root)
    for variant in ("baseline", "face to face", "facilitators", "online only"):
        assert variant in text
    assert "issues/day" in text and "7-day mean" in text


def test_outcomes_over_time_of_a_run(any_run_file, tmp_path):
    assert_images(figures.outcomes_over_time(open_results(any_run_file), tmp_path / "outcomes"))


def test_outcomes_over_time_pools_a_sampled_sweep(sampled_file, tmp_path):
    root = assert_images(figures.outcomes_over_time(open_results(sampled_file), tmp_path / "outcomes"))
    assert "all 40 runs" in svg_text(root)


def test_team_trust_heatmap(any_run_file, tmp_path):
    root = assert_images(figures.team_trust_heatmap(open_results(any_run_file), tmp_path / "heatmap"))
    text = svg_text(root)
    assert "from team (trusting)" in text and "change from day" in text


def test_team_trust_heatmap_on_chosen_days(sweep_file, tmp_path):
    root = assert_images(
        figures.team_trust_heatmap(open_results(sweep_file), tmp_path / "h", days=[10, 50], variant="online_only"))
    text = svg_text(root)
    assert "day 10" in text and "day 50" in text and "online only" in text


def test_team_trust_heatmap_on_a_day_not_sampled(sweep_file, tmp_path):
    with pytest.raises(ValueError, match=r"not sampled on day\(s\) \[3\]"):
        figures.team_trust_heatmap(open_results(sweep_file), tmp_path / "h", days=[3])


def test_comparison_forest_from_the_file_comparison(sweep_file, tmp_path):
    root = assert_images(figures.comparison_forest(open_results(sweep_file), tmp_path / "forest"))
    text = svg_text(root)
    assert "face to face" in text and "baseline mean" in text and "better than baseline" in text


def test_comparison_forest_computed_from_the_summary(partial_sweep_file, tmp_path):
    assert_images(figures.comparison_forest(open_results(partial_sweep_file), tmp_path / "forest"))


def test_comparison_forest_needs_two_variants(any_run_file, tmp_path):
    with pytest.raises(ValueError, match="nothing to compare"):
        figures.comparison_forest(open_results(any_run_file), tmp_path / "forest")


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


def test_trust_network(any_run_file, tmp_path):
    results = open_results(any_run_file)
    root = assert_images(figures.trust_network(results, tmp_path / "network"))
    text = svg_text(root)
    assert "Trust network on day" in text and "Team (colour)" in text


def test_trust_network_on_the_first_snapshot(run_file, tmp_path):
    root = assert_images(figures.trust_network(open_results(run_file), tmp_path / "n", run_id=1, day=0))
    assert "day 0" in svg_text(root)


def test_sensitivity(sampled_file, tmp_path):
    root = assert_images(figures.sensitivity(open_results(sampled_file), tmp_path / "sensitivity"))
    text = svg_text(root)
    assert "meetings.face_to_face_fraction" in text and "partial rank correlation" in text


def test_sensitivity_needs_swept_parameters(sweep_file, tmp_path):
    with pytest.raises(ValueError, match="no swept parameters"):
        figures.sensitivity(open_results(sweep_file), tmp_path / "s")


def test_same_data_same_svg(run_file, tmp_path):
    results = open_results(run_file)
    _, first = figures.trust_over_time(results, tmp_path / "a")
    _, second = figures.trust_over_time(results, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_layout_puts_each_team_around_its_own_centre(run_file):
    net = open_results(run_file).network(0)
    placed = layout.staff_positions(net.nodes, net.teams)
    centres = layout.team_centres(net.teams)
    radius = layout.cluster_radius(len(net.teams))
    for team, (cx, cy) in centres.items():
        mine = placed[placed["team"] == team]
        assert (((mine["x"] - cx) ** 2 + (mine["y"] - cy) ** 2) <= radius**2 + 1e-9).all()
    assert len(placed[["x", "y"]].drop_duplicates()) == len(placed)  # nobody on top of anybody


def test_undirected_ties_average_both_directions():
    import pandas as pd

    edges = pd.DataFrame({"source": [1, 2, 3], "target": [2, 1, 1], "trust": [0.4, 0.8, 0.5]})
    ties = layout.undirected_ties(edges).set_index(["a", "b"])["trust"]
    assert ties[(1, 2)] == pytest.approx(0.6)
    assert ties[(1, 3)] == 0.5
