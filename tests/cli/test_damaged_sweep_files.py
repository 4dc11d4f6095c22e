"""Sweeps given bad input: the corpus of bad sweep files in
tests/bad_inputs/sweeps (refused by sweep and validate alike), --resume
with damaged parts or manifest, merge with damaged shards, and SIGINT or
SIGTERM mid-sweep. Every refusal is one line with exit code 2 naming the
file (and the key where there is one), with no output written; finished
runs of an interrupted sweep are kept for --resume."""
import shutil
import signal
import struct
import subprocess

import h5py
import pytest

from conftest import REPO
from refusal import assert_refused, run_limited, stderr_text
from shard_helpers import run_shards, sweep_file
from sweep_helpers import finished_parts, long_sweep, part_files, wait_for_parts, write_sweep

CORPUS = REPO / "tests" / "bad_inputs" / "sweeps"

# file -> (what follows the file name, a fragment of the problem)
EXPECTED = {
    "syntax_error.json": (":32:13: ", "syntax error"),
    "empty.json": (": ", "empty file"),
    "top_level_array.json": (": /: ", "a sweep must be a JSON object"),
    "duplicate_key.json": (": /seed: ", "key given twice"),
    "misspelt_key.json": (": /replicats: ", 'did you mean "replicates"?'),
    "unknown_override_key.json": (": /variants/v/interventions.facilitatorz.enabled: ",
                                  'did you mean "facilitators"?'),
    "unknown_intervention.json": (": /variants/v/interventions.mentoring.enabled: ",
                                  'unknown key "mentoring"'),
    "unknown_regime.json": (": /variants/v/meetings.regime: ", '"zoom"'),
    "probability_out_of_range.json": (": /variants/v/issues.resolve_probability: ", "got 1.5"),
    "nan_as_string.json": (": /variants/v/issues.raise_threshold: ", 'the string "NaN"'),
    "number_overflow.json": (":33:20: ", "number overflow parsing '1e999'"),
    "grid_empty_list.json": (": /grid/trust.half_life_days: ", "empty list"),
    "grid_value_out_of_range.json": (": /grid/trust.stranger_baseline/1: ", "got 7"),
    "grid_too_many_runs.json": (": ", "the sweep expands to 400000000 runs, more than the limit"),
    "sample_count_absurd.json": (": /sample/count: ", "got 1000000000"),
    "sample_range_inverted.json": (": /sample/parameters/trust.informal_gain: ",
                                   "low must not exceed high"),
    "sample_method_unknown.json": (": /sample/method: ", '"fast"'),
    "replicates_zero.json": (": /replicates: ", "got 0"),
    "replicates_absurd.json": (": /replicates: ", "got 1000000000"),
    "base_missing.json": (": /base: ", "required"),
    "base_missing_file.json": (": /base: ", "does not exist"),
    "base_bad_scenario.json": (": /base/dayz: ", 'did you mean "days"?'),
    "base_too_many_teams.json": (": /base/system: ", "the system has 6000 teams"),
}
# validate takes a file without `base` for a scenario, and refuses it as one
# (at its first unknown key in file order: documents keep the order written).
AS_SCENARIO = {"base_missing.json": (": /variants: ", 'unknown key "variants"'),
               "top_level_array.json": (": /: ", "a scenario must be a JSON object")}
# Refused at the file the sweep names as its base, which is what is wrong.
BASE_FILE_AT_FAULT = {"base_is_dev_zero.json": ("/dev/zero: ", "too large for an input file")}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted({**EXPECTED, **BASE_FILE_AT_FAULT})


@pytest.mark.parametrize("subcommand", ["validate", "sweep"])
@pytest.mark.parametrize("name", sorted({**EXPECTED, **BASE_FILE_AT_FAULT}))
def test_corpus_sweep_is_refused(trustsim_bin, tmp_path, name, subcommand):
    path = CORPUS / name
    if subcommand == "validate" and name in AS_SCENARIO:
        where, problem = AS_SCENARIO[name]
        starts_with = f"{path}{where}"
    elif name in EXPECTED:
        where, problem = EXPECTED[name]
        starts_with = f"{path}{where}"
    else:
        starts_with, problem = BASE_FILE_AT_FAULT[name]
    extra = ["-o", tmp_path / "out.h5"] if subcommand == "sweep" else []
    result = run_limited(trustsim_bin, subcommand, path, *extra, cwd=tmp_path)
    assert_refused(result, tmp_path, starts_with, problem)


def test_a_grid_of_millions_of_scenarios_is_refused_before_expanding(trustsim_bin, tmp_path):
    # Within the run limit, but expanding it took 90 s and 4 GB, then failed.
    values = [i / 1500 for i in range(1500)]
    path = write_sweep(tmp_path, replicates=1, variants={"online": {"meetings.regime": "online"}},
                       grid={"trust.stranger_baseline": values, "trust.informal_gain": values})
    result = run_limited(trustsim_bin, "sweep", path, "-o", tmp_path / "out.h5", cwd=tmp_path,
                         timeout=30)
    assert_refused(result, tmp_path, f"{path}: ", "the sweep has 4500000 scenarios")


def test_a_deeply_nested_sweep_is_refused(trustsim_bin, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"variants": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run_limited(trustsim_bin, "sweep", path, "-o", tmp_path / "out.h5", cwd=tmp_path)
    assert_refused(result, tmp_path, f"{path}:1:", "nested more than 64 levels deep")


# An interrupted sweep, made once: some parts finished, the rest not.
@pytest.fixture(scope="module")
def interrupted(trustsim_bin, tmp_path_factory):
    directory = tmp_path_factory.mktemp("interrupted")
    long_sweep(directory, replicates=20, variants={"online": {"meetings.regime": "online"}})
    process = subprocess.Popen([trustsim_bin, "sweep", "sweep.json", "-o", "out.h5",
                                "--threads", "2"], cwd=directory, stderr=subprocess.PIPE)
    wait_for_parts(process, directory / "out.h5.parts", 3)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode == 143
    return directory


@pytest.fixture
def workdir(interrupted, tmp_path):
    copy = tmp_path / "sweep"
    shutil.copytree(interrupted, copy)
    return copy


def resume(trustsim_bin, workdir):
    return run_limited(trustsim_bin, "sweep", "sweep.json", "-o", "out.h5", "--resume",
                       "--threads", "2", cwd=workdir, timeout=300)


def corrupt_first_heap_object(path):
    # The size of the first string in the first global heap: HDF5 1.10
    # reads past its buffer and crashes on it.
    data = bytearray(path.read_bytes())
    at = data.index(b"GCOL") + 24
    data[at:at + 8] = struct.pack("<Q", 1 << 40)
    path.write_bytes(bytes(data))


# The first part found, or the last (read whole by another child process,
# as parts are read a few at a time).
@pytest.mark.parametrize("which", [0, -1], ids=["first", "last"])
@pytest.mark.parametrize("damage", ["truncated", "heap_crash", "foreign"])
def test_resume_refuses_a_damaged_part_and_keeps_the_others(trustsim_bin, workdir, damage,
                                                            which):
    parts = workdir / "out.h5.parts"
    part = part_files(parts)[which]
    if damage == "truncated":
        part.write_bytes(part.read_bytes()[:3000])
    elif damage == "heap_crash":
        corrupt_first_heap_object(part)
    else:
        with h5py.File(part, "w") as f:
            f["x"] = [1, 2, 3]
    kept = len(finished_parts(parts))
    result = resume(trustsim_bin, workdir)
    message = stderr_text(result).strip().splitlines()
    assert result.returncode == 2, message
    assert message[-1].startswith(f"{part.relative_to(workdir)}: ") or \
        message[-1].startswith(f"{part}: "), message
    assert not (workdir / "out.h5").exists()
    # Nothing finished is thrown away, and nothing was computed: the parts
    # found are checked before any missing run.
    assert len(finished_parts(parts)) == kept


MANIFESTS = {
    "wrong_types": '{"format": "trustsim sweep parts", "fingerprint": 7, "run_count": "forty"}',
    "not_an_object": "[1, 2, 3]",
    "binary": "\x00\x01\x02",
    "deeply_nested": "[" * 100_000,
    "empty": "",
}


@pytest.mark.parametrize("content", MANIFESTS.values(), ids=MANIFESTS.keys())
def test_resume_refuses_a_damaged_manifest(trustsim_bin, workdir, content):
    # A run_count of the wrong type once escaped as a JSON type error.
    (workdir / "out.h5.parts" / "manifest.json").write_text(content)
    result = resume(trustsim_bin, workdir)
    assert_refused(result, workdir / "nothing", "out.h5.parts: ", "--force")
    assert not (workdir / "out.h5").exists()


@pytest.mark.parametrize("signal_number,exit_code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_mid_sweep_keeps_finished_runs_for_resume(trustsim_bin, interrupted, tmp_path,
                                                           signal_number, exit_code):
    directory = tmp_path / "sweep"
    shutil.copytree(interrupted, directory)
    shutil.rmtree(directory / "out.h5.parts")
    process = subprocess.Popen([trustsim_bin, "sweep", "sweep.json", "-o", "out.h5",
                                "--threads", "2"], cwd=directory, stderr=subprocess.PIPE,
                               text=True)
    parts = directory / "out.h5.parts"
    wait_for_parts(process, parts, 2)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == exit_code, stderr
    assert not (directory / "out.h5").exists()
    assert list(parts.glob("*.tmp-*")) == [] and list(directory.glob("*.tmp-*")) == []
    assert len(finished_parts(parts)) >= 2
    result = resume(trustsim_bin, directory)
    assert result.returncode == 0, stderr_text(result)
    assert (directory / "out.h5").exists() and not parts.exists()


@pytest.fixture
def shards(trustsim_bin, tmp_path):
    return run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path), 3)


def merge(trustsim_bin, directory, *files):
    return run_limited(trustsim_bin, "merge", *files, "-o", directory / "merged.h5",
                       cwd=directory, timeout=120)


def test_merge_refuses_a_shard_that_crashes_hdf5(trustsim_bin, tmp_path, shards):
    corrupt_first_heap_object(shards[1])
    result = merge(trustsim_bin, tmp_path, *shards)
    assert result.returncode == 2, stderr_text(result)
    message = stderr_text(result).strip()
    assert "\n" not in message and message.startswith(f"{shards[1]}: damaged"), message
    assert list(tmp_path.glob("merged.h5*")) == []


def test_merge_refuses_a_shard_whose_sweep_is_nested_absurdly_deep(trustsim_bin, tmp_path,
                                                                  shards):
    with h5py.File(shards[0], "a") as f:
        f.attrs["scenario_resolved"] = "[" * 100_000 + "]" * 100_000
    result = merge(trustsim_bin, tmp_path, *shards)
    assert result.returncode == 2, stderr_text(result)
    message = stderr_text(result).strip()
    assert "\n" not in message and message.startswith(f"{shards[0]}: "), message
    assert "nested more than 64 levels deep" in message
    assert list(tmp_path.glob("merged.h5*")) == []


# Variable-length strings (variant and team names, provenance texts) live in
# HDF5's global heap, which has no checksum of its own; the file's
# string_checksum attribute covers them (sim/io/string_checksum.hpp).

def heap_string_of_element(path, dataset, index):
    """File offset and length of the stored text of element `index` of a
    variable-length string dataset, from its heap id (4-byte length, 8-byte
    collection address, 4-byte object index) and the collection's objects
    (2-byte index, 2-byte reference count, 4 reserved, 8-byte size, data
    padded to 8 bytes) after its 16-byte "GCOL" header."""
    with h5py.File(path, "r") as f:
        offset = f[dataset].id.get_offset()
    data = path.read_bytes()
    _, collection, wanted = struct.unpack_from("<IQI", data, offset + 16 * index)
    assert data[collection:collection + 4] == b"GCOL"
    end = collection + struct.unpack_from("<Q", data, collection + 8)[0]
    at = collection + 16
    while at < end:
        number, _, size = struct.unpack_from("<HHxxxxQ", data, at)
        if number == wanted:
            return at + 16, size
        at += 16 + (size + 7) // 8 * 8
    raise AssertionError(f"no heap object {wanted} for {dataset}[{index}]")


def heap_string_of_attribute(path, name):
    """File offset and length of the stored text of the root attribute
    `name` (a text that is stored once, after its 8-byte size)."""
    with h5py.File(path, "r") as f:
        text = f.attrs[name].encode()
    data = path.read_bytes()
    stored = struct.pack("<Q", len(text)) + text
    assert data.count(stored) == 1, name
    return data.index(stored) + 8, len(text)


STRINGS = {"variant_name": lambda p: heap_string_of_element(p, "summary/variant", 0),
           "team_name": lambda p: heap_string_of_element(
               p, f"runs/{first_run(p)}/teams/team", 0),
           "provenance": lambda p: heap_string_of_attribute(p, "scenario_given")}


def first_run(path):
    with h5py.File(path, "r") as f:
        return sorted(f["runs"])[0]


def flip_a_byte_of_a_string(path, where):
    at, size = STRINGS[where](path)
    data = bytearray(path.read_bytes())
    data[at + size // 2] ^= 0x01  # a letter stays a letter: still valid UTF-8, still read
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", STRINGS)
def test_resume_refuses_a_part_with_a_damaged_string(trustsim_bin, workdir, where):
    parts = workdir / "out.h5.parts"
    part = part_files(parts)[0]
    flip_a_byte_of_a_string(part, where)
    kept = len(finished_parts(parts))
    result = resume(trustsim_bin, workdir)
    message = stderr_text(result).strip().splitlines()
    assert result.returncode == 2, message
    assert message[-1].startswith(f"{part.relative_to(workdir)}: damaged HDF5 file ("), message
    assert "string_checksum" in message[-1], message
    assert not (workdir / "out.h5").exists()
    assert len(finished_parts(parts)) == kept  # nothing thrown away, nothing computed first


@pytest.mark.parametrize("where", STRINGS)
def test_merge_refuses_a_shard_with_a_damaged_string(trustsim_bin, tmp_path, shards, where):
    flip_a_byte_of_a_string(shards[1], where)
    result = merge(trustsim_bin, tmp_path, *shards)
    assert_refused(result, tmp_path / "nothing", f"{shards[1]}: damaged HDF5 file (",
                   "string_checksum")
    assert list(tmp_path.glob("merged.h5*")) == []
    assert all(shard.exists() for shard in shards)
