"""`mpirun -n K trustsim calibrate`: every rank runs the same calibration and
computes its share of each batch of runs; the output equals a single
process's bit for bit, a calibration killed without MPI resumes under it,
and a bad calibration file is reported once, not once per rank."""
import re
import subprocess

import pytest

from calibrate_helpers import (assert_same_calibration, population_files,
                               kill_after_populations, write_calibration)
from shard_helpers import mpirun

MPIRUN = mpirun()
pytestmark = pytest.mark.skipif(
    MPIRUN is None,
    reason="MPI is not installed (no mpirun on PATH); scripts/setup installs openmpi-bin and "
           "libopenmpi-dev and builds trustsim with TRUSTSIM_MPI=ON")


def under_mpi(binary, ranks, directory, *arguments):
    return subprocess.run([*MPIRUN, "-n", str(ranks), binary, *map(str, arguments)],
                          cwd=directory, capture_output=True, text=True, timeout=600)


def ranks_runs(stderr):
    """Runs computed by each rank, from the closing line "by 2 ranks (90 + 88)"."""
    found = re.search(r"runs computed by (\d+) ranks \(([\d + ]+)\)", stderr)
    assert found, stderr
    counts = [int(n) for n in found.group(2).split("+")]
    assert len(counts) == int(found.group(1))
    return counts


def test_two_ranks_give_the_posterior_of_one_process(trustsim_bin, trustsim, tmp_path):
    path = write_calibration(tmp_path)
    single = trustsim("calibrate", path, "-o", "single.h5", "--quiet", timeout=300)
    assert single.returncode == 0, single.stderr

    spread = under_mpi(trustsim_bin, 2, tmp_path, "calibrate", path, "-o", "mpi.h5", "--threads", "1")
    assert spread.returncode == 0, spread.stderr
    counts = ranks_runs(spread.stderr)
    assert min(counts) > 0 and abs(counts[0] - counts[1]) <= 3 * 12, counts  # halves of each batch
    assert spread.stderr.count("trustsim: wrote") == 1  # rank 0 alone writes
    assert spread.stderr.count("committed: tolerance") == 3  # and reports each population once
    assert not (tmp_path / "mpi.h5.parts").exists()
    assert_same_calibration(tmp_path / "single.h5", tmp_path / "mpi.h5")


def test_two_ranks_choose_the_adaptive_population_sizes_of_one_process(trustsim_bin, trustsim,
                                                                        tmp_path):
    adaptive = {"adaptive": {"initial": 12, "min": 6, "max": 40, "mean_cv": 0.15}}
    path = write_calibration(tmp_path, population_size=adaptive)
    single = trustsim("calibrate", path, "-o", "single.h5", "--quiet", timeout=300)
    assert single.returncode == 0, single.stderr
    spread = under_mpi(trustsim_bin, 2, tmp_path, "calibrate", path, "-o", "mpi.h5", "--threads", "1")
    assert spread.returncode == 0, spread.stderr
    assert_same_calibration(tmp_path / "single.h5", tmp_path / "mpi.h5")


def test_a_calibration_killed_without_mpi_resumes_under_it(trustsim_bin, trustsim, tmp_path):
    path = write_calibration(tmp_path, days=600, population_size=24, max_populations=4)
    clean = trustsim("calibrate", path, "-o", "clean.h5", "--quiet", timeout=300)
    assert clean.returncode == 0, clean.stderr

    parts = kill_after_populations(trustsim_bin, tmp_path, path, tmp_path / "killed.h5", 2)
    committed = len(population_files(parts))
    assert 2 <= committed < 4

    resumed = under_mpi(trustsim_bin, 2, tmp_path, "calibrate", path, "-o", "killed.h5",
                        "--resume", "--threads", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stderr.count(f"resuming: {committed} populations already committed") == 1
    assert not parts.exists()
    assert_same_calibration(tmp_path / "clean.h5", tmp_path / "killed.h5")


def test_a_bad_calibration_file_is_reported_once(trustsim_bin, tmp_path):
    path = write_calibration(tmp_path, population_size=1)
    result = under_mpi(trustsim_bin, 2, tmp_path, "calibrate", path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("/method/population_size") == 1, result.stderr
    assert not (tmp_path / "results").exists()
