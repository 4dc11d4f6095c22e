"""--set overrides are validated like the file and recorded in the output."""
import json

import h5py
import pytest


@pytest.mark.parametrize("assignment,message", [
    ("trust.stranger_baseline=1.5", "--set trust.stranger_baseline: must be in [0, 1], got 1.5"),
    ("trust.stranger_baselin=0.2",
     '--set trust.stranger_baselin: unknown key "stranger_baselin"; did you mean "stranger_baseline"?'),
    ("issues.raise_threshold=nan",
     '--set issues.raise_threshold: must be a number in [0, 1], got the string "nan"'),
    ("system.teams.5.name=x", "--set system.teams.5.name: there is no entry 5 (system.teams has 2 entries)"),
    ("days", "--set days: expected dotted.key=value"),
])
def test_bad_override(trustsim, write_scenario, tiny, tmp_path, assignment, message):
    result = trustsim("run", write_scenario(tiny), "-o", tmp_path / "out.h5", "--set", assignment)
    assert result.returncode == 2
    assert result.stderr.strip() == message
    assert not list(tmp_path.glob("*.h5*"))


def test_bad_replicates_option_is_named(trustsim, write_scenario, tiny, tmp_path):
    result = trustsim("run", write_scenario(tiny), "-o", tmp_path / "out.h5", "--replicates", "0")
    assert result.returncode == 2
    assert result.stderr.strip() == "--replicates: must be an integer in [1, 100000], got 0"


def test_overrides_reach_the_run_and_its_provenance(trustsim, write_scenario, tiny, tmp_path):
    out = tmp_path / "out.h5"
    result = trustsim("run", write_scenario(tiny), "-o", out, "--quiet",
                      "--set", "days=40", "--set", "outputs.network_snapshot_days=[0,39]",
                      "--set", "meetings.regime=online",
                      "--set", "system.teams.0.staff.0.count=6", "--replicates", "1", "--seed", "9")
    assert result.returncode == 0, result.stderr
    with h5py.File(out) as f:
        resolved = json.loads(f.attrs["scenario_resolved"])
        assert resolved["days"] == 40
        assert resolved["meetings"]["regime"] == "online"
        assert resolved["system"]["teams"][0]["staff"][0]["count"] == 6
        assert resolved["seed"] == 9 and f.attrs["seed"] == 9
        assert f.attrs["run_count"] == 1
        assert len(f["runs/run_000000/daily/day"]) == 40
        # The given scenario is the file as it was, before overrides.
        assert json.loads(f.attrs["scenario_given"])["days"] == 80
