"""The corpus of bad scenarios in tests/bad_inputs/scenarios, one file per
mistake, each refused by `validate` and by `run` alike: exit code 2, one line
naming the file and the key (or the line and column), no output file, within
a memory limit and a timeout. Inputs too big to keep in the tree are made
here. The fuzzer (tests/fuzz) starts from the same files."""
import json
import os
import pathlib

import pytest

from conftest import REPO, TINY
from refusal import assert_refused, run_limited

CORPUS = REPO / "tests" / "bad_inputs" / "scenarios"

# file -> (what follows the file name: ": /pointer: " or ":LINE:COL: ", a
# fragment of the problem). Every file in CORPUS must be listed, and only those.
EXPECTED = {
    # not JSON at all, or not a JSON object
    "empty.json": (": ", "empty file (expected a JSON object)"),
    "whitespace_only.json": (": ", "empty file"),
    "binary_png.json": (": ", "not a text file (binary data at byte 0)"),
    "nul_byte.json": (": ", "not a text file (binary data at byte 20)"),
    "latin1_text.json": (": ", "not a text file"),
    "top_level_array.json": (": /: ", "a scenario must be a JSON object, got an array"),
    "top_level_string.json": (": /: ", "must be a JSON object"),
    # JSON syntax
    "syntax_missing_comma.json": (":4:14: ", "syntax error while parsing object"),
    "syntax_trailing_comma.json": (":32:11: ", "expected string literal"),
    "syntax_truncated.json": (":18:31: ", "missing closing quote"),
    "syntax_trailing_garbage.json": (":38:1: ", "expected end of input"),
    "syntax_single_quotes.json": (":2:11: ", "invalid literal"),
    "syntax_comment.json": (":3:16: ", "invalid literal"),
    # NaN and infinities: JSON has no literal for them, and 1e999 overflows
    "nan_literal.json": (":4:34: ", "invalid literal"),
    "infinity_literal.json": (":4:33: ", "invalid literal"),
    "number_overflow.json": (":4:35: ", "number overflow parsing '1e999'"),
    "duplicate_key.json": (": /days: ", "key given twice"),
    # wrong types
    "days_as_string.json": (": /days: ", 'must be an integer in [1, 10000], got the string "forty"'),
    "days_fractional.json": (": /days: ", "got 40.5"),
    "teams_as_object.json": (": /system/teams: ", "must be a list (JSON array), got an object"),
    "trust_as_number.json": (": /trust: ", "must be an object (a group of settings), got 0.5"),
    "enabled_as_string.json": (": /interventions/facilitators/enabled: ", "must be true or false"),
    "count_as_null.json": (": /system/teams/0/staff/0/count: ", "got null"),
    "seed_negative.json": (": /seed: ", "got -1"),
    "seed_too_large.json": (": /seed: ", "must be an integer in [0, 18446744073709551615]"),
    # unknown and misspelt keys
    "unknown_top_key.json": (": /dayz: ", 'unknown key "dayz"; did you mean "days"?'),
    "misspelt_trust_key.json": (": /trust/stranger_baselin: ", 'did you mean "stranger_baseline"?'),
    "misspelt_staff_key.json": (": /system/teams/1/staff/0/cuont: ", 'did you mean "count"?'),
    "key_at_wrong_level.json": (": /half_life_days: ", "did you mean /trust/half_life_days?"),
    "unknown_intervention.json": (": /interventions/mentoring: ", "known keys here: aligned_incentives"),
    "misspelt_intervention.json": (": /interventions/facilitator: ", 'did you mean "facilitators"?'),
    # names that do not exist
    "unknown_regime.json": (": /meetings/regime: ", "must be one of online, face_to_face, hybrid"),
    "unknown_regime_in_schedule.json": (": /meetings/schedule/0/regime: ", '"teams_call"'),
    "unknown_organisation.json": (": /system/teams/1/staff/0/organisation: ", '"nhs_trust"'),
    # negative and absurd sizes
    "count_negative.json": (": /system/teams/0/staff/0/count: ", "got -3"),
    "count_zero.json": (": /system/teams/0/staff/0/count: ", "got 0"),
    "count_trillion.json": (": /system/teams/0/staff/0/count: ", "got 1000000000000"),
    "days_negative.json": (": /days: ", "got -5"),
    "days_billion.json": (": /days: ", "got 1000000000"),
    "replicates_billion.json": (": /replicates: ", "must be an integer in [1, 100000]"),
    "localities_absurd.json": (": /system/localities: ", "got 1000000"),
    "too_many_staff.json": (": /system: ", "the system has 5004000 staff; at most 1000000"),
    "too_many_teams.json": (": /system: ", "the system has 6000 teams; at most 5000"),
    "team_too_large.json": (": /system/teams/0/staff: ",
                            "the team has 1001 staff; at most 1000 per team"),
    "no_teams.json": (": /system/teams: ", "must have between 1 and"),
    "teams_missing.json": (": /system/teams: ", "required list is missing"),
    # probabilities and rates out of range
    "probability_above_one.json": (": /issues/resolve_probability: ", "must be in [0, 1], got 1.5"),
    "probability_negative.json": (": /issues/incident_hazard_per_day: ", "got -0.01"),
    "fraction_above_one.json": (": /meetings/face_to_face_fraction: ", "must be in [0, 1], got 2"),
    "half_life_zero.json": (": /trust/half_life_days: ", "must be in (0, 1e+06], got 0"),
    "rate_huge.json": (": /contacts/per_on_site_day: ", "got 1e+300"),
    # rules across keys
    "duplicate_team_name.json": (": /system/teams/1/name: ", "is used twice"),
    "schedule_day_outside_run.json": (": /meetings/schedule/0/day: ", "not within the run"),
    "hybrid_without_fraction.json": (": /meetings/schedule/0/face_to_face_fraction: ",
                                     "required when the regime is hybrid"),
    "intervention_starts_after_run.json": (": /interventions/hero_awareness/start_day: ",
                                           "day 100 is not within the run"),
    "snapshot_days_unordered.json": (": /outputs/network_snapshot_days/1: ", "increasing order"),
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("subcommand", ["validate", "run"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_is_refused(trustsim_bin, tmp_path, name, subcommand):
    path = CORPUS / name
    where, problem = EXPECTED[name]
    extra = ["-o", tmp_path / "out.h5"] if subcommand == "run" else []
    result = run_limited(trustsim_bin, subcommand, path, *extra, cwd=tmp_path)
    assert_refused(result, tmp_path, f"{path}{where}", problem)
    assert not (tmp_path / "results").exists()


# Inputs made on the spot: too large to keep, or not files at all.
def deep_arrays(directory):
    path = directory / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path, ":1:65: ", "nested more than 64 levels deep"


def deep_value(directory):
    path = directory / "deep_value.json"
    path.write_text('{"name": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}")
    return path, ":1:", "nested more than 64 levels deep"


def oversized(directory):
    path = directory / "huge.json"
    with open(path, "w") as f:
        f.truncate(64 * 2**20 + 1)  # sparse: no disk used
    return path, ": ", "too large for an input file (more than 64 MiB)"


def endless(directory):
    return pathlib.Path("/dev/zero"), ": ", "too large for an input file"


def fifo_without_writer(directory):
    path = directory / "pipe.json"
    os.mkfifo(path)
    return path, ": ", "empty file"


def a_directory(directory):
    path = directory / "scenarios"
    path.mkdir()
    return path, ": ", "is a directory, not an input file"


def missing(directory):
    return directory / "missing.json", ": ", "cannot read: No such file or directory"


@pytest.mark.parametrize("make", [deep_arrays, deep_value, oversized, endless, fifo_without_writer,
                                  a_directory, missing])
def test_generated_input_is_refused(trustsim_bin, tmp_path, make):
    path, where, problem = make(tmp_path)
    result = run_limited(trustsim_bin, "run", path, "-o", tmp_path / "out.h5", cwd=tmp_path,
                         timeout=30)
    assert_refused(result, tmp_path, f"{path}{where}", problem)


# --set values: the value is JSON or else a plain string, and is checked
# like the file's own; the message names the override.
BAD_OVERRIDES = [
    ("days=1e999", "--set days: ", 'got the string "1e999"'),
    ("trust.stranger_baseline=-1e999", "--set trust.stranger_baseline: ", 'the string "-1e999"'),
    ("trust.stranger_baseline=NaN", "--set trust.stranger_baseline: ", 'the string "NaN"'),
    ("trust.stranger_baseline=Infinity", "--set trust.stranger_baseline: ", '"Infinity"'),
    ("issues.resolve_probability=1.01", "--set issues.resolve_probability: ", "got 1.01"),
    ("meetings.regime=zoom", "--set meetings.regime: ", "must be one of online"),
    ("interventions.mentoring.enabled=true", "scenario.json: /interventions/mentoring: ",
     'unknown key "mentoring"'),
    ("system.teams.0.staff.0.count=1000000000000", "--set system.teams.0.staff.0.count: ",
     "got 1000000000000"),
    ("system.teams.99999999999.name=x", "--set system.teams.99999999999.name: ",
     "expected an entry number"),
    ("system.localities=1001", "--set system.localities: ", "must be an integer in [1, 1000]"),
    ("days=" + "[" * 100_000, "--set days: ", "must be an integer in [1, 10000], got the string"),
    ("days.x=1", "--set days.x: ", "not a group"),
    ("a..b=1", "--set a..b: ", "malformed key"),
    ("=1", "--set =1: ", "expected dotted.key=value"),
]


@pytest.mark.parametrize("assignment,starts_with,problem", BAD_OVERRIDES,
                         ids=[case[0][:40] for case in BAD_OVERRIDES])
def test_bad_override_is_refused(trustsim_bin, tmp_path, assignment, starts_with, problem):
    (tmp_path / "scenario.json").write_text(json.dumps(TINY))
    result = run_limited(trustsim_bin, "run", "scenario.json", "-o", "out.h5", "--set", assignment,
                         cwd=tmp_path)
    assert_refused(result, tmp_path, starts_with, problem)
