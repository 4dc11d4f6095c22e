"""A sweep with "parameters_from": each replicate runs under a parameter set
drawn from a calibration's posterior, the same in every variant; the
comparison says so and reports prob_improves."""
import json
import shutil
import subprocess

import h5py
import numpy as np
import pytest

from calibrate_helpers import write_calibration
from refusal import assert_refused
from shard_helpers import run_shards
from sweep_helpers import assert_same_results, comparison_frame, summary_frame, write_sweep

KEYS = ["trust.informal_gain", "staff.base_leave_per_day"]
VARIANTS = {"online": {"meetings.regime": "online"}}


@pytest.fixture(scope="module")
def posterior(trustsim_bin, tmp_path_factory):
    """A small real posterior: two populations of 8 particles."""
    directory = tmp_path_factory.mktemp("posterior")
    path = write_calibration(directory, population_size=8, max_populations=2,
                             predictive_draws=2)
    result = subprocess.run([trustsim_bin, "calibrate", path, "-o", "post.h5", "--quiet"],
                            cwd=directory, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return directory / "post.h5"


def particles(path):
    with h5py.File(path, "r") as f:
        return np.column_stack([f["summary"][k][()] for k in KEYS]), f["summary"]["weight"][()]


def run_parameters(out):
    """Per run: (variant, replicate, (informal_gain, base_leave_per_day))."""
    rows = []
    summary = summary_frame(out)
    with h5py.File(out, "r") as f:
        for run_id, variant, replicate in zip(summary.run_id, summary.variant, summary.replicate):
            text = f["runs"][f"run_{run_id:06d}"].attrs["parameters"]
            resolved = json.loads(text)
            rows.append((variant, int(replicate), (resolved["trust"]["informal_gain"],
                                                   resolved["staff"]["base_leave_per_day"])))
    return rows


def sweep_with(tmp_path, posterior_path, **fields):
    shutil.copy(posterior_path, tmp_path / "post.h5")
    return write_sweep(tmp_path, parameters_from="post.h5", variants=VARIANTS, **fields)


def test_every_variant_runs_replicate_r_under_the_same_posterior_particle(
        trustsim, tmp_path, posterior):
    sweep = sweep_with(tmp_path, posterior, replicates=6)
    result = trustsim("sweep", sweep, "-o", "out.h5", "--quiet")
    assert result.returncode == 0, result.stderr
    values, _ = particles(posterior)
    known = {tuple(row) for row in values}
    by_replicate = {}
    for variant, replicate, parameters in run_parameters(tmp_path / "out.h5"):
        assert parameters in known  # a posterior particle, exactly
        by_replicate.setdefault(replicate, set()).add(parameters)
    assert sorted(by_replicate) == list(range(6))
    assert all(len(sets) == 1 for sets in by_replicate.values())  # same in both variants
    assert len({next(iter(s)) for s in by_replicate.values()}) > 1  # replicates differ


def test_a_posterior_with_all_weight_on_one_particle_gives_it_to_every_run(
        trustsim, tmp_path, posterior):
    sweep = sweep_with(tmp_path, posterior, replicates=4)
    values, weights = particles(posterior)
    chosen = len(weights) // 2
    with h5py.File(tmp_path / "post.h5", "r+") as f:
        one_hot = np.zeros_like(weights)
        one_hot[chosen] = 1.0
        f["summary"]["weight"][...] = one_hot
    assert trustsim("sweep", sweep, "-o", "out.h5", "--quiet").returncode == 0
    runs = run_parameters(tmp_path / "out.h5")
    assert len(runs) == 8
    assert {parameters for _, _, parameters in runs} == {tuple(values[chosen])}


def test_comparison_says_so_and_prob_improves_is_the_share_of_better_pairs(
        trustsim, tmp_path, posterior):
    sweep = sweep_with(tmp_path, posterior, replicates=6)
    assert trustsim("sweep", sweep, "-o", "out.h5", "--quiet").returncode == 0
    out = tmp_path / "out.h5"
    with h5py.File(out, "r") as f:
        attributes = f["comparison"].attrs
        assert attributes["parameter_uncertainty"] == "true"
        assert attributes["parameters_from"].endswith("post.h5")
        assert len(attributes["parameters_from_digest"]) == 16
        assert "prob_improves" in list(attributes["columns"])
        resolved = json.loads(f.attrs["scenario_resolved"])
        assert resolved["parameters_from"]["digest_fnv1a64"] == attributes["parameters_from_digest"]
    summary = summary_frame(out)
    comparison = comparison_frame(out)
    better = {"incidents": -1, "trust_within": 1, "leavers": -1}
    for outcome, sign in better.items():
        base = summary[summary.variant == "baseline"].set_index("replicate")[outcome]
        online = summary[summary.variant == "online"].set_index("replicate")[outcome]
        difference = (online - base.loc[online.index]).to_numpy()
        expected = (np.sum(sign * difference > 0) + 0.5 * np.sum(difference == 0)) / len(difference)
        row = comparison[(comparison.variant == "online") & (comparison.outcome == outcome)]
        assert row.prob_improves.iloc[0] == pytest.approx(expected)
        assert row.better.iloc[0] == ("higher" if sign > 0 else "lower")
        assert row.paired_diff.iloc[0] == pytest.approx(difference.mean())
    no_direction = comparison[(comparison.variant == "online") & (comparison.outcome == "headcount")]
    assert np.isnan(no_direction.prob_improves.iloc[0])
    assert comparison[comparison.variant == "baseline"].prob_improves.isna().all()

    text = trustsim("summary", "out.h5")
    assert text.returncode == 0, text.stderr
    assert "include parameter uncertainty" in text.stdout
    assert "P(better)" in text.stdout


def test_the_result_is_the_same_on_one_thread_and_two(trustsim, tmp_path, posterior):
    sweep = sweep_with(tmp_path, posterior, replicates=4)
    for name, threads in (("one.h5", 1), ("two.h5", 2)):
        result = trustsim("sweep", sweep, "-o", name, "--threads", threads, "--quiet")
        assert result.returncode == 0, result.stderr
    assert_same_results(tmp_path / "one.h5", tmp_path / "two.h5")


def test_shards_merged_without_the_posterior_file_equal_the_whole_sweep(
        trustsim, trustsim_bin, tmp_path, posterior):
    # The output's scenario_resolved holds the posterior whole, so the merge
    # rebuilds the plan (and its pairing) without the file.
    sweep = sweep_with(tmp_path, posterior, replicates=4)
    assert trustsim("sweep", sweep, "-o", "whole.h5", "--quiet").returncode == 0
    parts = run_shards(trustsim_bin, tmp_path, sweep, 2)
    (tmp_path / "post.h5").unlink()
    merged = trustsim("merge", *parts, "-o", "merged.h5")
    assert merged.returncode == 0, merged.stderr
    assert_same_results(tmp_path / "whole.h5", tmp_path / "merged.h5")
    with h5py.File(tmp_path / "merged.h5", "r") as f:
        assert f["comparison"].attrs["parameter_uncertainty"] == "true"


def refusal(trustsim_bin, tmp_path, posterior, value, **fields):
    """The sweep in its own directory (so no .h5 is there beforehand)."""
    case = tmp_path / "case"
    case.mkdir()
    write_sweep(case, parameters_from=value, **fields)
    return case, subprocess.run([trustsim_bin, "sweep", "sweep.json", "-o", "out.h5"],
                                cwd=case, capture_output=True, timeout=60)


@pytest.mark.parametrize("value, fragment", [
    ("../absent.h5", "does not exist"),
    ("sweep.json", "not an HDF5 file"),
    (7, "must name the output file of trustsim calibrate"),
])
def test_bad_files_are_refused(trustsim_bin, tmp_path, posterior, value, fragment):
    case, result = refusal(trustsim_bin, tmp_path, posterior, value)
    assert_refused(result, case, "sweep.json: /parameters_from: ", fragment)


def test_an_output_that_is_not_a_calibration_is_refused(trustsim, trustsim_bin, tmp_path,
                                                        posterior):
    other = tmp_path / "other"
    other.mkdir()
    write_sweep(other)
    assert subprocess.run([trustsim_bin, "sweep", "sweep.json", "-o", "plain.h5", "--quiet"],
                          cwd=other).returncode == 0
    case, result = refusal(trustsim_bin, tmp_path, posterior, str(other / "plain.h5"))
    assert_refused(result, case, "sweep.json: /parameters_from: ",
                   "not the output of trustsim calibrate")


def test_a_posterior_parameter_that_is_not_a_scenario_key_is_refused(trustsim_bin, tmp_path,
                                                                    posterior):
    wrong = tmp_path / "wrong.h5"
    shutil.copy(posterior, wrong)
    with h5py.File(wrong, "r+") as f:
        f["summary"]["trust.informal_gane"] = f["summary"]["trust.informal_gain"][()]
        keys = f["calibration"]["parameters"]["key"]
        keys[0] = "trust.informal_gane"
    case, result = refusal(trustsim_bin, tmp_path, posterior, "../wrong.h5")
    assert_refused(result, case, "sweep.json: /parameters_from: ", "trust.informal_gane",
                   "not a setting")


@pytest.mark.parametrize("fields, pointer", [
    ({"variants": {"fast": {"trust.informal_gain": 0.5}}}, "/variants/fast/trust.informal_gain"),
    ({"grid": {"staff.base_leave_per_day": [0.001, 0.002]}}, "/grid/staff.base_leave_per_day"),
])
def test_a_posterior_parameter_varied_elsewhere_is_refused(trustsim_bin, tmp_path, posterior,
                                                           fields, pointer):
    case, result = refusal(trustsim_bin, tmp_path, posterior, str(posterior), **fields)
    assert_refused(result, case, f"sweep.json: {pointer}: ", "drawn from the posterior")
