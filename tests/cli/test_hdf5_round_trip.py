"""Write with the binary, read back with plain h5py: the layout of
docs/output-format.md, and values that agree with each other."""
import json
import re

import h5py
import numpy as np
import pandas as pd
import pytest

ROOT_ATTRIBUTES = {"format", "format_version", "program_version", "git_commit", "created_utc",
                   "command_line", "kind", "seed", "scenario_given", "scenario_resolved",
                   "run_count", "string_checksum"}
OUTCOMES = ["trust_within", "trust_between", "issues_raised", "issues_unraised", "incidents",
            "leavers", "hero_leavers", "headcount",
            # issue 13's outcomes, by the names the NHS targets use
            "trust_across_organisations", "trust_working", "incidents_unraised",
            "incidents_delayed", "incidents_failed_workaround", "incidents_lost_workaround",
            "leaver_rate_per_year", "vacancy_rate", "burnt_out_share", "withheld_share",
            "meeting_attendance", "meeting_participation", "hours_routine", "hours_meetings",
            "hours_travel", "hours_issues", "hours_workarounds", "hours_interventions", "hours_rituals",
            "hours_total", "trust_incident_correlation", "burnt_out_leaving_ratio"]
TEAM_COLUMNS = ["run", "variant", "team", "locality", "headcount", "trust_within",
                "trust_between", "trust_working", "incidents", "incidents_per_head_year",
                "issues_raised", "issues_unraised", "leavers", "burnt_out_share",
                "psychological_safety"]
TAIL_DAYS = 60  # sim/model/metrics.hpp: outcome_tail_days


@pytest.fixture(scope="module")
def output(tmp_path_factory, trustsim_bin):
    import subprocess
    from conftest import TINY
    directory = tmp_path_factory.mktemp("round-trip")
    scenario = directory / "tiny.json"
    scenario.write_text(json.dumps(TINY))
    result = subprocess.run([trustsim_bin, "run", str(scenario), "-o", str(directory / "tiny.h5")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return directory / "tiny.h5", scenario


def test_root_attributes(output):
    path, scenario = output
    with h5py.File(path) as f:
        assert set(f.attrs) == ROOT_ATTRIBUTES
        assert f.attrs["format"] == "trustsim"
        assert f.attrs["format_version"] == 1
        assert re.fullmatch(r"\d+\.\d+\.\d+", f.attrs["program_version"])
        assert re.fullmatch(r"[0-9a-f]{40}|unknown", f.attrs["git_commit"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", f.attrs["created_utc"])
        assert "run" in f.attrs["command_line"] and str(scenario) in f.attrs["command_line"]
        assert f.attrs["kind"] == "run"
        assert f.attrs["seed"] == 5 and f.attrs["seed"].dtype == np.uint64
        assert f.attrs["scenario_given"] == scenario.read_text()
        resolved = json.loads(f.attrs["scenario_resolved"])
        assert resolved["trust"]["half_life_days"] == 90.0  # a default, filled in
        assert f.attrs["run_count"] == 2


def test_summary_table(output):
    path, _ = output
    with h5py.File(path) as f:
        s = f["summary"]
        columns = list(s.attrs["columns"])
        assert columns == ["run_id", "variant", "replicate", "seed"] + OUTCOMES
        df = pd.DataFrame({c: s[c].asstr()[()] if s[c].dtype.kind == "O" else s[c][()]
                           for c in columns})
        assert list(df.run_id) == [0, 1]
        assert list(df.variant) == ["baseline", "baseline"]
        assert list(df.replicate) == [0, 1]
        assert df.seed.dtype == np.uint64 and df.seed.nunique() == 2
        for c in columns:
            assert "units" in s[c].attrs and "description" in s[c].attrs
        for run_id, seed in zip(df.run_id, df.seed):
            assert f[f"runs/run_{run_id:06d}"].attrs["seed"] == seed


def test_daily_series_lengths_units_and_consistency(output):
    path, _ = output
    with h5py.File(path) as f:
        summary = {c: f["summary"][c][()] for c in f["summary"].attrs["columns"]
                   if c != "variant"}
        for row in range(2):
            daily = f[f"runs/run_{row:06d}/daily"]
            columns = list(daily.attrs["columns"])
            assert "day" not in columns  # the index, not a metric
            assert list(daily["day"][()]) == list(range(80))
            assert columns[:2] == ["trust_within", "trust_between"]
            for name in columns:
                assert len(daily[name]) == 80
                assert daily[name].attrs["units"] and daily[name].attrs["description"]
            assert daily["trust_within"].attrs["units"] == "1"
            assert daily["incidents"].attrs["units"] == "incidents/day"
            for count in ["issues_raised", "issues_unraised", "incidents", "leavers", "hero_leavers"]:
                assert summary[count][row] == pytest.approx(daily[count][()].sum())
            assert summary["headcount"][row] == daily["headcount"][-1]
            for trust in ["trust_within", "trust_between"]:
                assert summary[trust][row] == pytest.approx(daily[trust][-TAIL_DAYS:].mean())
            assert 0 <= daily["trust_between"][()].min() and daily["trust_within"][()].max() <= 1


def test_team_trust_and_network(output):
    path, _ = output
    with h5py.File(path) as f:
        run = f["runs/run_000000"]
        teams = list(run["team_trust/team"].asstr()[()])
        assert teams == ["frailty", "pharmacy"]
        trust = run["team_trust/trust"]
        assert trust.shape == (len(run["team_trust/day"]), 2, 2)
        assert list(trust.attrs["dimensions"]) == ["day", "from_team", "to_team"]
        network = run["network"]
        assert sorted(network) == ["day_0000", "day_0079"]
        assert list(network.attrs["teams"]) == teams
        assert len(network.attrs["organisations"]) == 5
        snapshot = network["day_0079"]
        assert snapshot.attrs["day"] == 79
        nodes = set(snapshot["staff_id"][()])
        assert set(snapshot["source"][()]) <= nodes and set(snapshot["target"][()]) <= nodes
        assert len(snapshot["source"]) == len(snapshot["trust"])


def test_every_dataset_is_self_describing(output):
    path, _ = output
    missing = []
    with h5py.File(path) as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset) and not {"units", "description"} <= set(item.attrs):
                missing.append(name)
        f.visititems(visit)
    assert missing == []


def test_summary_command_prints_the_table(output, trustsim):
    path, _ = output
    result = trustsim("summary", path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}: run, 2 runs, trustsim ")
    header = lines[2].split()
    assert header == ["run_id", "variant", "replicate", "seed"] + OUTCOMES
    assert lines[3].split()[:3] == ["0", "baseline", "0"]
    assert any(line.strip().startswith("mean") for line in lines)


def test_team_summary_table(output):
    """One row per run and team, read by pandas in one call like /summary;
    the teams' counts add up to their run's."""
    path, _ = output
    with h5py.File(path) as f:
        t = f["team_summary"]
        columns = list(t.attrs["columns"])
        assert columns == TEAM_COLUMNS
        teams = pd.DataFrame({c: t[c].asstr()[()] if t[c].dtype.kind == "O" else t[c][()]
                              for c in columns})
        s = f["summary"]
        summary = pd.DataFrame({c: s[c][()] for c in ["run_id", "incidents", "issues_raised",
                                                       "leavers"]})
        for c in columns[4:]:
            assert t[c].attrs["units"] and t[c].attrs["description"] and t[c].attrs["label"], c
        assert f["runs/run_000000"].attrs["measure_from_day"] == 0
    assert len(teams) == 2 * 2  # two runs of two teams
    assert list(teams.team[:2]) == ["frailty", "pharmacy"]
    sums = teams.groupby("run")[["incidents", "issues_raised", "leavers"]].sum()
    for _, row in summary.iterrows():
        for column in ("incidents", "issues_raised", "leavers"):
            assert sums.loc[row.run_id, column] == row[column], column


def test_summary_teams_prints_the_team_table(output, trustsim):
    path, _ = output
    result = trustsim("summary", path, "--teams")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{path}: /team_summary, 4 rows (run x team)"
    assert lines[2].split() == TEAM_COLUMNS
    assert any(line.split()[:4] == ["mean", "of", "2", "baseline"] for line in lines)


def test_the_window_is_stated_in_the_comparison(output):
    path, _ = output
    with h5py.File(path) as f:
        assert f["comparison"].attrs["window"] == (
            "every outcome measured from day 0 to the end of each run (outputs.measure_from_day)")
