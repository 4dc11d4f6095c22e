"""Probes of issue 17 ("no silent loss, no clobbering, no crash on a failed
write"), one or more per item, each as the issue's fault injection found
it: concurrent writers, hostile paths, damaged parts and shards, full disks
and out-of-range numbers. docs/durability.md says what each guarantees.

Disk-full probes mount a small tmpfs, which needs root; elsewhere they are
skipped, saying so."""
import contextlib
import json
import os
import shutil
import signal
import subprocess
import time

import h5py
import pytest

from conftest import TINY
from refusal import assert_refused, run_limited, stderr_text
from shard_helpers import run_shards, sweep_file
from sweep_helpers import assert_same_results, part_files, write_sweep


def trustsim(trustsim_bin, directory, *arguments, **options):
    return subprocess.run([trustsim_bin, *map(str, arguments)], cwd=directory,
                          capture_output=True, timeout=options.pop("timeout", 120), **options)


def one_line(result):
    message = stderr_text(result).strip()
    assert "\n" not in message, message
    return message


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(dict(TINY, replicates=1)))
    return path


@pytest.fixture
def slow_scenario(tmp_path):
    """A run of about a second: long enough to act on while it runs."""
    path = tmp_path / "slow.json"
    path.write_text(json.dumps(dict(TINY, days=3000, replicates=4,
                                    outputs={"network_snapshot_days": [0]})))
    return path


def start(trustsim_bin, directory, *arguments):
    return subprocess.Popen([trustsim_bin, *map(str, arguments)], cwd=directory,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_temporary(directory, pattern, process, timeout=30):
    deadline = time.time() + timeout
    while not list(directory.glob(pattern)):
        assert process.poll() is None, process.communicate()
        assert time.time() < deadline, "no temporary file appeared"
        time.sleep(0.01)
    return list(directory.glob(pattern))[0]


# 1. An output is never replaced without --force, whoever wrote it meanwhile.

def test_an_output_created_while_running_is_not_replaced(trustsim_bin, tmp_path, slow_scenario):
    out = tmp_path / "out.h5"
    process = start(trustsim_bin, tmp_path, "run", slow_scenario, "-o", out, "--quiet")
    wait_for_temporary(tmp_path, "out.h5.tmp-*", process)
    out.write_text("another process's result")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    assert stderr.decode().strip() == (f"{out}: was created by another process while this one "
                                       "was writing it; not replaced (use --force to replace "
                                       "it); no output written")
    assert out.read_text() == "another process's result"
    assert list(tmp_path.glob("out.h5.tmp-*")) == []


def test_two_concurrent_writers_of_one_output_one_wins(trustsim_bin, tmp_path, slow_scenario):
    out = tmp_path / "out.h5"
    first = start(trustsim_bin, tmp_path, "run", slow_scenario, "-o", out, "--quiet")
    second = start(trustsim_bin, tmp_path, "run", slow_scenario, "-o", out, "--quiet",
                   "--seed", "9")
    # The loser is refused at once: the winner's work directory is in use.
    codes = sorted(p.wait(timeout=120) for p in (first, second))
    assert codes == [0, 2], [p.communicate() for p in (first, second)]
    with h5py.File(out, "r") as f:  # the winner's file, whole
        assert f["summary/run_id"].shape == (4,)
    assert list(tmp_path.glob("out.h5.tmp-*")) == []


def test_force_still_replaces(trustsim_bin, tmp_path, scenario):
    out = tmp_path / "out.h5"
    out.write_text("old")
    result = trustsim(trustsim_bin, tmp_path, "run", scenario, "-o", out, "--force", "--quiet")
    assert result.returncode == 0, result.stderr
    assert h5py.is_hdf5(out)


# 3. The temporary file's name cannot be guessed, and it is created
#    exclusively: a planted link is never followed.

def test_a_planted_link_at_the_old_temporary_name_is_not_followed(trustsim_bin, tmp_path,
                                                                   scenario):
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    out = tmp_path / "out.h5"

    def plant():  # in the child, whose pid trustsim will have
        os.symlink(victim, f"{out}.tmp-{os.getpid()}")
        os.link(victim, f"{out}.tmp-{os.getpid()}-hard")

    result = subprocess.run([trustsim_bin, "run", str(scenario), "-o", str(out), "--quiet"],
                            cwd=tmp_path, capture_output=True, preexec_fn=plant)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "not yours"
    assert h5py.is_hdf5(out)


def test_temporary_names_differ_between_writers(trustsim_bin, tmp_path, slow_scenario):
    names = set()
    for _ in range(2):
        process = start(trustsim_bin, tmp_path, "run", slow_scenario, "-o", "out.h5", "--quiet",
                        "--force")
        names.add(wait_for_temporary(tmp_path, "out.h5.tmp-*", process).name)
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
    assert len(names) == 2
    for name in names:
        suffix = name.split(".tmp-")[1]
        assert len(suffix) == 12 and not suffix.isdigit(), name


# 4. A symlinked work directory is never followed; only trustsim's own
#    files are ever removed.

def test_a_symlinked_work_directory_is_refused(trustsim_bin, tmp_path):
    sweep = write_sweep(tmp_path)
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / "notes.tmp-1").write_text("mine")
    (elsewhere / "run_000000.h5.tmp-123").write_text("mine too")
    (tmp_path / "out.h5.parts").symlink_to(elsewhere)
    for flag in ("--resume", "--force"):
        result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", "out.h5", flag)
        assert result.returncode == 2, result.stderr
        assert one_line(result) == ("out.h5.parts: is a symbolic link; a sweep's work directory "
                                    "must be a real directory (not following it)")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.tmp-1", "run_000000.h5.tmp-123"]


def test_force_keeps_files_trustsim_did_not_write(trustsim_bin, tmp_path):
    sweep = write_sweep(tmp_path)
    parts = tmp_path / "out.h5.parts"
    parts.mkdir()
    (parts / "notes.txt").write_text("mine")
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", "out.h5", "--force")
    assert result.returncode == 2, result.stderr
    assert "out.h5.parts: holds notes.txt, which trustsim did not write" in one_line(result)
    assert (parts / "notes.txt").read_text() == "mine"


# 2. Damaged parts and shards are found by their checksums before their
#    runs are copied; parts are removed only once the output is verified.

def flip_a_byte_of_a_chunk(path, dataset):
    with h5py.File(path, "r") as f:
        info = f[dataset].id.get_chunk_info(0)
    data = bytearray(path.read_bytes())
    data[info.byte_offset + info.size // 2] ^= 0x40
    path.write_bytes(bytes(data))


@pytest.fixture
def interrupted_sweep(trustsim_bin, tmp_path):
    """A finished sweep's parts, as a kill before combining leaves them."""
    sweep = write_sweep(tmp_path)
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", "full.h5", "--quiet")
    assert result.returncode == 0, result.stderr
    # The same sweep stopped by a file size limit in its combine step: each
    # part (about half the output) fits, the output does not.
    limit_bytes = int((tmp_path / "full.h5").stat().st_size * 0.8)

    def limit():
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    result = subprocess.run([trustsim_bin, "sweep", str(sweep), "-o", "out.h5", "--quiet"],
                            cwd=tmp_path, capture_output=True, preexec_fn=limit)
    assert result.returncode == 1, result.stderr
    assert len(part_files(tmp_path / "out.h5.parts")) == 2
    return tmp_path


def test_a_part_with_a_damaged_chunk_is_refused_not_copied(trustsim_bin, interrupted_sweep):
    directory = interrupted_sweep
    part = part_files(directory / "out.h5.parts")[0]
    flip_a_byte_of_a_chunk(part, "runs/run_000000/daily/trust_within")
    result = trustsim(trustsim_bin, directory, "sweep", "sweep.json", "-o", "out.h5", "--resume",
                      "--quiet")
    message = one_line(result)
    assert result.returncode == 2, message
    assert message.startswith(f"out.h5.parts/{part.name}: damaged HDF5 file ("), message
    assert "Fletcher32" in message or "checksum" in message, message
    assert not (directory / "out.h5").exists()
    assert len(part_files(directory / "out.h5.parts")) == 2  # nothing deleted


def test_undamaged_parts_combine_to_the_clean_result(trustsim_bin, interrupted_sweep):
    directory = interrupted_sweep
    result = trustsim(trustsim_bin, directory, "sweep", "sweep.json", "-o", "out.h5", "--resume",
                      "--quiet")
    assert result.returncode == 0, result.stderr
    assert_same_results(directory / "out.h5", directory / "full.h5")
    assert not (directory / "out.h5.parts").exists()


def test_merge_refuses_a_shard_with_a_damaged_chunk(trustsim_bin, tmp_path):
    files = run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path), 2)
    with h5py.File(files[1], "r") as f:
        run = sorted(f["runs"])[0]
    flip_a_byte_of_a_chunk(files[1], f"runs/{run}/daily/trust_within")
    result = run_limited(trustsim_bin, "merge", *files, "-o", "merged.h5", cwd=tmp_path)
    assert_refused(result, tmp_path / "nothing", f"{files[1]}: damaged HDF5 file (")
    assert not (tmp_path / "merged.h5").exists()


# 8. --resume after a kill between the final rename and the clean-up.

def test_resume_finishes_the_clean_up_of_a_complete_output(trustsim_bin, tmp_path):
    sweep = write_sweep(tmp_path)
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", "out.h5", "--quiet")
    assert result.returncode == 0, result.stderr
    before = (tmp_path / "out.h5").read_bytes()
    # What the kill leaves: the output in place, its work directory still there.
    with h5py.File(tmp_path / "out.h5", "r") as f:
        manifest = {"format": "trustsim sweep parts", "format_version": 1,
                    "fingerprint": f.attrs["sweep_fingerprint"], "run_count": 2,
                    "program_version": f.attrs["program_version"],
                    "git_commit": f.attrs["git_commit"], "sweep_file": "sweep.json"}
    (tmp_path / "out.h5.parts").mkdir()
    (tmp_path / "out.h5.parts" / "manifest.json").write_text(json.dumps(manifest))
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", "out.h5", "--resume")
    assert result.returncode == 0, result.stderr
    assert "out.h5 already holds all 2 runs of this sweep" in one_line(result)
    assert not (tmp_path / "out.h5.parts").exists()
    assert (tmp_path / "out.h5").read_bytes() == before
    # An output of another sweep is still refused.
    other = write_sweep(tmp_path, name="other.json", seed=99)
    (tmp_path / "out.h5.parts").mkdir()
    (tmp_path / "out.h5.parts" / "manifest.json").write_text(json.dumps(manifest))
    result = trustsim(trustsim_bin, tmp_path, "sweep", other, "-o", "out.h5", "--resume")
    assert result.returncode == 2 and (tmp_path / "out.h5").read_bytes() == before


# 9. An unreadable manifest with no finished part does not block resuming.

def test_an_empty_manifest_without_parts_is_rewritten(trustsim_bin, tmp_path):
    sweep = write_sweep(tmp_path)
    (tmp_path / "out.h5.parts").mkdir()
    (tmp_path / "out.h5.parts" / "manifest.json").write_text("")
    result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", "out.h5", "--resume",
                      "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.h5").exists() and not (tmp_path / "out.h5.parts").exists()


# Disk full (items 5, 9, 13): a small tmpfs.

@contextlib.contextmanager
def small_file_system(directory, size):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    directory.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(directory)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", "-l", str(directory)], check=False)


def fill(directory, leave_bytes=0):
    """Fills the file system of `directory`, leaving about `leave_bytes`."""
    filler = directory / "filler"
    wanted = shutil.disk_usage(directory).free - leave_bytes
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    block = b"\0" * 65536
    try:
        while wanted > 0:
            wanted -= os.write(fd, block[:min(len(block), wanted)])
    except OSError:
        pass  # full
    finally:
        os.close(fd)
    return filler


def test_disk_full_at_sweep_start_says_why_and_resume_works_later(trustsim_bin, tmp_path):
    sweep = write_sweep(tmp_path)
    with small_file_system(tmp_path / "disk", "1m") as disk:
        (disk / "out.h5.parts").mkdir()
        filler = fill(disk)
        result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", disk / "out.h5",
                          "--resume", "--quiet")
        message = one_line(result)
        assert result.returncode == 1, message
        assert "cannot write the sweep manifest" in message, message
        assert "No space left on device" in message, message
        filler.unlink()
        result = trustsim(trustsim_bin, tmp_path, "sweep", sweep, "-o", disk / "out.h5",
                          "--resume", "--quiet")
        assert result.returncode == 0, result.stderr


def test_disk_full_while_writing_is_exit_1_with_the_reason(trustsim_bin, tmp_path,
                                                           slow_scenario):
    with small_file_system(tmp_path / "disk", "1m") as disk:
        fill(disk, leave_bytes=8192)
        result = trustsim(trustsim_bin, tmp_path, "run", slow_scenario, "-o", disk / "out.h5",
                          "--quiet")
        message = one_line(result)
        assert result.returncode == 1, message
        assert "No space left on device" in message, message
        # The finished replicates are kept for --resume; no temporary file.
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "out.h5.parts"]
        assert list(disk.glob("**/*.tmp-*")) == []


def test_disk_full_while_merging_is_reported_not_a_crash(trustsim_bin, tmp_path):
    # The room check passes; then another writer fills the disk while
    # H5Ocopy copies the runs. Once a segmentation fault in HDF5 1.10's
    # v1 B-tree code (exit 139, a half-written temporary file left).
    files = run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path, replicates=8), 2)
    with small_file_system(tmp_path / "disk", "8m") as disk:
        for attempt in range(3):
            process = start(trustsim_bin, tmp_path, "merge", *files, "-o", disk / "merged.h5")
            try:
                wait_for_temporary(disk, "merged.h5.tmp-*", process, timeout=30)
            except AssertionError:
                continue  # finished first
            filler = fill(disk)
            _, stderr = process.communicate(timeout=120)
            filler.unlink()
            if process.returncode == 0:
                (disk / "merged.h5").unlink()
                continue
            message = stderr.decode().strip()
            assert process.returncode == 1, message
            assert "\n" not in message and "No space left on device" in message, message
            assert list(disk.iterdir()) == []
            return
        pytest.skip("the merge finished before the disk could be filled")


# 6. Seeds are read strictly, like the scenario's key.

@pytest.mark.parametrize("seed", ["-1", "18446744073709551616", "1e30", "0x10", "16abc", "1.5"])
def test_an_out_of_range_or_malformed_seed_is_refused(trustsim_bin, tmp_path, scenario, seed):
    result = run_limited(trustsim_bin, "run", scenario, "-o", "out.h5", f"--seed={seed}",
                         cwd=tmp_path)
    assert_refused(result, tmp_path, "--seed")


def test_the_largest_seed_is_accepted(trustsim_bin, tmp_path, scenario):
    result = trustsim(trustsim_bin, tmp_path, "run", scenario, "-o", "out.h5", "--quiet",
                      "--seed", "18446744073709551615")
    assert result.returncode == 0, result.stderr
    with h5py.File(tmp_path / "out.h5", "r") as f:
        assert int(f.attrs["seed"]) == 2**64 - 1


# 11. Output cut short on stdout is a failure.

@pytest.mark.parametrize("arguments", [["validate", "--list-keys"],
                                       ["sweep", "SWEEP", "--dry-run"]])
def test_a_full_standard_output_is_exit_1(trustsim_bin, tmp_path, arguments):
    sweep = write_sweep(tmp_path)
    arguments = [str(sweep) if a == "SWEEP" else a for a in arguments]
    with open("/dev/full", "w") as full:
        result = subprocess.run([trustsim_bin, *arguments], cwd=tmp_path, stdout=full,
                                stderr=subprocess.PIPE)
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode().strip() == ("trustsim: cannot write to standard output: "
                                              "No space left on device")


def test_summary_runs_to_a_full_standard_output_is_exit_1(trustsim_bin, tmp_path, scenario):
    assert trustsim(trustsim_bin, tmp_path, "run", scenario, "-o", "out.h5",
                    "--quiet").returncode == 0
    with open("/dev/full", "w") as full:
        result = subprocess.run([trustsim_bin, "summary", "out.h5", "--runs"], cwd=tmp_path,
                                stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1, result.stderr


# 13. Exit codes, messages and paths.

def test_the_input_is_never_the_output(trustsim_bin, tmp_path, scenario):
    before = scenario.read_bytes()
    result = run_limited(trustsim_bin, "run", scenario, "-o", scenario, "--force", cwd=tmp_path)
    assert_refused(result, tmp_path, f"{scenario}: is also an input")
    assert scenario.read_bytes() == before
    sweep = write_sweep(tmp_path)
    result = run_limited(trustsim_bin, "sweep", sweep, "-o", tmp_path / "tiny.json", "--force",
                         cwd=tmp_path)
    assert result.returncode == 2 and "is also an input" in stderr_text(result)


def test_a_dangling_symlink_output_needs_force(trustsim_bin, tmp_path, scenario):
    link = tmp_path / "out.h5"
    link.symlink_to(tmp_path / "nowhere.h5")
    result = run_limited(trustsim_bin, "run", scenario, "-o", link, cwd=tmp_path)
    assert_refused(result, tmp_path / "nothing", f"{link}: already exists as a symbolic link")
    assert link.is_symlink() and not (tmp_path / "nowhere.h5").exists()


def test_an_output_name_ending_in_a_slash_is_refused_at_once(trustsim_bin, tmp_path, scenario):
    result = run_limited(trustsim_bin, "run", scenario, "-o", "x.h5/", cwd=tmp_path)
    assert_refused(result, tmp_path, "x.h5/: names a directory, not an output file")
    assert not (tmp_path / "x.h5").exists()


@pytest.mark.parametrize("length", [244, 249])
def test_long_output_names_up_to_the_limit_are_written(trustsim_bin, tmp_path, scenario, length):
    name = "n" * (length - 3) + ".h5"
    result = trustsim(trustsim_bin, tmp_path, "run", scenario, "-o", name, "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).exists()


def test_an_output_name_leaving_no_room_for_its_work_directory_is_refused(trustsim_bin, tmp_path,
                                                                          scenario):
    name = "n" * 247 + ".h5"  # 250 bytes: NAME.parts would be 256
    result = run_limited(trustsim_bin, "run", scenario, "-o", name, cwd=tmp_path)
    assert_refused(result, tmp_path, f"{name}: name too long for an output (at most 249 bytes")


def test_control_characters_in_names_are_escaped(trustsim_bin, tmp_path, scenario):
    name = "evil\x1b[2J\nname.h5"
    (tmp_path / name).write_text("x")
    result = run_limited(trustsim_bin, "run", scenario, "-o", name, cwd=tmp_path)
    message = one_line(result)
    assert result.returncode == 2
    assert message.startswith("evil\\x1b[2J\\x0aname.h5: already exists"), message


def test_merge_interrupted_leaves_no_temporary_file(trustsim_bin, tmp_path):
    files = run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path), 2)
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        process = start(trustsim_bin, tmp_path, "merge", *files, "-o", "merged.h5")
        try:
            wait_for_temporary(tmp_path, "merged.h5.tmp-*", process, timeout=10)
        except AssertionError:
            continue  # finished before the signal could be sent: nothing to probe
        process.send_signal(signal_number)
        process.communicate(timeout=60)
        if process.returncode == 0:
            (tmp_path / "merged.h5").unlink()
            continue
        assert process.returncode == 128 + signal_number
        assert list(tmp_path.glob("merged.h5*")) == []


def test_ctrl_c_while_runs_are_copied_stops_the_copying_child_too(trustsim_bin, tmp_path):
    # Ctrl-C reaches every process of the terminal's job: the merge and the
    # child process it copies the runs in (ResultWriter::copy_runs).
    files = run_shards(trustsim_bin, tmp_path, sweep_file(tmp_path, replicates=8), 2)
    for attempt in range(3):
        process = subprocess.Popen([trustsim_bin, "merge", *map(str, files), "-o", "merged.h5",
                                    "--threads", "1"], cwd=tmp_path, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
        try:
            temporary = wait_for_temporary(tmp_path, "merged.h5.tmp-*", process, timeout=30)
            while process.poll() is None and temporary.stat().st_size < 256 * 1024:
                time.sleep(0.002)  # the runs are being copied into it
        except (AssertionError, FileNotFoundError):
            continue  # finished first
        if process.poll() is not None:
            continue
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        if process.returncode == 0:
            (tmp_path / "merged.h5").unlink()
            continue
        assert process.returncode == 128 + signal.SIGINT, stderr.decode()
        assert "cancelled" in stderr.decode(), stderr.decode()
        assert list(tmp_path.glob("merged.h5*")) == []
        assert all(path.exists() for path in files)
        return
    pytest.skip("the merge finished before it could be interrupted")


@pytest.mark.parametrize("signal_number", [signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE])
def test_run_removes_its_temporary_files_on_other_signals(trustsim_bin, tmp_path, slow_scenario,
                                                          signal_number):
    process = start(trustsim_bin, tmp_path, "run", slow_scenario, "-o", "out.h5", "--quiet")
    wait_for_temporary(tmp_path / "out.h5.parts", "run_*.h5.tmp-*", process)
    process.send_signal(signal_number)
    process.communicate(timeout=60)
    assert process.returncode == 128 + signal_number
    # Only the work directory, with the replicates finished by then, for --resume.
    assert list(tmp_path.glob("out.h5*")) == [tmp_path / "out.h5.parts"]
    assert list(tmp_path.glob("**/*.tmp-*")) == []


# 10. An abandoned temporary file is judged by its lock, not by a pid.

def can_unshare_pid() -> bool:
    try:
        return subprocess.run(["unshare", "--pid", "--fork", "--", "true"], capture_output=True,
                              timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# In its own pid namespace (as in another container) the live writer's pid
# means another process here, or none: the lock must decide, not the pid.
@pytest.mark.parametrize("namespace", [
    [],
    pytest.param(["unshare", "--pid", "--fork", "--"], marks=pytest.mark.skipif(
        not can_unshare_pid(), reason="unshare --pid is not permitted here"), id="own-pid-namespace"),
], ids=lambda n: "own-pid-namespace" if n else "same-namespace")
def test_a_live_writers_temporary_file_is_kept_an_abandoned_one_removed(trustsim_bin, tmp_path,
                                                                         scenario, namespace):
    # The live writer: a process holding the lock on its temporary file, as
    # a writer of the same output does while it combines its runs.
    old = time.time() - 3600
    live_temporary = tmp_path / "out.h5.tmp-livewriter12"
    abandoned = tmp_path / "out.h5.tmp-abcdefghijkl"
    for path in (live_temporary, abandoned):  # HDF5 files, old enough to be judged
        with h5py.File(path, "w") as f:
            f["x"] = [1]
        os.utime(path, (old, old))
    live = subprocess.Popen([*namespace, "flock", str(live_temporary), "sleep", "60"],
                            cwd=tmp_path)
    try:
        deadline = time.time() + 10
        while subprocess.run(["flock", "-n", str(live_temporary), "true"]).returncode == 0:
            assert time.time() < deadline, "the live writer did not lock its file"
            time.sleep(0.02)
        # Another writer of the same output cleans up when it writes.
        result = trustsim(trustsim_bin, tmp_path, "run", scenario, "-o", "out.h5", "--quiet")
        assert result.returncode == 0, result.stderr
        assert not abandoned.exists()
        assert live_temporary.exists()
    finally:
        live.kill()
        live.wait(timeout=30)


