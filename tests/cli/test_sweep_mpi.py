"""`mpirun -n K trustsim sweep`: the runs dealt out across ranks, one output
file whose result datasets equal a single process's; a killed sweep resumed
under MPI; a bad sweep reported once, not once per rank."""
import os
import re
import subprocess

import pytest

from shard_helpers import mpirun, sweep_file, trustsim
from sweep_helpers import (RUNS, assert_resumed_without_redoing, assert_same_results,
                           finished_parts, logged_runs, long_sweep, start_and_wait_for_parts)

MPIRUN = mpirun()
pytestmark = pytest.mark.skipif(
    MPIRUN is None,
    reason="MPI is not installed (no mpirun on PATH); scripts/setup installs openmpi-bin and "
           "libopenmpi-dev and builds trustsim with TRUSTSIM_MPI=ON")


@pytest.fixture(scope="module")
def mpi_bin(trustsim_bin):
    version = subprocess.run([trustsim_bin, "--version"], capture_output=True, text=True).stdout
    assert "with MPI" in version, (
        f"mpirun is installed but {trustsim_bin} was built without MPI "
        "(configure with -DTRUSTSIM_MPI=ON, as scripts/setup does)")
    return trustsim_bin


def under_mpi(binary, ranks, directory, *arguments, env=None):
    return subprocess.run([*MPIRUN, "-n", str(ranks), binary, *map(str, arguments)],
                          cwd=directory, capture_output=True, text=True, timeout=600, env=env)


def ranks_runs(stderr):
    """Runs computed by each rank, from the closing line "by 2 ranks (7 + 5)"."""
    found = re.search(r"by (\d+) ranks? \(([\d + ]+)\)", stderr)
    assert found, stderr
    counts = [int(n) for n in found.group(2).split("+")]
    assert len(counts) == int(found.group(1))
    return counts


def test_two_ranks_equal_one_process(mpi_bin, tmp_path):
    # Runs of 1500 days: long enough that rank 0 cannot deal itself all of
    # them before rank 1 asks.
    sweep = long_sweep(tmp_path, replicates=4)  # 3 variants x 4 = 12 runs
    single = tmp_path / "single.h5"
    result = trustsim(mpi_bin, tmp_path, "sweep", sweep, "-o", single, "--threads", "2")
    assert result.returncode == 0, result.stderr

    spread = tmp_path / "mpi.h5"
    result = under_mpi(mpi_bin, 2, tmp_path, "sweep", sweep, "-o", spread, "--threads", "1")
    assert result.returncode == 0, result.stderr
    counts = ranks_runs(result.stderr)
    assert sum(counts) == 12 and min(counts) > 0, counts
    assert result.stderr.count("trustsim: wrote") == 1  # rank 0 alone writes
    assert not (tmp_path / "mpi.h5.parts").exists()
    assert_same_results(single, spread)


def test_one_rank_equals_one_process(mpi_bin, tmp_path):
    sweep = sweep_file(tmp_path)
    single, spread = tmp_path / "single.h5", tmp_path / "mpi.h5"
    assert trustsim(mpi_bin, tmp_path, "sweep", sweep, "-o", single).returncode == 0
    result = under_mpi(mpi_bin, 1, tmp_path, "sweep", sweep, "-o", spread)
    assert result.returncode == 0, result.stderr
    assert ranks_runs(result.stderr) == [12]
    assert_same_results(single, spread)


def test_a_killed_sweep_resumes_under_mpi(mpi_bin, tmp_path):
    """The parts directory is shared by the ranks: a sweep killed on one
    machine is finished by an MPI job, redoing no finished run."""
    sweep = long_sweep(tmp_path)
    out = tmp_path / "out.h5"
    process, parts = start_and_wait_for_parts(mpi_bin, tmp_path, sweep, out)
    process.kill()
    process.wait(timeout=30)
    done_before = finished_parts(parts)
    assert 0 < len(done_before) < RUNS

    log = tmp_path / "resumed.log"
    env = dict(os.environ, TRUSTSIM_DEBUG_RUN_LOG=str(log))
    result = under_mpi(mpi_bin, 2, tmp_path, "sweep", sweep, "-o", out, "--resume",
                       "--threads", "1", env=env)
    assert result.returncode == 0, result.stderr
    assert f"resuming: {len(done_before)} of {RUNS} runs already done" in result.stderr
    computed = logged_runs(log)
    assert_resumed_without_redoing(computed, done_before, range(RUNS))
    assert sum(ranks_runs(result.stderr)) == len(computed)

    clean = tmp_path / "clean.h5"
    assert trustsim(mpi_bin, tmp_path, "sweep", sweep, "-o", clean).returncode == 0
    assert_same_results(out, clean)


def test_a_bad_sweep_is_reported_once(mpi_bin, tmp_path):
    sweep = sweep_file(tmp_path, variants={"bad": {"trust.no_such_key": 1}})
    result = under_mpi(mpi_bin, 2, tmp_path, "sweep", sweep, "-o", tmp_path / "x.h5")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count('unknown key "no_such_key"') == 1, result.stderr
    assert not (tmp_path / "x.h5").exists()
    assert not (tmp_path / "x.h5.parts").exists()


def test_only_the_failing_rank_exits_with_the_error(mpi_bin, tmp_path):
    """mpirun aborts the job as soon as one rank exits non-zero: a rank that
    stops because another failed must exit 0, or it may kill the failing
    rank before its message is written (a race that failed about one run
    in twenty on a loaded machine)."""
    sweep = sweep_file(tmp_path, variants={"bad": {"trust.no_such_key": 1}})
    codes = tmp_path / "codes"
    codes.mkdir()
    rank_script = tmp_path / "each_rank.sh"
    rank_script.write_text('#!/bin/sh\n"$@"\ncode=$?\necho $code > "' + str(codes) +
                           '/${OMPI_COMM_WORLD_RANK:-$PMI_RANK}"\nexit $code\n')
    rank_script.chmod(0o755)
    result = under_mpi(rank_script, 2, tmp_path, mpi_bin, "sweep", sweep, "-o",
                       tmp_path / "x.h5")
    assert result.returncode == 2, result.stderr
    assert (codes / "0").read_text().strip() == "2"  # rank 0 reads the sweep and reports
    assert (codes / "1").read_text().strip() == "0"


def test_an_existing_parts_directory_stops_every_rank(mpi_bin, tmp_path):
    """Rank 0 refuses a leftover work directory without --resume; the other
    rank must stop too rather than wait for it."""
    sweep = sweep_file(tmp_path)
    (tmp_path / "out.h5.parts").mkdir()
    result = under_mpi(mpi_bin, 2, tmp_path, "sweep", sweep, "-o", tmp_path / "out.h5")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("holds an unfinished sweep; pass --resume") == 1, result.stderr
