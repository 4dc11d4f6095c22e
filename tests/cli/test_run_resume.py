"""`trustsim run` is a one-variant sweep: a run killed at any moment
continues with --resume, keeping its finished replicates and redoing none,
into the file an uninterrupted run writes; leftover replicates are never
silently discarded or mixed into another run."""
import json
import os
import subprocess

import h5py

from conftest import TINY
from sweep_helpers import (finished_parts, logged_runs, resume_equals_a_clean_job,
                           wait_for_parts)

REPLICATES = 30


def long_scenario(directory):
    # 1500 days a replicate: long enough to interrupt with some finished.
    path = directory / "long.json"
    path.write_text(json.dumps(dict(TINY, days=1500)))
    return path


def run(trustsim_bin, directory, scenario, out, log, *extra):
    env = dict(os.environ, TRUSTSIM_DEBUG_RUN_LOG=str(log))
    return subprocess.run([trustsim_bin, "run", str(scenario), "-o", str(out), "--threads", "2",
                           "--replicates", str(REPLICATES), *extra], cwd=directory, env=env,
                          capture_output=True, text=True, timeout=600)


def start_and_kill(trustsim_bin, directory, scenario, out):
    process = subprocess.Popen([trustsim_bin, "run", str(scenario), "-o", str(out), "--threads",
                                "2", "--replicates", str(REPLICATES)], cwd=directory,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parts = directory / (out.name + ".parts")
    wait_for_parts(process, parts, at_least=5)
    assert process.poll() is None, "the run finished before it could be interrupted"
    process.kill()  # SIGKILL: no handler, no clean-up
    process.wait(timeout=30)
    return parts


def test_kill9_then_resume_equals_a_clean_run_and_redoes_nothing(trustsim_bin, tmp_path):
    scenario = long_scenario(tmp_path)
    out = tmp_path / "out.h5"
    parts = start_and_kill(trustsim_bin, tmp_path, scenario, out)
    done_before = finished_parts(parts)
    assert 0 < len(done_before) < REPLICATES
    assert not out.exists()

    stderr = resume_equals_a_clean_job(lambda *args: run(trustsim_bin, tmp_path, scenario, *args),
                                       tmp_path, out, done_before, REPLICATES)
    assert f"wrote {out} ({REPLICATES} runs of 1500 days in " in stderr
    assert not parts.exists()
    assert list(tmp_path.glob("**/*.tmp-*")) == []
    with h5py.File(out, "r") as f:  # a run's file, not a sweep's
        assert f.attrs["kind"] == "run" and "sweep_fingerprint" not in f.attrs


def test_leftover_replicates_need_resume_or_force(trustsim_bin, tmp_path):
    scenario = long_scenario(tmp_path)
    out = tmp_path / "out.h5"
    parts = start_and_kill(trustsim_bin, tmp_path, scenario, out)

    refused = run(trustsim_bin, tmp_path, scenario, out, tmp_path / "refused.log")
    assert refused.returncode == 2
    assert "--resume" in refused.stderr and "--force" in refused.stderr
    assert logged_runs(tmp_path / "refused.log") == []

    # Another seed, or summary-only outputs, is another run: never mixed.
    for changed in (["--seed", "18"], ["--summary-only"]):
        mismatch = run(trustsim_bin, tmp_path, scenario, out, tmp_path / "mismatch.log",
                       "--resume", *changed)
        assert mismatch.returncode == 2, mismatch.stderr
        assert "different sweep" in mismatch.stderr
    assert logged_runs(tmp_path / "mismatch.log") == []
    assert finished_parts(parts), "a refused resume must not touch the parts"

    log = tmp_path / "forced.log"
    forced = run(trustsim_bin, tmp_path, scenario, out, log, "--seed", "18", "--force")
    assert forced.returncode == 0, forced.stderr
    assert sorted(logged_runs(log)) == list(range(REPLICATES))  # started again
    assert out.exists() and not parts.exists()


def test_resume_after_the_output_was_written_only_cleans_up(trustsim_bin, tmp_path):
    # Killed between renaming its output into place and removing its work
    # directory: --resume checks that the output is this run's, whole, then
    # removes the work directory and computes nothing.
    scenario = long_scenario(tmp_path)
    out = tmp_path / "out.h5"
    parts = start_and_kill(trustsim_bin, tmp_path, scenario, out)
    for name, extra in (("other.h5", ["--seed", "18"]), ("clean.h5", [])):
        result = run(trustsim_bin, tmp_path, scenario, tmp_path / name, tmp_path / "x.log", *extra)
        assert result.returncode == 0, result.stderr

    (tmp_path / "other.h5").rename(out)  # another run's output under this run's name
    refused = run(trustsim_bin, tmp_path, scenario, out, tmp_path / "refused.log", "--resume")
    assert refused.returncode == 2
    assert f"{out}: already exists and is not this run's complete result" in refused.stderr
    assert finished_parts(parts) and logged_runs(tmp_path / "refused.log") == []

    (tmp_path / "clean.h5").rename(out)
    log = tmp_path / "finished.log"
    result = run(trustsim_bin, tmp_path, scenario, out, log, "--resume")
    assert result.returncode == 0, result.stderr
    assert f"{out} already holds all {REPLICATES} runs of this run" in result.stderr
    assert logged_runs(log) == [] and not parts.exists()
