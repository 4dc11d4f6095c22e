"""analysis/trustsim/posterior.py: reading a calibration file, the weighted
posterior summary, the figures, and refusing files that are not calibrations.
The file is written here in the layout of docs/calibration.md, with a
posterior whose quantiles are known; a second test reads one the binary made."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from fixture_files import write_calibration_file
from tiny_scenario import TINY_SCENARIO, trustsim_binary
from trustsim import TrustsimFileError, posterior, style


def test_weighted_quantile_matches_the_order_statistic_and_follows_weights():
    values = [5, 1, 4, 2, 3]
    assert posterior.weighted_quantile(values, [0.2] * 5, 0.5) == 3
    assert posterior.weighted_quantile(values, [0.2] * 5, 0.0) == 1
    assert posterior.weighted_quantile(values, [0.2] * 5, 1.0) == 5
    assert posterior.weighted_quantile([1, 2, 3], [0.1, 0.1, 0.8], 0.5) == 3
    assert posterior.weighted_quantile([1, 2, 3], [0.5, 0.0, 0.5], 0.5) == 1


def test_reads_the_calibration_and_summarises_the_posterior(tmp_path):
    cal = posterior.read_calibration(write_calibration_file(tmp_path / "c.h5"))
    assert cal.keys == ["trust.informal_gain", "staff.base_leave_per_day"]
    assert cal.stop_reason == "reached max_populations (2)"
    assert sorted(cal.population_particles) == [0, 1]
    s = cal.summary().set_index("parameter")
    # 200 equal weights on 0.001, 0.002, ..., 0.2: the 100th, 10th and 190th values.
    assert s.loc["trust.informal_gain", "median"] == pytest.approx(0.1)
    assert s.loc["trust.informal_gain", "q05"] == pytest.approx(0.01)
    assert s.loc["trust.informal_gain", "q95"] == pytest.approx(0.19)
    p = cal.predictive_summary().set_index("target")
    assert p.loc["leaving", "covered"]  # 0..4 covers [1, 3]
    assert not p.loc["trust", "covered"]  # 0.5..0.58 misses 0.6


def test_figures_are_written_as_png_and_svg(tmp_path):
    cal = posterior.read_calibration(write_calibration_file(tmp_path / "c.h5"))
    png, svg = style.save(posterior.marginals_and_pairs(cal), tmp_path / "fig" / "posterior")
    assert png.stat().st_size > 10_000 and svg.stat().st_size > 10_000
    png, svg = style.save(posterior.predictive_vs_targets(cal), tmp_path / "fig" / "predictive")
    assert png.exists() and svg.exists()


def test_the_command_writes_both_figures_and_prints_the_summary(tmp_path, capsys):
    path = write_calibration_file(tmp_path / "c.h5")
    assert posterior.main([str(path), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "posterior.png").exists()
    assert (tmp_path / "out" / "predictive.svg").exists()
    printed = capsys.readouterr().out
    assert "trust.informal_gain" in printed and "covered" in printed


def test_files_that_are_not_calibrations_are_refused(tmp_path, run_file, capsys):
    with pytest.raises(TrustsimFileError, match="not the output of trustsim calibrate"):
        posterior.read_calibration(run_file)
    assert posterior.main([str(tmp_path / "missing.h5")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_reads_a_calibration_the_binary_made(tmp_path):
    binary = trustsim_binary()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.skip(f"trustsim binary not found at {binary}")
    (tmp_path / "tiny.json").write_text(json.dumps(TINY_SCENARIO))
    (tmp_path / "cal.json").write_text(json.dumps({
        "base": "tiny.json", "seed": 5,
        "targets": {"targets": {"trust": {"outcome": "trust_within", "observed": 0.6, "sd": 0.05,
                                          "source": "the test"}}},
        "parameters": {"trust.informal_gain": {"prior": "uniform", "range": [0.02, 0.4]}},
        "method": {"population_size": 10, "replicates": 1, "max_populations": 2,
                   "predictive_draws": 5}}))
    done = subprocess.run([str(binary), "calibrate", "cal.json", "-o", "cal.h5", "--quiet"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    cal = posterior.read_calibration(tmp_path / "cal.h5")
    assert len(cal.posterior) == 10
    assert cal.posterior["weight"].sum() == pytest.approx(1.0)
    assert len(cal.predictive) == 5
    style.save(posterior.marginals_and_pairs(cal), tmp_path / "posterior")
    style.save(posterior.predictive_vs_targets(cal), tmp_path / "predictive")
