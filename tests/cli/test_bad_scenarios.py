"""Every kind of bad scenario: exit code 2, one line naming the file and the
JSON pointer, and no output file."""
import pytest


def assert_refused(result, out_dir, *fragments):
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert list(out_dir.glob("*.h5*")) == []


def mutate(document, pointer, value):
    *parents, last = pointer.strip("/").split("/")
    node = document
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


BAD_VALUES = [
    ("/trust/stranger_baselin", 0.3, "unknown key", 'did you mean "stranger_baseline"?'),
    ("/days", "thirty", "must be an integer", "the string"),
    ("/days", 0, "must be an integer in [1, 10000]", "got 0"),
    ("/issues/incident_hazard_per_day", 1.5, "must be in [0, 1]", "got 1.5"),
    ("/meetings/regime", "zoom", "must be one of online, face_to_face, hybrid", "zoom"),
    ("/system/teams/0/staff/0/count", 10**12, "must be an integer in [1, 10000]", ""),
    ("/system/teams/1/staff/0/organisation", "nhs", "must be one of acute_hospital", ""),
    ("/interventions/facilitators/enabled", "yes", "must be true or false", ""),
    ("/seed", -1, "must be an integer in [0, 18446744073709551615]", ""),
]


@pytest.mark.parametrize("pointer,value,problem,detail", BAD_VALUES)
def test_bad_value_names_file_and_pointer(trustsim, write_scenario, tiny, tmp_path, pointer,
                                          value, problem, detail):
    mutate(tiny, pointer, value)
    path = write_scenario(tiny)
    result = trustsim("run", path, "-o", tmp_path / "out.h5")
    assert_refused(result, tmp_path, f"{path}: {pointer}: ", problem, detail)


@pytest.mark.parametrize("content,expected", [
    ("", "empty file (expected a JSON object)"),
    ("   \n", "empty file (expected a JSON object)"),
    (b"\x89HDF\r\n\x1a\n\x00\x00\x00\x00", "not a text file (binary data at byte 0)"),
    ("[1, 2, 3]", "/: a scenario must be a JSON object"),
])
def test_unusable_file(trustsim, write_scenario, tmp_path, content, expected):
    path = write_scenario(content)
    result = trustsim("run", path, "-o", tmp_path / "out.h5")
    assert_refused(result, tmp_path, f"{path}: {expected}")


def test_syntax_error_gives_line_and_column(trustsim, write_scenario, tmp_path):
    path = write_scenario('{\n  "days": 30\n  "name": "x"\n}\n')
    result = trustsim("run", path, "-o", tmp_path / "out.h5")
    assert_refused(result, tmp_path, f"{path}:3:8: syntax error")


def test_missing_file(trustsim, tmp_path):
    result = trustsim("run", tmp_path / "nope.json", "-o", tmp_path / "out.h5")
    assert_refused(result, tmp_path, "nope.json: cannot read: No such file or directory")


def test_validate_reports_the_same_errors(trustsim, write_scenario, tiny):
    tiny["dayz"] = 3
    path = write_scenario(tiny)
    result = trustsim("validate", path)
    assert result.returncode == 2
    assert result.stderr.strip() == f'{path}: /dayz: unknown key "dayz"; did you mean "days"?'


def test_validate_accepts_a_good_scenario(trustsim, write_scenario, tiny):
    result = trustsim("validate", write_scenario(tiny))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 2 teams, 11 staff, 80 days"
