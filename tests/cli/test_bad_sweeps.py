"""Bad sweep files: exit code 2, one line naming the file and the JSON
pointer of the problem, and no output file or work directory."""
import json

import pytest

from sweep_helpers import write_sweep

CASES = {
    "unknown key": (dict(replicats=3), "/replicats: unknown key \"replicats\"; did you mean \"replicates\"?"),
    "bad override key": (dict(variants={"f": {"interventions.facilitatorz.enabled": True}}),
                         "/variants/f/interventions.facilitatorz.enabled: unknown key"),
    "bad override value": (dict(variants={"v": {"meetings.face_to_face_fraction": 2}}),
                           "/variants/v/meetings.face_to_face_fraction: must be in [0, 1], got 2"),
    "empty grid list": (dict(grid={"trust.half_life_days": []}),
                        "/grid/trust.half_life_days: empty list"),
    "LHS count 0": (dict(sample={"count": 0, "parameters": {"trust.informal_gain": [0.05, 0.2]}}),
                    "/sample/count: must be an integer in [1, "),
    "missing base file": (dict(base="no_such.json"), "/base: scenario file"),
    "bad replicates": (dict(replicates=0), "/replicates: must be an integer in [1, "),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_sweep_is_refused_with_its_pointer(trustsim, tmp_path, case):
    fields, message = CASES[case]
    sweep = write_sweep(tmp_path, **fields)
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{sweep}: "), result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.glob("out.h5*")) == []


def test_syntax_error_gives_line_and_column(trustsim, tmp_path):
    path = tmp_path / "sweep.json"
    path.write_text('{\n  "base": "tiny.json",\n  "replicates": 2,,\n}\n')
    result = trustsim("sweep", path, "-o", "out.h5")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:3:")
    assert list(tmp_path.glob("out.h5*")) == []


def test_error_in_the_base_scenario_names_the_base_file(trustsim, tmp_path):
    sweep = write_sweep(tmp_path)
    tiny = json.loads((tmp_path / "tiny.json").read_text())
    tiny["trust"] = {"half_life_dayz": 3}
    (tmp_path / "tiny.json").write_text(json.dumps(tiny))
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 2
    assert "tiny.json: /trust/half_life_dayz: unknown key" in result.stderr
    assert list(tmp_path.glob("out.h5*")) == []


def test_a_missing_sweep_file(trustsim, tmp_path):
    result = trustsim("sweep", "nowhere.json", "-o", "out.h5")
    assert result.returncode == 2
    assert "nowhere.json" in result.stderr


def test_validate_checks_a_sweep_file_as_a_sweep(trustsim, tmp_path):
    good = write_sweep(tmp_path, "good.json", variants={"online": {"meetings.regime": "online"}})
    result = trustsim("validate", good)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: sweep of 4 runs, 2 variants")
    bad = write_sweep(tmp_path, "bad.json", variants={"v": {"meetings.regim": "online"}})
    result = trustsim("validate", bad)
    assert result.returncode == 2
    assert "/variants/v/meetings.regim: unknown key" in result.stderr
