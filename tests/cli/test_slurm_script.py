"""scripts/slurm-sweep.sh, run against a stand-in for Slurm's sbatch that
runs each array task and then the merge at once, in dependency order: the
sample script's shards and merge make the file a single sweep makes."""
import os
import stat
import subprocess

from conftest import REPO
from shard_helpers import sweep_file, trustsim
from sweep_helpers import assert_same_results

# Runs `sbatch [options] SCRIPT ARGS...` as Slurm would, one task at a time.
FAKE_SBATCH = r"""#!/usr/bin/env python3
import os, subprocess, sys
args = sys.argv[1:]
options = {}
while args[0].startswith("--"):
    key, _, value = args.pop(0)[2:].partition("=")
    options[key] = value
assert "parsable" in options
log = os.path.join(os.environ["FAKE_SLURM_DIR"], "sbatch.log")
with open(log, "a") as f:
    f.write(" ".join(sys.argv[1:]) + "\n")
tasks = [None]
if "array" in options:
    first, last = options["array"].split("-")
    tasks = range(int(first), int(last) + 1)
for task in tasks:
    env = dict(os.environ, SLURM_CPUS_PER_TASK=options.get("cpus-per-task", "1"))
    if task is not None:
        env["SLURM_ARRAY_TASK_ID"] = str(task)
    subprocess.run(args, env=env, check=True)
print(len(open(log).readlines()) + 4000)
"""


def test_array_job_then_merge_equals_one_sweep(trustsim_bin, tmp_path):
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    sbatch = bin_dir / "sbatch"
    sbatch.write_text(FAKE_SBATCH)
    sbatch.chmod(sbatch.stat().st_mode | stat.S_IEXEC)
    sweep = sweep_file(tmp_path)
    out = tmp_path / "out.h5"
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", TRUSTSIM=trustsim_bin,
               FAKE_SLURM_DIR=str(tmp_path))
    result = subprocess.run([str(REPO / "scripts" / "slurm-sweep.sh"), str(sweep), str(out), "4"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "submitted array job 4001" in result.stdout
    submitted = (tmp_path / "sbatch.log").read_text().splitlines()
    assert "--array=1-4" in submitted[0]
    assert "--dependency=afterok:4001" in submitted[1]
    assert sorted(p.name for p in (tmp_path / "out.h5.shards").glob("part-*.h5")) == [
        f"part-{i}.h5" for i in range(1, 5)]

    whole = tmp_path / "whole.h5"
    assert trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", whole).returncode == 0
    assert_same_results(whole, out)
