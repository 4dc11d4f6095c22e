"""Output paths that cannot be written, or must not be: refused in one line
with exit code 2 before any run starts, and nothing left behind. trustsim
runs as root in CI, where file permissions stop nothing, so read-only places
are a path under a regular file, /proc, and a directory made read-only for an
unprivileged user that the test switches to."""
import json
import os
import shutil
import stat
import tempfile

import pytest

from conftest import TINY
from refusal import assert_refused, run_limited


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(TINY))
    return path


def test_output_under_a_regular_file(trustsim_bin, tmp_path, scenario):
    (tmp_path / "notes.txt").write_text("a file, not a directory")
    out = tmp_path / "notes.txt" / "out.h5"
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, cwd=tmp_path)
    assert_refused(result, tmp_path, f"{tmp_path / 'notes.txt'}: cannot create directory",
                   "Not a directory")


def test_output_in_proc(trustsim_bin, tmp_path, scenario):
    result = run_limited(trustsim_bin, "run", scenario, "-o", "/proc/trustsim-out.h5", cwd=tmp_path)
    # The work directory is made first (run keeps finished replicates there).
    assert_refused(result, tmp_path, "/proc/trustsim-out.h5.parts: cannot create directory")
    assert not os.path.exists("/proc/trustsim-out.h5")


def test_output_in_a_missing_directory_under_proc(trustsim_bin, tmp_path, scenario):
    result = run_limited(trustsim_bin, "run", scenario, "-o", "/proc/trustsim/out.h5", cwd=tmp_path)
    assert_refused(result, tmp_path, "/proc/trustsim: cannot create directory")


def test_output_in_a_read_only_directory(trustsim_bin, tmp_path, scenario):
    """As an unprivileged user (nobody, when the tests run as root)."""
    unprivileged = os.getuid() != 0
    base = tempfile.mkdtemp(prefix="trustsim-readonly-")
    try:
        os.chmod(base, 0o755)
        shutil.copy(scenario, os.path.join(base, "scenario.json"))
        os.chmod(os.path.join(base, "scenario.json"), 0o644)
        locked = os.path.join(base, "locked")
        os.mkdir(locked, 0o555)
        os.chmod(locked, 0o555)

        def as_nobody():
            if not unprivileged:
                os.setgid(65534)
                os.setuid(65534)

        try:
            result = run_limited(trustsim_bin, "run", "scenario.json", "-o", "locked/out.h5",
                                 cwd=base, preexec_fn=as_nobody)
        except PermissionError:
            pytest.skip("the trustsim binary is not reachable by an unprivileged user")
        assert_refused(result, tmp_path, "locked/out.h5.parts: cannot create directory",
                       "Permission denied")
        assert os.listdir(locked) == []
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_existing_output_is_kept_without_force(trustsim_bin, tmp_path, scenario):
    out = tmp_path / "out.h5"
    out.write_text("an earlier result")
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"{out}: already exists (use --force to overwrite it)"
    assert out.read_text() == "an earlier result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.h5", "scenario.json"]


def test_force_never_replaces_a_fifo_or_a_device(trustsim_bin, tmp_path, scenario):
    # Renaming over /dev/null, as root, replaced the device with our file.
    fifo = tmp_path / "out.h5"
    os.mkfifo(fifo)
    result = run_limited(trustsim_bin, "run", scenario, "-o", fifo, "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"{fifo}: exists and is not a regular file; not replacing it")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)

    result = run_limited(trustsim_bin, "run", scenario, "-o", "/dev/null", "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_empty_output_name(trustsim_bin, tmp_path, scenario):
    result = run_limited(trustsim_bin, "run", scenario, "-o", "", cwd=tmp_path)
    assert_refused(result, tmp_path, "-o: the output file name is empty")
    assert not (tmp_path / "results").exists()


def test_output_is_a_directory(trustsim_bin, tmp_path, scenario):
    (tmp_path / "out.h5").mkdir()
    result = run_limited(trustsim_bin, "run", scenario, "-o", "out.h5", "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "out.h5: is a directory"
