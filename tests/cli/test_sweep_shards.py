"""Array jobs without MPI: `sweep --shard I/N` runs one slice of a sweep
into a shard file; `merge` combines the shards into the file one sweep
would have written, keeping the parts' provenance."""
import json
import signal
import subprocess

import h5py

from shard_helpers import RUNS, run_shards, sweep_file, trustsim
from sweep_helpers import (assert_resumed_without_redoing, assert_same_results, finished_parts,
                           logged_runs, long_sweep, summary_frame, wait_for_parts)


def test_three_shards_merged_equal_the_whole_sweep(trustsim_bin, tmp_path):
    sweep = sweep_file(tmp_path)
    whole = tmp_path / "whole.h5"
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", whole, "--threads", "2")
    assert result.returncode == 0, result.stderr
    parts = run_shards(trustsim_bin, tmp_path, sweep, 3)

    merged = tmp_path / "merged.h5"
    # In any order: the merge takes runs by id.
    result = trustsim(trustsim_bin, tmp_path, "merge", parts[2], parts[0], parts[1], "-o", merged)
    assert result.returncode == 0, result.stderr
    assert f"{merged.name} ({RUNS} runs from 3 shard files" in result.stderr
    assert_same_results(whole, merged)
    assert list(summary_frame(merged).run_id) == list(range(RUNS))
    # Read back by one process or shared out among several: the same file.
    for threads in ("1", "3"):
        again = tmp_path / f"merged-{threads}.h5"
        result = trustsim(trustsim_bin, tmp_path, "merge", *parts, "-o", again,
                          "--threads", threads)
        assert result.returncode == 0, result.stderr
        assert_same_results(merged, again)

    with h5py.File(whole, "r") as w, h5py.File(merged, "r") as m:
        assert m.attrs["kind"] == "sweep"
        assert m.attrs["run_count"] == RUNS
        assert m.attrs["sweep_fingerprint"] == w.attrs["sweep_fingerprint"]
        for name in ("seed", "scenario_given", "scenario_resolved", "program_version",
                     "git_commit"):
            assert m.attrs[name] == w.attrs[name], name
        sources = json.loads(m.attrs["merged_from"])
    assert [s["shard"] for s in sources] == ["3/3", "1/3", "2/3"]
    assert [s["file"] for s in sources] == ["part-3.h5", "part-1.h5", "part-2.h5"]
    assert sum(s["runs"] for s in sources) == RUNS
    for source in sources:
        assert "--shard" in source["command_line"]
        assert source["created_utc"].endswith("Z")
        assert source["git_commit"]


def test_a_shard_file_says_which_sweep_and_slice_it_holds(trustsim_bin, tmp_path):
    sweep = sweep_file(tmp_path)
    part = tmp_path / "part-2.h5"
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "--shard", "2/5", "-o", part)
    assert result.returncode == 0, result.stderr
    assert "shard 2/5: 3 of 12 runs" in result.stderr
    assert not (tmp_path / "part-2.h5.parts").exists()
    with h5py.File(part, "r") as f:
        assert f.attrs["kind"] == "sweep_shard"
        assert f.attrs["shard"] == "2/5"
        assert (f.attrs["shard_index"], f.attrs["shard_count"]) == (2, 5)
        assert f.attrs["sweep_run_count"] == RUNS
        assert f.attrs["run_count"] == 3
        assert len(f.attrs["sweep_fingerprint"]) == 16
        assert sorted(f["runs"]) == ["run_000001", "run_000006", "run_000011"]
        assert "comparison" not in f  # a slice's comparison would mislead
    assert list(summary_frame(part).run_id) == [1, 6, 11]


def test_dry_run_lists_the_shards_runs(trustsim_bin, tmp_path):
    sweep = sweep_file(tmp_path)
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "--shard", "3/4", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "shard 3/4: 3 runs" in result.stdout
    listed = [int(line.split()[0]) for line in result.stdout.splitlines()
              if line[:1].isdigit()]
    assert listed == [2, 6, 10]


def test_bad_shard_options_are_refused(trustsim_bin, tmp_path):
    sweep = sweep_file(tmp_path)
    for bad in ("0/3", "4/3", "3", "a/b", "1/0"):
        result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "--shard", bad, "-o",
                          tmp_path / "x.h5")
        assert result.returncode == 2, bad
        assert "--shard" in result.stderr, result.stderr
        assert not (tmp_path / "x.h5").exists()


def test_a_killed_shard_resumes_alone(trustsim_bin, tmp_path):
    """kill -9 of one array task; the same task with --resume redoes none
    of its finished runs, and the merge still equals the whole sweep."""
    sweep = long_sweep(tmp_path, replicates=8)  # 24 runs of 1500 days
    part = tmp_path / "part-1.h5"
    process = subprocess.Popen([trustsim_bin, "sweep", str(sweep), "--shard", "1/2", "-o",
                                str(part), "--threads", "2"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parts_dir = tmp_path / "part-1.h5.parts"
    wait_for_parts(process, parts_dir, 2, timeout=120)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    done_before = finished_parts(parts_dir)
    assert all(run_id % 2 == 0 for run_id in done_before)
    if len(done_before) == 12:  # a very fast machine finished the shard anyway
        return

    log = tmp_path / "resumed.log"
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "--shard", "1/2", "-o", part,
                      "--resume", "--threads", "2", env={"TRUSTSIM_DEBUG_RUN_LOG": str(log)})
    assert result.returncode == 0, result.stderr
    assert f"resuming: {len(done_before)} of 12 runs already done" in result.stderr
    assert_resumed_without_redoing(logged_runs(log), done_before, range(0, 24, 2))

    second = tmp_path / "part-2.h5"
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "--shard", "2/2", "-o", second)
    assert result.returncode == 0, result.stderr
    whole = tmp_path / "whole.h5"
    assert trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", whole).returncode == 0
    merged = tmp_path / "merged.h5"
    result = trustsim(trustsim_bin, tmp_path, "merge", part, second, "-o", merged)
    assert result.returncode == 0, result.stderr
    assert_same_results(whole, merged)
