"""Helpers for the shard, merge and MPI tests: a small sweep with variants
and a grid, run whole, in shards or under mpirun."""
import os
import shutil
import subprocess

from sweep_helpers import write_sweep

# 2 variants x 2 grid points x 3 replicates = 12 runs.
FIELDS = dict(replicates=3,
              variants={"online": {"meetings.regime": "online"}},
              grid={"trust.half_life_days": [60, 120]})
RUNS = 12


def sweep_file(directory, **changes):
    return write_sweep(directory, **dict(FIELDS, **changes))


def trustsim(trustsim_bin, directory, *arguments, env=None, timeout=600):
    return subprocess.run([trustsim_bin, *map(str, arguments)], cwd=directory,
                          capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


def run_shards(trustsim_bin, directory, sweep, count, prefix="part"):
    """Runs shards 1/count .. count/count; returns their files."""
    files = []
    for index in range(1, count + 1):
        out = directory / f"{prefix}-{index}.h5"
        result = trustsim(trustsim_bin, directory, "sweep", sweep, "--shard", f"{index}/{count}",
                          "-o", out, "--threads", "2")
        assert result.returncode == 0, result.stderr
        files.append(out)
    return files


def mpirun():
    """The mpirun command line prefix, or None where MPI is not installed."""
    found = shutil.which("mpirun")
    if found is None:
        return None
    command = [found, "--oversubscribe"]
    if os.geteuid() == 0:
        command.append("--allow-run-as-root")
    return command
