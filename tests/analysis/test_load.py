"""trustsim.load on files written per docs/output-format.md (fixture_files)."""

import h5py
import numpy as np
import pytest

import fixture_files as ff
from trustsim import open_results

DAILY_NAMES = [name for name, _ in ff.DAILY]
OUTCOME_NAMES = [name for name, _ in ff.OUTCOMES]


def test_summary_of_a_run_has_one_row_per_replicate_in_file_column_order(run_file):
    r = open_results(run_file)
    assert r.kind == "run"
    assert list(r.summary.columns) == ["run_id", "variant", "replicate", "seed"] + OUTCOME_NAMES
    assert r.summary["run_id"].tolist() == [0, 1, 2]
    assert r.summary["replicate"].tolist() == [0, 1, 2]
    assert r.variants == ["baseline"]
    assert r.outcomes == OUTCOME_NAMES
    assert r.parameters == []
    assert r.summary.attrs["units"]["incidents"] == "incidents"


def test_summary_values_are_the_file_values(run_file):
    r = open_results(run_file)
    with h5py.File(run_file) as f:
        np.testing.assert_array_equal(r.summary["trust_between"], f["summary/trust_between"][()])
        np.testing.assert_array_equal(r.summary["seed"], f["summary/seed"][()])


def test_daily_is_long_with_one_row_per_run_day_and_metric(run_file):
    r = open_results(run_file)
    d = r.daily
    assert list(d.columns) == ["run_id", "variant", "replicate", "day", "metric", "value"]
    assert len(d) == 3 * 90 * len(DAILY_NAMES)
    assert sorted(d["metric"].unique()) == sorted(DAILY_NAMES)
    assert d["day"].min() == 0 and d["day"].max() == 89
    assert r.daily_metrics == DAILY_NAMES


def test_daily_values_match_the_dataset_of_that_run_and_metric(run_file):
    r = open_results(run_file)
    mine = r.daily.query("run_id == 2 and metric == 'incidents'").sort_values("day")["value"].to_numpy()
    with h5py.File(run_file) as f:
        np.testing.assert_array_equal(mine, f["runs/run_000002/daily/incidents"][()])


def test_daily_wide_and_long_agree(sweep_file):
    r = open_results(sweep_file)
    wide = r.daily_wide.set_index(["run_id", "day"])
    long = r.daily.pivot_table(index=["run_id", "day"], columns="metric", values="value")
    np.testing.assert_allclose(long["trust_between"], wide.loc[long.index, "trust_between"])


def test_team_trust_keeps_the_direction_from_row_team_to_column_team(run_file):
    r = open_results(run_file)
    tt = r.team_trust
    assert list(tt.columns) == ["run_id", "variant", "replicate", "day", "from_team", "to_team", "trust"]
    samples = len(range(0, 90, 5))
    assert len(tt) == 3 * samples * len(ff.TEAMS) ** 2
    assert r.teams == ff.TEAMS
    with h5py.File(run_file) as f:
        trust = f["runs/run_000001/team_trust/trust"][()]
    # Sample 4 is day 20; row team 0 (Frailty East) -> column team 3 (Pharmacy).
    row = tt.query("run_id == 1 and day == 20 and from_team == 'Frailty East' and to_team == 'Pharmacy'")
    assert row["trust"].item() == trust[4, 0, 3]
    assert trust[4, 0, 3] != trust[4, 3, 0]  # so the test can tell the directions apart


def test_network_names_codes_and_defaults_to_the_last_snapshot(run_file):
    r = open_results(run_file)
    assert r.network_days(0) == [0, 89]
    net = r.network(0)
    assert net.day == 89
    assert net.teams == ff.TEAMS
    assert list(net.nodes.columns) == ["staff_id", "team", "organisation", "profession"]
    assert len(net.nodes) == ff.STAFF_PER_TEAM * len(ff.TEAMS)
    assert set(net.nodes["team"]) == set(ff.TEAMS)
    assert set(net.nodes["organisation"]) <= set(ff.ORGANISATIONS)
    assert list(net.edges.columns) == ["source", "target", "trust"]
    assert set(net.edges["source"]) | set(net.edges["target"]) <= set(net.nodes["staff_id"])
    with h5py.File(run_file) as f:
        np.testing.assert_array_equal(net.edges["trust"], f["runs/run_000000/network/day_0089/trust"][()])


def test_network_on_a_day_without_snapshot_names_the_days_there_are(run_file):
    with pytest.raises(ValueError, match=r"no network snapshot on day 5.*\[0, 89\]"):
        open_results(run_file).network(0, 5)


def test_provenance_parses_the_scenario_json(run_file):
    p = open_results(run_file).provenance
    assert p["format"] == "trustsim"
    assert p["kind"] == "run"
    assert p["seed"] == 42
    assert p["scenario_given"] == {"days": 90, "replicates": 3}
    assert p["scenario_resolved"]["teams"] == ff.TEAMS


def test_sweep_comparison_is_read_from_the_file(sweep_file):
    r = open_results(sweep_file)
    assert r.comparison_source == "file"
    assert list(r.comparison.columns) == [
        "variant", "outcome", "n", "mean", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high"]
    assert len(r.comparison) == len(ff.SWEEP_VARIANTS) * len(OUTCOME_NAMES)
    with h5py.File(sweep_file) as f:
        np.testing.assert_array_equal(r.comparison["diff_ci_low"], f["comparison/diff_ci_low"][()])


def test_sweep_without_comparison_computes_it_from_the_summary(partial_sweep_file):
    r = open_results(partial_sweep_file)
    assert r.comparison_source == "computed from /summary"
    row = r.comparison.query("variant == 'face_to_face' and outcome == 'trust_between'").iloc[0]
    s = r.summary
    expected = (s.loc[s.variant == "face_to_face", "trust_between"].mean()
                - s.loc[s.variant == "baseline", "trust_between"].mean())
    assert row["diff"] == pytest.approx(expected)
    assert 0 < row["diff_ci_low"] < row["diff"] < row["diff_ci_high"]  # the fixture's +0.08 effect shows


def test_a_sweep_being_resumed_loads_the_runs_that_are_there(partial_sweep_file):
    r = open_results(partial_sweep_file)
    assert r.missing_runs == [3, 9]
    assert not r.is_complete
    assert len(r.summary) == 16  # the summary lists all runs planned
    assert sorted(r.daily["run_id"].unique()) == [i for i in range(16) if i not in (3, 9)]
    assert 3 not in set(r.team_trust["run_id"])
    with pytest.raises(ValueError, match="no data for run 3"):
        r.network(3)


def test_complete_files_have_no_missing_runs(run_file, sweep_file):
    assert open_results(run_file).is_complete
    assert open_results(sweep_file).missing_runs == []


def test_sampled_sweep_lists_its_swept_parameters(sampled_file):
    r = open_results(sampled_file)
    assert r.parameters == list(ff.SAMPLED_PARAMETERS)
    assert r.summary["meetings.face_to_face_fraction"].between(0, 1).all()
    assert r.variants == ["baseline"]
    assert r.outcomes == OUTCOME_NAMES  # swept keys are not outcomes


def test_sampled_keys_are_coordinates_and_outcomes_keep_units_in_xarray(sampled_file):
    pytest.importorskip("xarray", reason="python3-xarray is not installed")
    ds = open_results(sampled_file).to_xarray()
    assert "trust.informal_gain" in ds.coords and "trust.informal_gain" not in ds.data_vars
    assert ds["outcome_incidents"].attrs["units"] == "incidents"
    assert ds["outcome_incidents"].attrs["long_name"] == "Patient-safety incidents"


def test_to_xarray_labels_runs_days_and_teams(sweep_file):
    pytest.importorskip("xarray", reason="python3-xarray is not installed")
    ds = open_results(sweep_file).to_xarray()
    assert ds["trust_between"].dims == ("run_id", "day")
    assert ds["trust_between"].shape == (16, 90)
    assert ds["team_trust"].dims == ("run_id", "trust_day", "from_team", "to_team")
    assert list(ds["from_team"].values) == ff.TEAMS  # the file's order, not sorted
    assert ds["trust_between"].attrs["units"] == "1"
    assert set(ds["variant"].values) == set(ff.SWEEP_VARIANTS)
    by_variant = ds["outcome_trust_between"].groupby("variant").mean()
    assert by_variant.sel(variant="face_to_face") > by_variant.sel(variant="baseline")
    with h5py.File(sweep_file) as f:
        np.testing.assert_array_equal(ds["incidents"].sel(run_id=5).values, f["runs/run_000005/daily/incidents"][()])


def test_to_xarray_without_xarray_says_what_to_install(run_file, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_xarray(name, *args, **kwargs):
        if name == "xarray":
            raise ImportError("no xarray")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xarray)
    with pytest.raises(ImportError, match="python3-xarray"):
        open_results(run_file).to_xarray()


def test_attributes_written_as_one_element_arrays_or_fixed_length_bytes(tmp_path):
    """Other HDF5 writers (HighFive) may store a scalar as a 1-element array
    and a string as fixed-length bytes; both read as plain values."""
    path = ff.write_run_file(tmp_path / "run.h5", days=10, replicates=2)
    with h5py.File(path, "r+") as f:
        f.attrs["format"] = np.array([b"trustsim"])
        f.attrs["format_version"] = np.array([1], dtype=np.int32)
        f.attrs["kind"] = np.bytes_(b"run")
        f["runs/run_000001"].attrs["variant"] = np.bytes_(b"baseline")
        f["summary"].attrs["columns"] = np.array([c.encode() for c in f["summary"].attrs["columns"]])
    r = open_results(path)
    assert r.kind == "run" and r.provenance["format_version"] == 1
    assert r.summary.columns[1] == "variant"
    assert set(r.daily["variant"]) == {"baseline"}
