"""Shared fixtures: output files written by tests/analysis/fixture_files.py,
and output files made by the C++ binary (skipped, with the reason, when the
binary has not been built)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fixture_files, tiny_scenario

from tiny_scenario import REPO, TINY_SCENARIO, trustsim_binary  # noqa: E402

sys.path.insert(0, str(REPO / "analysis"))  # `import trustsim` without PYTHONPATH

import fixture_files  # noqa: E402
from shared_outputs import made_once  # noqa: E402


@pytest.fixture(scope="session")
def run_file(tmp_path_factory):
    """A `trustsim run`-shaped file: baseline only, 3 replicates, 90 days."""
    return fixture_files.write_run_file(tmp_path_factory.mktemp("fixture") / "run.h5")


@pytest.fixture(scope="session")
def sweep_file(tmp_path_factory):
    """A `trustsim sweep`-shaped file: 4 variants x 4 replicates, with /comparison."""
    return fixture_files.write_sweep_file(tmp_path_factory.mktemp("fixture") / "sweep.h5")


@pytest.fixture(scope="session")
def partial_sweep_file(tmp_path_factory):
    """A sweep being resumed: runs 3 and 9 not yet written, no /comparison yet."""
    return fixture_files.write_sweep_file(
        tmp_path_factory.mktemp("fixture") / "partial.h5", comparison=False, missing=(3, 9)
    )


@pytest.fixture(scope="session")
def sampled_file(tmp_path_factory):
    """A sampled sweep: 40 design points over 4 swept parameters."""
    return fixture_files.write_sampled_file(tmp_path_factory.mktemp("fixture") / "sampled.h5")


@pytest.fixture(scope="session")
def binary_run_file(tmp_path_factory):
    """`trustsim run tiny.json` made by the C++ binary in this test run."""
    binary = trustsim_binary()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.skip(f"trustsim binary not found at {binary}: build it (cmake --build build) or set TRUSTSIM_BIN")
    work = tmp_path_factory.mktemp("binary")
    scenario = work / "tiny.json"
    scenario.write_text(json.dumps(TINY_SCENARIO, indent=2))
    out = work / "out.h5"
    done = subprocess.run(
        [str(binary), "run", str(scenario), "-o", str(out), "--force"],
        cwd=work, capture_output=True, text=True, timeout=600,
    )
    if done.returncode != 0 or not out.is_file():
        pytest.fail(f"{binary} run {scenario} failed (exit {done.returncode}):\n{done.stderr}")
    return out


@pytest.fixture(scope="session")
def sweep_report(sweep_file, tmp_path_factory):
    """report.html (and its CSVs and figures) of the sweep fixture."""
    from trustsim.report import write_report

    return made_once(tmp_path_factory, "sweep_report", lambda out: write_report(sweep_file, out)) / "report.html"


@pytest.fixture(scope="session")
def binary_run_report(binary_run_file, tmp_path_factory):
    """report.html of the binary's tiny run, as a user gets it from `trustsim
    report run.h5` in another directory with nothing but PATH set: beside
    the file, named after it. The command's messages are in ../stderr.txt."""

    def make(out):
        (out / "elsewhere").mkdir(parents=True)
        shutil.copy(binary_run_file, out / "run.h5")
        done = subprocess.run([str(trustsim_binary()), "report", str(out / "run.h5")], cwd=out / "elsewhere",
                              capture_output=True, text=True, timeout=600, env={"PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        (out / "stderr.txt").write_text(done.stderr)

    return made_once(tmp_path_factory, "binary_run_report", make) / "run_report" / "report.html"


@pytest.fixture(params=["fixture", "binary"])
def any_run_file(request):
    """Each test that takes this runs on the fixture file and on the binary's."""
    return request.getfixturevalue("run_file" if request.param == "fixture" else "binary_run_file")
