"""A sweep killed at any moment continues with --resume: finished runs are
kept and not redone, and the final file equals an uninterrupted sweep's."""
import os
import signal
import subprocess

from sweep_helpers import (RUNS, finished_parts, logged_runs, long_sweep,
                           resume_equals_a_clean_job, start_and_wait_for_parts, write_sweep)

def resume(trustsim_bin, directory, sweep, out, log, *extra):
    env = dict(os.environ, TRUSTSIM_DEBUG_RUN_LOG=str(log))
    return subprocess.run([trustsim_bin, "sweep", str(sweep), "-o", str(out), "--threads", "2",
                           *extra], cwd=directory, env=env, capture_output=True, text=True,
                          timeout=600)


def test_kill9_then_resume_equals_a_clean_sweep_and_redoes_nothing(trustsim_bin, tmp_path):
    sweep = long_sweep(tmp_path)
    out = tmp_path / "out.h5"
    process, parts = start_and_wait_for_parts(trustsim_bin, tmp_path, sweep, out)
    process.kill()  # SIGKILL: no handler, no clean-up
    process.wait(timeout=30)
    done_before = finished_parts(parts)
    assert 0 < len(done_before) < RUNS
    assert not out.exists()

    resume_equals_a_clean_job(lambda *args: resume(trustsim_bin, tmp_path, sweep, *args),
                              tmp_path, out, done_before, RUNS)
    assert not parts.exists()
    assert list(tmp_path.glob("*.tmp-*")) == []


def test_sigterm_keeps_the_finished_runs_and_says_how_to_continue(trustsim_bin, tmp_path):
    sweep = long_sweep(tmp_path)
    out = tmp_path / "out.h5"
    process, parts = start_and_wait_for_parts(trustsim_bin, tmp_path, sweep, out)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "--resume" in stderr and "saved in" in stderr
    assert not out.exists()
    kept = finished_parts(parts)
    assert len(kept) > 0
    assert list(parts.glob("*.tmp-*")) == []  # the run in progress was abandoned whole

    log = tmp_path / "resumed.log"
    result = resume(trustsim_bin, tmp_path, sweep, out, log, "--resume")
    assert result.returncode == 0, result.stderr
    assert sorted(logged_runs(log) + kept) == list(range(RUNS))


def test_leftover_parts_need_resume_or_force(trustsim_bin, tmp_path):
    sweep = long_sweep(tmp_path)
    out = tmp_path / "out.h5"
    process, parts = start_and_wait_for_parts(trustsim_bin, tmp_path, sweep, out)
    process.kill()
    process.wait(timeout=30)

    refused = resume(trustsim_bin, tmp_path, sweep, out, tmp_path / "refused.log")
    assert refused.returncode == 2
    assert "--resume" in refused.stderr and "--force" in refused.stderr
    assert logged_runs(tmp_path / "refused.log") == []

    changed = long_sweep(tmp_path, seed=18)
    mismatch = resume(trustsim_bin, tmp_path, changed, out, tmp_path / "mismatch.log", "--resume")
    assert mismatch.returncode == 2
    assert "different sweep" in mismatch.stderr
    assert finished_parts(parts), "a refused resume must not touch the parts"

    log = tmp_path / "forced.log"
    forced = resume(trustsim_bin, tmp_path, changed, out, log, "--force")
    assert forced.returncode == 0, forced.stderr
    assert sorted(logged_runs(log)) == list(range(RUNS))  # started again
    assert out.exists() and not parts.exists()


def test_resume_without_an_interrupted_sweep_runs_it_all(trustsim, tmp_path):
    sweep = write_sweep(tmp_path)
    result = trustsim("sweep", sweep, "-o", "out.h5", "--resume")
    assert result.returncode == 0, result.stderr
    assert "resuming" not in result.stderr
    assert (tmp_path / "out.h5").exists()
