"""`trustsim summary` on files that are not sound trustsim output: foreign
HDF5, files missing what trustsim writes, truncated and corrupted files.
Each is refused in one line with exit code 2, never a crash or a hang, even
where the damage makes the HDF5 library itself crash or loop (those reads are
tried in a child process first: sim/io/contained_read.hpp)."""
import json
import os
import random
import struct

import h5py
import numpy as np
import pytest

from conftest import TINY
from refusal import assert_refused, run_limited, stderr_text


@pytest.fixture(scope="module")
def sound_file(trustsim_bin, tmp_path_factory):
    directory = tmp_path_factory.mktemp("sound")
    (directory / "scenario.json").write_text(json.dumps(dict(TINY, days=40, outputs={})))
    result = run_limited(trustsim_bin, "run", "scenario.json", "-o", "sound.h5", "--quiet",
                         cwd=directory)
    assert result.returncode == 0, stderr_text(result)
    return (directory / "sound.h5").read_bytes()


def summary(trustsim_bin, path, directory):
    """Runs summary from an empty directory `directory`/work, which
    assert_refused then finds still empty."""
    work = directory / "work"
    work.mkdir(exist_ok=True)
    return run_limited(trustsim_bin, "summary", path, cwd=work, timeout=60)


def first_global_heap(data):
    """Where HDF5's first global heap (variable-length strings: the root
    attributes, among them format=trustsim) starts."""
    return data.index(b"GCOL")


def h5py_file(path, build):
    with h5py.File(path, "w") as f:
        build(f)
    return path


# Files that are not trustsim's, or lack what trustsim writes.
def foreign(f):
    f["temperature"] = np.arange(3.0)


def format_only(f):
    f.attrs["format"] = "trustsim"


def missing_column(f):
    f.attrs["format"] = "trustsim"
    f.attrs.update(kind="run", program_version="0.1.0", created_utc="2026-01-01T00:00:00Z")
    f.create_group("summary").attrs["columns"] = ["run_id", "seed"]
    f["summary/run_id"] = np.arange(2)


def integer_column_names(f):
    f.attrs["format"] = "trustsim"
    f.attrs.update(kind="run", program_version="0.1.0", created_utc="2026-01-01T00:00:00Z")
    f.create_group("summary").attrs["columns"] = np.arange(3)


def compound_column(f):
    f.attrs["format"] = "trustsim"
    f.attrs.update(kind="run", program_version="0.1.0", created_utc="2026-01-01T00:00:00Z")
    f.create_group("summary").attrs["columns"] = ["pair"]
    f["summary/pair"] = np.zeros(2, dtype=[("a", "i4"), ("b", "f8")])


def mismatched_rows(f):
    f.attrs["format"] = "trustsim"
    f.attrs.update(kind="run", program_version="0.1.0", created_utc="2026-01-01T00:00:00Z")
    f.create_group("summary").attrs["columns"] = ["run_id", "seed"]
    f["summary/run_id"] = np.arange(2)
    f["summary/seed"] = np.arange(3, dtype="u8")


FOREIGN = [
    (foreign, "not a trustsim output file (no format=trustsim attribute)"),
    (format_only, "has no /summary table (an unfinished file?)"),
    (missing_column, "damaged trustsim file (HDF5: cannot open /summary/seed (object"),
    (integer_column_names, "damaged trustsim file (HDF5: expected strings)"),
    (compound_column, "damaged trustsim file (column pair has an unsupported type)"),
    (mismatched_rows, "/summary/seed has 3 rows, not 2"),
]


@pytest.mark.parametrize("build,problem", FOREIGN, ids=[b.__name__ for b, _ in FOREIGN])
def test_foreign_hdf5_is_refused(trustsim_bin, tmp_path, build, problem):
    path = h5py_file(tmp_path / "f.h5", build)
    assert_refused(summary(trustsim_bin, path, tmp_path), tmp_path / "work", f"{path}: ", problem)


def test_attributes_written_as_ascii_by_h5py_are_read(trustsim_bin, tmp_path, sound_file):
    path = tmp_path / "touched.h5"
    path.write_bytes(sound_file)
    with h5py.File(path, "a") as f:
        f.attrs["format"] = b"trustsim"  # h5py stores bytes as ASCII strings
    result = summary(trustsim_bin, path, tmp_path)
    assert result.returncode == 0, stderr_text(result)


# Damage to a sound file: the bytes, made from the sound file's bytes.
def not_hdf5(data):
    return b"run_id,seed\n0,1\n"


def empty(data):
    return b""


def truncated_half(data):
    return data[: len(data) // 2]


def truncated_superblock(data):
    return data[:40]


def heap_object_size_absurd(data):
    # HDF5 reads a string this long from the heap: a segfault inside it.
    at = first_global_heap(data) + 24
    return data[:at] + struct.pack("<Q", 1 << 40) + data[at + 8:]


def heap_objects_zeroed(data):
    # Zero-sized heap objects: HDF5 loops looking for the next one.
    at = first_global_heap(data) + 64
    return data[:at] + bytes(64) + data[at + 64:]


DAMAGE = [
    (not_hdf5, "not an HDF5 file"),
    (empty, "not an HDF5 file"),
    (truncated_half, "cannot open (damaged or truncated HDF5 file?)"),
    (truncated_superblock, ""),
    (heap_object_size_absurd, "damaged"),
    (heap_objects_zeroed, "damaged"),
]


@pytest.mark.parametrize("damage,problem", DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_damaged_file_is_refused(trustsim_bin, tmp_path, sound_file, damage, problem):
    path = tmp_path / "damaged.h5"
    path.write_bytes(damage(sound_file))
    assert_refused(summary(trustsim_bin, path, tmp_path), tmp_path / "work", f"{path}: ", problem)


def test_random_damage_never_crashes_or_hangs(trustsim_bin, tmp_path, sound_file):
    """Bytes flipped, blocks zeroed, files cut short, with a fixed seed: each
    read either succeeds (the damage missed everything summary reads) or is
    refused in one line."""
    rng = random.Random(20261123)
    path = tmp_path / "damaged.h5"
    for trial in range(24):
        data = bytearray(sound_file)
        if trial % 3 == 0:
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif trial % 3 == 1:
            start = rng.randrange(len(data))
            data[start:start + 512] = bytes(len(data[start:start + 512]))
        else:
            del data[rng.randrange(len(data)):]
        path.write_bytes(bytes(data))
        result = summary(trustsim_bin, path, tmp_path)
        message = stderr_text(result).rstrip("\n")
        assert result.returncode in (0, 2), (trial, result.returncode, message)
        if result.returncode == 2:
            assert "\n" not in message and message.startswith(f"{path}: "), (trial, message)


@pytest.mark.parametrize("kind", ["missing", "directory", "fifo"])
def test_summary_of_what_is_not_a_file(trustsim_bin, tmp_path, kind):
    path = tmp_path / "x.h5"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    problem = "no such file" if kind == "missing" else "not a regular file"
    result = summary(trustsim_bin, path, tmp_path)
    assert result.returncode == 2
    assert stderr_text(result).strip() == f"{path}: {problem}"
