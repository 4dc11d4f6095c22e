"""What several tests read, made once per test session: under pytest-xdist
each worker runs the session and module fixtures itself, and a report costs
seconds of CPU. And the report command as a user runs it."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tiny_scenario import REPO


def made_once(tmp_path_factory, name: str, make: Callable[[Path], object]) -> Path:
    """The directory `name`, filled by `make(directory)` once per session: the
    first worker to ask makes it (the others wait on a lock), every worker
    reads the same files."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's directory, above each worker's
    out, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a worker that failed left
            make(out)
            done.touch()
    return out


def report_command(*args, cwd) -> subprocess.CompletedProcess:
    """`/usr/bin/python3 -m trustsim.report ARGS`, as a user runs it."""
    env = {"PYTHONPATH": str(REPO / "analysis"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "trustsim.report", *map(str, args)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
