"""The last mile from the command line: `trustsim compare`, `trustsim report`
from any directory, `sweep --set/--replicates`, and the analysis package
installed into a virtual environment and imported from outside the tree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

from designs import binary, trustsim, write_inputs
from tiny_scenario import REPO
from trustsim import open_results

REPLICATES = 3


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    work = tmp_path_factory.mktemp("commands")
    write_inputs(work)
    return work


@pytest.fixture(scope="module")
def two_runs(work):
    """A baseline run and a run with its meetings online, named `online`."""
    trustsim("run", "tiny.json", "--replicates", REPLICATES, "--seed", 5, "-o", "base.h5", "-q", cwd=work)
    trustsim("run", "tiny.json", "--replicates", REPLICATES, "--seed", 5, "--set", "meetings.regime=online",
             "--variant", "online", "-o", "online.h5", "-q", cwd=work)
    return work / "base.h5", work / "online.h5"


def comparison(path) -> dict:
    with h5py.File(path) as f:
        c = f["comparison"]
        return {k: c[k].asstr()[()] if c[k].dtype.kind == "O" else c[k][()] for k in c.attrs["columns"]}


def test_compare_of_two_runs_equals_the_two_variant_sweep(work, two_runs):
    sweep = {"name": "two", "base": "tiny.json", "seed": 5, "replicates": REPLICATES,
             "variants": {"baseline": {}, "online": {"meetings.regime": "online"}}}
    (work / "two.json").write_text(json.dumps(sweep))
    trustsim("sweep", "two.json", "-o", "two.h5", "--quiet", cwd=work)
    trustsim("compare", *two_runs, "-o", "compared.h5", "-q", cwd=work)
    expected, got = comparison(work / "two.h5"), comparison(work / "compared.h5")
    assert list(got) == list(expected)
    for column in expected:
        if expected[column].dtype.kind == "f":
            np.testing.assert_array_equal(got[column], expected[column], err_msg=column)  # bit for bit
        else:
            assert list(got[column]) == list(expected[column]), column
    with h5py.File(work / "two.h5", "r") as swept, h5py.File(work / "compared.h5", "r") as compared:
        assert compared["comparison"].attrs["window"] == swept["comparison"].attrs["window"]
    results = open_results(work / "compared.h5")
    assert results.kind == "comparison" and results.variants == ["baseline", "online"]
    assert len(results.run_ids) == 2 * REPLICATES  # the runs came along: the report can draw them


def test_compare_names_a_plain_run_after_its_file(work, two_runs):
    trustsim("run", "tiny.json", "--replicates", 2, "--seed", 5, "--set", "days=40", "-o", "again.h5", "-q", cwd=work)
    trustsim("compare", two_runs[0], "again.h5", "-o", "named.h5", "-q", cwd=work)
    assert open_results(work / "named.h5").variants == ["baseline", "again"]


@pytest.mark.parametrize("changes, message", [
    (["--seed", 6], "follow different seed schemes; rerun with --seed 5"),
    (["--set", "days=30"], "simulate different base scenarios (their /days differs)"),
])
def test_compare_refuses_what_cannot_be_compared(work, two_runs, changes, message):
    name = f"other{len(message)}.h5"
    args = ["--seed", 5, *changes] if changes[0] != "--seed" else changes
    trustsim("run", "tiny.json", "--replicates", 2, *args, "--variant", "other", "-o", name, "-q", cwd=work)
    done = trustsim("compare", two_runs[0], name, "-o", "refused.h5", cwd=work, check=False)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert not (work / "refused.h5").exists()


def test_compare_refuses_a_sweep_of_several_variants(work, two_runs):
    trustsim("sweep", "grid.json", "-o", "g.h5", "--quiet", cwd=work)
    done = trustsim("compare", two_runs[0], "g.h5", "-o", "refused.h5", cwd=work, check=False)
    assert done.returncode == 2 and "holds 2 variants over a design" in done.stderr


def test_sweep_set_and_replicates_override_the_sweep_file(work):
    trustsim("sweep", "grid.json", "--replicates", 1, "--set", "days=20", "-o", "short.h5", "--quiet", cwd=work)
    results = open_results(work / "short.h5")
    assert len(results.summary) == 2 * 3 * 1  # variants x cells x --replicates
    assert int(results.daily_wide["day"].max()) == 19
    done = trustsim("sweep", "grid.json", "--set", "days=-3", "-o", "bad.h5", "--quiet", cwd=work, check=False)
    assert done.returncode == 2 and "days" in done.stderr and not (work / "bad.h5").exists()


def test_report_works_from_any_directory(binary_run_report):
    """binary_run_report is made so: `trustsim report FILE` run in another
    directory, with nothing but PATH set."""
    page = binary_run_report
    run = page.parent.parent / "run.h5"
    assert run.is_file() and page.parent.name == "run_report"  # default: beside the file, named after it
    assert page.is_file() and "How to read this" in page.read_text()
    assert f"trustsim report: wrote {page}" in (page.parent.parent / "stderr.txt").read_text()


def test_report_errors_name_the_file_and_exit_2(tmp_path):
    done = subprocess.run([str(binary()), "report", str(tmp_path / "nope.h5")], capture_output=True, text=True)
    assert done.returncode == 2 and "nope.h5: no such file" in done.stderr


def test_installed_package_imports_from_outside_the_tree(tmp_path):
    """What scripts/setup does: a venv that sees Debian's libraries, and the
    package installed into it (editable, no dependencies fetched)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    (venv / "pip.conf").write_text("[install]\nno-build-isolation = false\n")
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-deps", "-e", str(REPO / "analysis")],
                   check=True, capture_output=True, cwd=tmp_path)
    done = subprocess.run([str(venv / "bin" / "python"), "-c", "import trustsim, trustsim.report; print(trustsim.__file__)"],
                          cwd=tmp_path, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == REPO / "analysis" / "trustsim" / "__init__.py"


def test_a_sweep_names_its_outcomes_and_they_are_checked(work):
    sweep = {"base": "tiny.json", "replicates": 1, "outcomes": ["incidents", "leaverz"]}
    (work / "named.json").write_text(json.dumps(sweep))
    done = trustsim("sweep", "named.json", "-o", "named.h5", "--dry-run", cwd=work, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == 'named.json: /outcomes/1: unknown outcome "leaverz"; did you mean "leavers"?'
