"""trustsim calibrate: the output file's layout, the summary it prints, the
same result for any thread count, and every kind of bad calibration file
refused like a bad sweep file (file and JSON pointer, exit 2, nothing written)."""
import json
import subprocess

import h5py
import numpy as np
import pytest

from calibrate_helpers import TARGETS, assert_same_calibration, calibration, write_calibration
from refusal import assert_refused, run_limited


def calibrate(trustsim, directory, *extra):
    path = write_calibration(directory)
    result = trustsim("calibrate", path, "-o", "out.h5", *extra)
    assert result.returncode == 0, result.stderr
    return directory / "out.h5", result


def test_output_holds_the_posterior_its_populations_and_the_targets(trustsim, tmp_path):
    out, result = calibrate(trustsim, tmp_path)
    assert "wrote out.h5 (3 populations of 12 particles" in result.stderr
    assert not (tmp_path / "out.h5.parts").exists()
    with h5py.File(out, "r") as f:
        assert f.attrs["format"] == "trustsim"
        assert f.attrs["kind"] == "calibration"
        assert f.attrs["seed"] == 31
        assert json.loads(f.attrs["scenario_given"])["name"] == "tiny_calibration"
        resolved = json.loads(f.attrs["scenario_resolved"])
        assert resolved["method"]["population_size"] == 12
        assert resolved["base"]["days"] == 80
        assert json.loads(f.attrs["targets_given"]) == TARGETS
        assert f.attrs["stop_reason"] == "reached max_populations (3)"
        summary = f["summary"]
        columns = list(summary.attrs["columns"])
        assert columns[:5] == ["particle", "weight", "distance", "trust.informal_gain",
                               "staff.base_leave_per_day"]
        assert "leavers" in columns and "trust_within" in columns
        weights = summary["weight"][()]
        assert len(weights) == 12
        assert weights.sum() == pytest.approx(1.0, abs=1e-12)
        gain = summary["trust.informal_gain"][()]
        assert ((gain >= 0.02) & (gain <= 0.4)).all()
        rate = summary["staff.base_leave_per_day"][()]
        assert ((rate >= 1e-4) & (rate <= 1e-2)).all()
        c = f["calibration"]
        assert list(c["parameters/key"].asstr()[()]) == ["trust.informal_gain",
                                                        "staff.base_leave_per_day"]
        assert list(c["parameters/prior"].asstr()[()]) == ["uniform", "log_uniform"]
        assert list(c["targets/name"].asstr()[()]) == ["trust", "leaving"]
        assert list(c["targets/source"].asstr()[()]) == ["made up for the test"] * 2
        assert np.isnan(c["targets/observed"][1])
        tolerance = c["populations/tolerance"][()]
        assert np.isinf(tolerance[0])
        assert (np.diff(tolerance) <= 0).all()
        assert c["populations/acceptance_rate"][0] == 1.0
        for p in range(3):
            w = c[f"population_{p:03d}/weight"][()]
            assert w.sum() == pytest.approx(1.0, abs=1e-12)
            distance = c[f"population_{p:03d}/distance"][()]
            assert (distance <= tolerance[p]).all()
        # The posterior in /summary is the last population.
        assert np.array_equal(c["population_002/weight"][()], weights)
        predictive = c["posterior_predictive"]
        assert len(predictive["draw"][()]) == 6
        assert set(predictive["particle"][()]) <= set(range(12))
        for name in ("tolerance", "weight"):
            target = c["populations"] if name == "tolerance" else summary
            assert target[name].attrs["description"]


def test_summary_prints_the_posterior_and_the_predictive_against_targets(trustsim, tmp_path):
    calibrate(trustsim, tmp_path)
    result = trustsim("summary", "out.h5")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "calibration, 12 runs" in text
    assert "populations: tolerance (acceptance rate, particles)\n  0: inf (1, 12)" in text
    assert "stopped: reached max_populations (3)" in text
    assert "trust.informal_gain" in text and "uniform [0.02, 0.4]" in text
    assert "log_uniform [0.0001, 0.01]" in text
    assert "90% interval" in text
    assert "posterior predictive (6 runs" in text
    assert "[1, 3] (tolerance 1)" in text
    assert "0.6 (sd 0.03)" in text
    assert "trust: made up for the test" in text
    assert "add --runs" in text
    runs = trustsim("summary", "out.h5", "--runs")
    assert runs.returncode == 0
    assert "particle" in runs.stdout and "weight" in runs.stdout


def test_the_result_is_the_same_on_one_thread_and_two(trustsim, tmp_path):
    path = write_calibration(tmp_path)
    for threads, name in ((1, "one.h5"), (2, "two.h5")):
        result = trustsim("calibrate", path, "-o", name, "--threads", threads, "--quiet")
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
    assert_same_calibration(tmp_path / "one.h5", tmp_path / "two.h5")


def test_adaptive_population_sizes_are_chosen_stored_and_summarised(trustsim, tmp_path):
    adaptive = {"adaptive": {"initial": 12, "min": 6, "max": 30, "mean_cv": 0.15}}
    path = write_calibration(tmp_path, population_size=adaptive)
    result = trustsim("calibrate", path, "-o", "out.h5")
    assert result.returncode == 0, result.stderr
    with h5py.File(tmp_path / "out.h5", "r") as f:
        populations = f["calibration/populations"]
        assert "next_size" in list(populations.attrs["columns"])
        sizes = populations["accepted"][()]
        next_sizes = populations["next_size"][()]
        assert sizes[0] == 12
        # Each population has the size chosen after the one before, within the bounds.
        assert list(sizes[1:]) == list(next_sizes[:-1])
        assert all(6 <= n <= 30 for n in next_sizes)
        assert np.all(np.isfinite(populations["mean_cv"][()]))
        resolved = json.loads(f.attrs["scenario_resolved"])
        assert resolved["method"]["population_size"]["adaptive"]["mean_cv"] == 0.15
        assert len(f["summary"]["weight"][()]) == sizes[-1]
    summary = trustsim("summary", "out.h5")
    assert summary.returncode == 0, summary.stderr
    assert "populations: tolerance (acceptance rate, particles)" in summary.stdout
    assert f"0: inf (1, 12)" in summary.stdout
    assert f", {sizes[-1]})" in summary.stdout


def test_an_integer_setting_is_calibrated_in_whole_numbers(trustsim, tmp_path):
    path = write_calibration(tmp_path)
    c = json.loads(path.read_text())
    c["parameters"]["staff.vacancy_days"] = {"prior": "uniform", "range": [5, 60]}
    path.write_text(json.dumps(c))
    result = trustsim("calibrate", path, "-o", "out.h5", "--quiet")
    assert result.returncode == 0, result.stderr
    with h5py.File(tmp_path / "out.h5", "r") as f:
        for group in ["summary", *[f"calibration/{g}" for g in f["calibration"] if g.startswith("population_")]]:
            days = f[group]["staff.vacancy_days"][()]
            assert np.array_equal(days, np.round(days)) and days.min() >= 5 and days.max() <= 60, group
        assert len(set(f["summary"]["staff.vacancy_days"][()])) > 1  # the posterior is not one point


def test_an_existing_output_needs_force(trustsim, tmp_path):
    calibrate(trustsim, tmp_path)
    again = trustsim("calibrate", "calibration.json", "-o", "out.h5")
    assert again.returncode == 2
    assert "out.h5" in again.stderr and "--force" in again.stderr
    forced = trustsim("calibrate", "calibration.json", "-o", "out.h5", "--force", "--quiet")
    assert forced.returncode == 0, forced.stderr


BAD = [
    # (change to the calibration, pointer in the message, a fragment of it)
    (lambda c: c.pop("base"), "/base", "required"),
    (lambda c: c.update(base="missing.json"), "/base", "does not exist"),
    (lambda c: c.update(targets="missing.json"), "/targets", "does not exist"),
    (lambda c: c.pop("parameters"), "/parameters", "required"),
    (lambda c: c.update(metod={}), "/metod", 'did you mean "method"'),
    (lambda c: c["parameters"].update({"trust.informal_gane": {"prior": "uniform",
                                                               "range": [0.1, 0.2]}}),
     "/parameters/trust.informal_gane", "informal_gain"),
    (lambda c: c["parameters"]["trust.informal_gain"].update(prior="normal"),
     "/parameters/trust.informal_gain/prior", "uniform"),
    (lambda c: c["parameters"]["trust.informal_gain"].update(range=[0.4, 0.1]),
     "/parameters/trust.informal_gain/range", "low must be below high"),
    (lambda c: c["parameters"]["trust.informal_gain"].update(range=[0.1, 2.0]),
     "/parameters/trust.informal_gain/range/1", "[0, 1]"),
    (lambda c: c["parameters"]["staff.base_leave_per_day"].update(range=[0, 0.01]),
     "/parameters/staff.base_leave_per_day/range/0", "log-uniform prior needs low > 0"),
    (lambda c: c["parameters"].update({"meetings.regime": {"prior": "uniform", "range": [0, 1]}}),
     "/parameters/meetings.regime", ""),
    (lambda c: c["parameters"].update({"replicates": {"prior": "uniform", "range": [1, 5]}}),
     "/parameters/replicates", "cannot be calibrated"),
    (lambda c: c["parameters"].update({"staff.vacancy_days": {"prior": "uniform", "range": [10, 90.5]}}),
     "/parameters/staff.vacancy_days/range/1", "integer setting: its range must be whole numbers"),
    (lambda c: c["parameters"].update({"days": {"prior": "uniform", "range": [50, 80]}}),
     "/parameters/days", "sets up the run"),
    (lambda c: c["method"].update(population_size=1), "/method/population_size", "[2, 100000]"),
    (lambda c: c["method"].update(tolerance_quantile=1), "/method/tolerance_quantile", "below 1"),
    (lambda c: c["method"].update(distance="cosine"), "/method/distance", "euclidean"),
    (lambda c: c["method"].update(min_acceptance_rate=0), "/method/min_acceptance_rate", ""),
    (lambda c: c.update(seed="seven"), "/seed", ""),
    (lambda c: c["method"].update(population_size={"adaptive": {"initial": 20, "min": 50}}),
     "/method/population_size/adaptive/initial", "within [min, max] = [50, 100000]"),
    (lambda c: c["method"].update(population_size={"adaptive": {"mean_cv": 0}}),
     "/method/population_size/adaptive/mean_cv", "(0, 1]"),
    (lambda c: c["method"].update(population_size={"adaptive": {"maximum": 50}}),
     "/method/population_size/adaptive/maximum", 'unknown key "maximum"'),
    (lambda c: c["method"].update(population_size={"adaptiv": {}}),
     "/method/population_size/adaptiv", ""),
]


@pytest.mark.parametrize("change,pointer,fragment", BAD,
                         ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD)])
def test_bad_calibration_files_are_refused_with_file_and_pointer(trustsim_bin, tmp_path, change,
                                                                 pointer, fragment):
    path = write_calibration(tmp_path)
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))
    result = run_limited(trustsim_bin, "calibrate", path.name, "-o", "out.h5", cwd=tmp_path)
    assert_refused(result, tmp_path, f"calibration.json: {pointer}: ", fragment)


BAD_TARGETS = [
    (lambda t: t["targets"]["trust"].update(outcome="trust_amongst"),
     "/targets/trust/outcome", "not an outcome of this trustsim build"),
    (lambda t: t["targets"]["trust"].pop("source"), "/targets/trust/source", "required"),
    (lambda t: t["targets"]["trust"].update(sd=0), "/targets/trust/sd", ""),
    (lambda t: t["targets"]["trust"].update(interval=[0.5, 0.7]), "/targets/trust", "not both"),
    (lambda t: t["targets"]["leaving"].update(interval=[3, 1]), "/targets/leaving/interval",
     "low must be below high"),
    (lambda t: t.update(targets={}), "/targets", "non-empty"),
]


@pytest.mark.parametrize("change,pointer,fragment", BAD_TARGETS,
                         ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD_TARGETS)])
def test_bad_targets_files_are_refused_naming_the_targets_file(trustsim_bin, tmp_path, change,
                                                               pointer, fragment):
    targets = json.loads(json.dumps(TARGETS))
    change(targets)
    write_calibration(tmp_path, targets=targets)
    result = run_limited(trustsim_bin, "calibrate", "calibration.json", "-o", "out.h5",
                         cwd=tmp_path)
    assert_refused(result, tmp_path, f"targets.json: {pointer}: ", fragment)


def test_a_bad_base_scenario_is_refused_naming_the_scenario(trustsim_bin, tmp_path):
    write_calibration(tmp_path)
    tiny = json.loads((tmp_path / "tiny.json").read_text())
    tiny["days"] = -3
    (tmp_path / "tiny.json").write_text(json.dumps(tiny))
    result = run_limited(trustsim_bin, "calibrate", "calibration.json", "-o", "out.h5",
                         cwd=tmp_path)
    assert_refused(result, tmp_path, "tiny.json: /days: ")


def test_syntax_errors_and_non_objects_are_refused(trustsim_bin, tmp_path):
    write_calibration(tmp_path)
    (tmp_path / "calibration.json").write_text('{"base": "tiny.json",}')
    result = run_limited(trustsim_bin, "calibrate", "calibration.json", "-o", "out.h5",
                         cwd=tmp_path)
    assert_refused(result, tmp_path, "calibration.json:1:")
    (tmp_path / "calibration.json").write_text("[1, 2]")
    result = run_limited(trustsim_bin, "calibrate", "calibration.json", "-o", "out.h5",
                         cwd=tmp_path)
    assert_refused(result, tmp_path, "calibration.json: ", "JSON object")


def test_help_names_the_options(trustsim):
    result = trustsim("calibrate", "--help")
    assert result.returncode == 0
    for option in ("--resume", "--threads", "--force", "-o", "docs/calibration.md"):
        assert option in result.stdout


def test_a_target_out_of_reach_stops_on_the_acceptance_floor(trustsim, tmp_path):
    targets = json.loads(json.dumps(TARGETS))
    targets["targets"]["trust"].update(observed=5.0, sd=0.01)  # trust never exceeds 1
    path = write_calibration(tmp_path, targets=targets, max_populations=30,
                             min_acceptance_rate=0.3)
    result = trustsim("calibrate", path, "-o", "out.h5", "--quiet")
    assert result.returncode == 0, result.stderr
    with h5py.File(tmp_path / "out.h5", "r") as f:
        reason = f.attrs["stop_reason"]
        count = len(f["calibration/populations/population"][()])
    assert "abandoned" in reason or "acceptance rate" in reason, reason
    assert count < 30


def test_validate_checks_a_calibration_file(trustsim, tmp_path):
    write_calibration(tmp_path)
    result = trustsim("validate", "calibration.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok: calibration of 2 parameters to 2 targets\n"
    resolved = trustsim("validate", "calibration.json", "--resolved")
    assert json.loads(resolved.stdout)["method"]["tolerance_quantile"] == 0.5
    document = json.loads((tmp_path / "calibration.json").read_text())
    del document["parameters"]
    (tmp_path / "calibration.json").write_text(json.dumps(document))
    bad = trustsim("validate", "calibration.json")
    assert bad.returncode == 2
    assert bad.stderr.startswith("calibration.json: /parameters: required")
