"""A missing, corrupt or foreign file gets a TrustsimFileError that names the
file and says what is wrong, never a raw h5py traceback."""

import os
import shutil

import h5py
import numpy as np
import pytest

import fixture_files as ff
from trustsim import TrustsimFileError, open_results


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.h5"
    with pytest.raises(TrustsimFileError, match="no such file") as caught:
        open_results(path)
    assert str(path) in str(caught.value)
    assert caught.value.path == path


def test_directory(tmp_path):
    with pytest.raises(TrustsimFileError, match="is a directory"):
        open_results(tmp_path)


def test_random_bytes(tmp_path):
    path = tmp_path / "corrupt.h5"
    path.write_bytes(np.random.default_rng(1).bytes(4096))
    with pytest.raises(TrustsimFileError, match="not an HDF5 file") as caught:
        open_results(path)
    assert str(path) in str(caught.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.h5"
    path.write_bytes(b"")
    with pytest.raises(TrustsimFileError, match="not an HDF5 file"):
        open_results(path)


def test_foreign_hdf5_file(tmp_path):
    path = tmp_path / "foreign.h5"
    with h5py.File(path, "w") as f:
        f["temperature"] = np.arange(10.0)
    with pytest.raises(TrustsimFileError, match="not trustsim output: no root attribute 'format'.*temperature"):
        open_results(path)


def test_hdf5_of_another_format(tmp_path):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "netcdf-ish"
    with pytest.raises(TrustsimFileError, match="'format' is 'netcdf-ish', not 'trustsim'"):
        open_results(path)


def test_newer_format_version(tmp_path, run_file):
    path = tmp_path / "future.h5"
    shutil.copy(run_file, path)
    with h5py.File(path, "r+") as f:
        f.attrs["format_version"] = 2
    with pytest.raises(TrustsimFileError, match="format_version 2 is newer"):
        open_results(path)


def test_trustsim_file_with_nothing_in_it(tmp_path):
    path = tmp_path / "hollow.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "trustsim"
    with pytest.raises(TrustsimFileError, match="neither /summary nor /runs"):
        open_results(path)


def test_truncated_file(tmp_path, sweep_file):
    """A copy cut short (a disk filled up, a transfer broke off)."""
    path = tmp_path / "truncated.h5"
    data = sweep_file.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(TrustsimFileError) as caught:
        results = open_results(path)
        results.summary, results.daily  # noqa: B018 - reading is what fails
    assert str(path) in str(caught.value)


def test_summary_listing_a_column_it_does_not_have(tmp_path):
    path = ff.write_run_file(tmp_path / "run.h5", days=10, replicates=1)
    with h5py.File(path, "r+") as f:
        del f["summary/incidents"]
    with pytest.raises(TrustsimFileError, match="/summary lists column 'incidents' but has no dataset"):
        open_results(path).summary


def test_file_removed_after_opening(tmp_path):
    path = ff.write_run_file(tmp_path / "run.h5", days=10, replicates=1)
    results = open_results(path)
    os.remove(path)
    with pytest.raises(TrustsimFileError, match="no such file"):
        results.daily
