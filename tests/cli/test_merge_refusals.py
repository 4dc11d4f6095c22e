"""`trustsim merge` refuses, with one clear line, exit code 2 and no output
file, anything but the complete shards of one sweep: parts of different
sweeps, a missing shard, an overlap, a shard given twice, and corrupt or
foreign files."""
import shutil

import pytest

from shard_helpers import run_shards, sweep_file, trustsim


@pytest.fixture
def three_shards(trustsim_bin, tmp_path):
    return run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path), 3)


def refused(trustsim_bin, directory, *parts, expect):
    out = directory / "merged.h5"
    result = trustsim(trustsim_bin, directory, "merge", *parts, "-o", out)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expect in lines[0], lines[0]
    assert not out.exists()
    assert list(directory.glob("merged.h5*")) == []  # no temporary file left either
    return lines[0]


def test_parts_of_different_sweeps_are_refused(trustsim_bin, tmp_path, three_shards):
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = run_shards(trustsim_bin, other_dir, sweep_file(other_dir, seed=18), 3)
    line = refused(trustsim_bin, tmp_path, three_shards[0], other[1], three_shards[2],
                   expect="is a shard of a different sweep")
    assert str(other[1].name) in line


def test_a_missing_shard_is_refused(trustsim_bin, tmp_path, three_shards):
    refused(trustsim_bin, tmp_path, three_shards[0], three_shards[2],
            expect="merge: shard 2/3 missing (runs 1, 4, 7, 10 are in no part given)")


def test_overlapping_shards_are_refused(trustsim_bin, tmp_path, three_shards):
    # Shard 1/2 holds runs 0, 2, 4, ...: run 0 is also in shard 1/3.
    halves = run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path), 2, prefix="half")
    refused(trustsim_bin, tmp_path, *three_shards, halves[0],
            expect="run 0 is in two parts")


def test_a_shard_given_twice_is_refused(trustsim_bin, tmp_path, three_shards):
    copy = tmp_path / "copy.h5"
    shutil.copy(three_shards[1], copy)
    refused(trustsim_bin, tmp_path, *three_shards, copy, expect="are both shard 2/3")


def test_a_corrupt_part_is_refused(trustsim_bin, tmp_path, three_shards):
    data = three_shards[1].read_bytes()
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(data[: len(data) // 2])
    line = refused(trustsim_bin, tmp_path, three_shards[0], truncated, three_shards[2],
                   expect="truncated.h5")
    assert any(word in line for word in ("damaged", "not an HDF5 file", "cannot open")), line

    garbage = tmp_path / "garbage.h5"
    garbage.write_bytes(b"not a trustsim file\n" * 100)
    refused(trustsim_bin, tmp_path, three_shards[0], garbage, three_shards[2],
            expect="garbage.h5: not an HDF5 file")


def test_a_foreign_file_is_refused(trustsim_bin, tmp_path, three_shards, tiny, write_scenario):
    scenario = write_scenario(tiny)
    plain = tmp_path / "plain.h5"
    assert trustsim(trustsim_bin, tmp_path, "run", scenario, "-o", plain).returncode == 0
    refused(trustsim_bin, tmp_path, three_shards[0], plain, three_shards[2],
            expect='plain.h5: not a shard of a sweep (kind "run")')

    whole = tmp_path / "whole.h5"
    sweep = sweep_file(tmp_path)
    assert trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", whole).returncode == 0
    refused(trustsim_bin, tmp_path, whole, expect='not a shard of a sweep (kind "sweep")')


def test_an_existing_output_needs_force(trustsim_bin, tmp_path, three_shards):
    out = tmp_path / "merged.h5"
    out.write_text("keep me")
    result = trustsim(trustsim_bin, tmp_path, "merge", *three_shards, "-o", out)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert out.read_text() == "keep me"
    result = trustsim(trustsim_bin, tmp_path, "merge", *three_shards, "-o", out, "--force")
    assert result.returncode == 0, result.stderr
    result = trustsim(trustsim_bin, tmp_path, "merge", *three_shards, "-o", three_shards[0],
                      "--force")
    assert result.returncode == 2
    assert "is one of the parts being merged" in result.stderr


def test_a_thread_count_below_one_is_refused(trustsim_bin, tmp_path, three_shards):
    out = tmp_path / "merged.h5"
    result = trustsim(trustsim_bin, tmp_path, "merge", *three_shards, "-o", out, "--threads", "0")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("--threads: Value 0 not in range"), result.stderr
    assert not out.exists()
