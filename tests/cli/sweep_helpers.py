"""Helpers for the sweep command's tests: sweep files over the tiny
scenario, and comparing the result datasets of two output files."""
import json
import subprocess
import time

import h5py
import numpy as np

from conftest import TINY

# Provenance that legitimately differs between two invocations.
VOLATILE_ATTRIBUTES = {"created_utc", "command_line", "string_checksum"}  # it sums the other two


def write_sweep(directory, name="sweep.json", **fields):
    """Writes tiny.json and a sweep on it; `fields` are the sweep's keys."""
    (directory / "tiny.json").write_text(json.dumps(TINY))
    sweep = {"base": "tiny.json", "seed": 17, "replicates": 2}
    sweep.update(fields)
    path = directory / name
    path.write_text(json.dumps(sweep, indent=2))
    return path


# A sweep over the tiny scenario lengthened to 1500 days a run: long enough
# to interrupt with some runs finished and others not.
LONG = dict(replicates=10, variants={"online": {"meetings.regime": "online"},
                                     "facilitators": {"interventions.facilitators.enabled": True}})
RUNS = 30


def long_sweep(directory, **changes):
    fields = dict(LONG, **changes)
    path = write_sweep(directory, **fields)
    tiny = directory / "tiny.json"
    tiny.write_text(tiny.read_text().replace('"days": 80', '"days": 1500')
                    .replace("[0, 79]", "[0, 1499]"))
    return path


def part_files(parts):
    """The finished runs' part files in an interrupted sweep's parts directory."""
    return sorted(parts.glob("run_*.h5"))


def finished_parts(parts):
    """The run ids of those parts."""
    return [int(p.stem[4:]) for p in part_files(parts)]


def wait_for_parts(process, parts, at_least, timeout=60):
    """Waits until the running sweep has finished `at_least` runs."""
    deadline = time.time() + timeout
    while not parts.exists() or len(finished_parts(parts)) < at_least:
        assert process.poll() is None, process.communicate()
        assert time.time() < deadline, "no parts appeared"
        time.sleep(0.02)


def start_and_wait_for_parts(trustsim_bin, directory, sweep, out, at_least=5):
    process = subprocess.Popen([trustsim_bin, "sweep", str(sweep), "-o", str(out), "--threads", "2"],
                               cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    parts = directory / (out.name + ".parts")
    wait_for_parts(process, parts, at_least)
    assert process.poll() is None, "the sweep finished before it could be interrupted"
    return process, parts


def logged_runs(log):
    """Run ids a sweep computed, from the log TRUSTSIM_DEBUG_RUN_LOG names."""
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def resume_equals_a_clean_job(job, directory, out, done_before, total):
    """Resumes `out` with `job(out, log, *extra)` (a run or a sweep whose
    computed runs go to `log`): it redoes no finished run and equals a job
    that ran uninterrupted. Returns the resume's stderr."""
    log = directory / "resumed.log"
    resumed = job(out, log, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {len(done_before)} of {total} runs already done" in resumed.stderr
    assert_resumed_without_redoing(logged_runs(log), done_before, range(total))
    clean = directory / "clean.h5"
    done = job(clean, directory / "clean.log")
    assert done.returncode == 0, done.stderr
    assert len(logged_runs(directory / "clean.log")) == total
    assert_same_results(out, clean)
    return resumed.stderr


def assert_resumed_without_redoing(computed, done_before, all_runs):
    """A resumed sweep computed each missing run once and no finished one."""
    assert len(computed) == len(set(computed)), "a run was computed twice"
    assert set(computed).isdisjoint(done_before), "a finished run was redone"
    assert sorted(computed + done_before) == list(all_runs)


def result_datasets(path):
    """Every dataset under /runs, /summary, /team_summary and /comparison: name -> values."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset):
                values = item[()]
                if item.dtype.kind == "O":
                    values = item.asstr()[()]
                found[name] = values
        for group in ("runs", "summary", "team_summary", "comparison"):
            if group in f:
                f[group].visititems(lambda name, item, g=group: visit(f"{g}/{name}", item))
    return found


def assert_same_results(a, b):
    """The two files hold the same runs with the same values."""
    left, right = result_datasets(a), result_datasets(b)
    assert sorted(left) == sorted(right)
    for name in left:
        x, y = np.asarray(left[name]), np.asarray(right[name])
        assert x.shape == y.shape, name
        if x.dtype.kind == "f":
            assert np.array_equal(x, y, equal_nan=True), name
        else:
            assert np.array_equal(x, y), name


def summary_frame(path):
    import pandas as pd
    with h5py.File(path, "r") as f:
        s = f["summary"]
        return pd.DataFrame({c: s[c].asstr()[()] if s[c].dtype.kind == "O" else s[c][()]
                             for c in s.attrs["columns"]})


def comparison_frame(path):
    import pandas as pd
    with h5py.File(path, "r") as f:
        c = f["comparison"]
        return pd.DataFrame({k: c[k].asstr()[()] if c[k].dtype.kind == "O" else c[k][()]
                             for k in c.attrs["columns"]})
