"""analysis/trustsim/sensitivity.py on files the binary writes: the
/sensitivity table of a Morris sweep as a ranked bar chart with intervals
and the noise band, response curves of a grid sweep, and both in the
HTML report."""

import json
import os
import subprocess

import numpy as np
import pytest
from matplotlib.figure import Figure

from tiny_scenario import TINY_SCENARIO, trustsim_binary
from trustsim import open_results, sensitivity


def _sweep(tmp_path_factory, name, **fields):
    binary = trustsim_binary()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.skip(f"trustsim binary not found at {binary}: build it or set TRUSTSIM_BIN")
    work = tmp_path_factory.mktemp(name)
    sweep = {"base": TINY_SCENARIO, "seed": 4, "replicates": 2, **fields}
    (work / "sweep.json").write_text(json.dumps(sweep))
    out = work / "out.h5"
    done = subprocess.run([str(binary), "sweep", "sweep.json", "-o", str(out), "-q"],
                          cwd=work, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def morris_file(tmp_path_factory):
    return _sweep(tmp_path_factory, "morris", sample={
        "method": "morris", "trajectories": 5,
        "parameters": {"trust.informal_gain": [0.02, 0.3],
                       "interventions.facilitators.extra_contacts_per_day": [0, 6]}})


@pytest.fixture(scope="module")
def grid_file(tmp_path_factory):
    return _sweep(tmp_path_factory, "grid", replicates=3,
                  variants={"facilitators": {"interventions.facilitators.enabled": True}},
                  grid={"trust.half_life_days": [20, 60, 180]})


def test_indices_table_and_ranking(morris_file):
    table = sensitivity.indices(open_results(morris_file))
    assert table.attrs["method"] == "morris"
    assert "replicate" in table.attrs["replicate_noise"]
    rows = sensitivity.ranked(table, "trust_within")
    assert rows["parameter"].iloc[0] == "trust.informal_gain"  # the one the model uses
    assert rows["parameter"].iloc[-1] == sensitivity.NOISE
    ignored = rows[rows["parameter"] == "interventions.facilitators.extra_contacts_per_day"]
    assert float(ignored["mu_star"].iloc[0]) == 0.0  # facilitators are off


def test_ranked_bars_compose_on_a_given_axes(morris_file):
    ax = Figure().add_subplot()
    returned = sensitivity.ranked_bars(open_results(morris_file), "trust_within", ax=ax)
    assert returned is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "trust.informal_gain"  # most important at the top
    assert len(ax.patches) >= 2  # bars, and the noise band


def test_sensitivity_figure_files(morris_file, tmp_path):
    png, svg = sensitivity.sensitivity_figure(open_results(morris_file), tmp_path / "s")
    assert png.stat().st_size > 10000 and svg.stat().st_size > 5000


def test_no_sensitivity_table_is_a_clear_error(grid_file):
    with pytest.raises(ValueError, match="Morris or Sobol"):
        sensitivity.indices(open_results(grid_file))


def test_response_curve_is_each_cells_mean(grid_file):
    results = open_results(grid_file)
    ax = sensitivity.response_curve(results, "trust_between")
    lines = ax.get_lines()
    assert len(lines) == 2  # one per variant
    means = results.summary.groupby(["variant", "trust.half_life_days"])["trust_between"].mean()
    x, y = lines[0].get_data()
    assert list(x) == [20, 60, 180]
    assert np.allclose(y, [means[("baseline", v)] for v in x])


def test_response_figure_and_report_sections(grid_file, morris_file, tmp_path):
    png, _ = sensitivity.response_figure(open_results(grid_file), tmp_path / "r")
    assert png.stat().st_size > 10000
    assert [k for k, *_ in sensitivity.report_figures(open_results(grid_file))] == ["response"]
    assert [k for k, *_ in sensitivity.report_figures(open_results(morris_file))] == ["sensitivity_indices"]


def test_report_includes_the_new_figures(morris_file, tmp_path):
    from trustsim.report import write_report

    page = write_report(morris_file, tmp_path / "report").read_text()
    assert "Which parameters matter (variance-based)" in page
    assert "replicate noise" in page
