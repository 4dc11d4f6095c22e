"""Shared fixtures for the command-line tests: the binary (from TRUSTSIM_BIN,
as scripts/test sets it) and tiny scenarios written to a temporary directory."""
import copy
import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

TINY = {
    "name": "tiny",
    "days": 80,
    "warmup_days": 0,  # the tests step from the initial state; the warm-up has its own tests
    "replicates": 2,
    "seed": 5,
    "system": {
        "teams": [
            {"name": "frailty", "site": "north", "staff": [
                {"profession": "nurse", "organisation": "community_provider", "count": 4},
                {"profession": "geriatrician", "organisation": "acute_hospital", "count": 1},
                {"profession": "social_worker", "organisation": "social_care", "count": 1,
                 "site": "council"}]},
            {"name": "pharmacy", "site": "south", "staff": [
                {"profession": "pharmacist", "organisation": "primary_care", "count": 3},
                {"profession": "pharmacy_technician", "organisation": "acute_hospital",
                 "count": 2}]},
        ]
    },
    "outputs": {"network_snapshot_days": [0, 79]},
}


# The tests of bad input and faults, which scripts/test-sanitizers runs
# against the AddressSanitizer build (`-m sanitized`) and scripts/test
# therefore leaves out of the optimised run (`-m "not sanitized"`): once is
# enough for each. The long sweeps interrupted by a signal stay in the
# optimised run (signals have their own tests in test_interrupted_runs.py).
SANITIZED_FILES = {"test_bad_input_corpus.py", "test_bad_output_paths.py",
                   "test_damaged_output_files.py", "test_write_failures.py",
                   "test_damaged_sweep_files.py", "test_interrupted_runs.py"}


def pytest_configure(config):
    config.addinivalue_line("markers", "sanitized: run against the sanitizer build, not twice")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in SANITIZED_FILES and "signal_mid_sweep" not in item.name:
            item.add_marker(pytest.mark.sanitized)


@pytest.fixture(scope="session")
def trustsim_bin():
    path = pathlib.Path(os.environ.get("TRUSTSIM_BIN", REPO / "build" / "sim" / "trustsim"))
    if not path.is_absolute():
        path = REPO / path
    assert path.exists(), f"trustsim binary not found at {path}: build first or set TRUSTSIM_BIN"
    return str(path)


@pytest.fixture
def tiny():
    """A fresh copy of the tiny scenario, to modify freely."""
    return copy.deepcopy(TINY)


@pytest.fixture
def write_scenario(tmp_path):
    """Writes a scenario (dict, or text/bytes as-is) and returns its path."""
    def write(content, name="scenario.json"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content)
        else:
            path.write_text(json.dumps(content, indent=2))
        return path
    return write


@pytest.fixture
def trustsim(trustsim_bin, tmp_path):
    """Runs the binary in the test's temporary directory."""
    def run(*args, timeout=120):
        return subprocess.run([trustsim_bin, *map(str, args)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=timeout)
    return run
