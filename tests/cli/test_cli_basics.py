"""Help, version, default output path, refusing to overwrite, and reading
files that are not trustsim output."""
import pytest

from conftest import REPO


@pytest.mark.parametrize("subcommand", ["run", "sweep", "merge", "validate", "summary"])
def test_each_subcommand_has_help(trustsim, subcommand):
    result = trustsim(subcommand, "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout or "usage" in result.stdout.lower()
    assert "Example" in result.stdout


def test_version(trustsim):
    result = trustsim("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("trustsim 0.")


def test_no_subcommand_is_bad_input(trustsim):
    assert trustsim().returncode == 2


def test_default_output_is_results_scenario_stem(trustsim, write_scenario, tiny, tmp_path):
    tiny["replicates"] = 1
    result = trustsim("run", write_scenario(tiny, "my_scenario.json"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "results" / "my_scenario.h5").exists()
    assert result.stderr == ""


def test_existing_output_is_refused_without_force(trustsim, write_scenario, tiny, tmp_path):
    out = tmp_path / "out.h5"
    out.write_text("precious")
    scenario = write_scenario(tiny)
    result = trustsim("run", scenario, "-o", out)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{out}: already exists (use --force to overwrite it)"
    assert out.read_text() == "precious"
    assert trustsim("run", scenario, "-o", out, "--force").returncode == 0
    assert out.read_bytes()[:8] == b"\x89HDF\r\n\x1a\n"


@pytest.mark.parametrize("content,problem", [
    (b"not hdf5 at all", "not an HDF5 file"),
    (b"", "not an HDF5 file"),
])
def test_summary_of_a_foreign_file(trustsim, tmp_path, content, problem):
    path = tmp_path / "x.h5"
    path.write_bytes(content)
    result = trustsim("summary", path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{path}: {problem}"


def test_summary_of_a_truncated_file(trustsim, write_scenario, tiny, tmp_path):
    out = tmp_path / "out.h5"
    assert trustsim("run", write_scenario(tiny), "-o", out).returncode == 0
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    result = trustsim("summary", out)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(f"{out}: ")
    assert "\n" not in result.stderr.strip()


def test_key_reference_in_docs_is_current(trustsim):
    result = trustsim("validate", "--list-keys")
    assert result.returncode == 0
    assert (REPO / "docs" / "scenarios.md").read_text() == result.stdout, \
        "regenerate: build/sim/trustsim validate --list-keys > docs/scenarios.md"


def test_shipped_scenarios_validate(trustsim):
    for scenario in sorted((REPO / "scenarios").glob("*.json")):
        result = trustsim("validate", scenario)
        assert result.returncode == 0, f"{scenario}: {result.stderr}"


def test_summary_only_writes_the_same_outcomes_and_no_per_run_series(trustsim, write_scenario,
                                                                     tiny, tmp_path):
    import h5py
    import numpy as np
    tiny["replicates"] = 3
    scenario = write_scenario(tiny)
    full, only = tmp_path / "full.h5", tmp_path / "only.h5"
    assert trustsim("run", scenario, "-o", full, "-q").returncode == 0
    result = trustsim("run", scenario, "-o", only, "-q", "--summary-only")
    assert result.returncode == 0, result.stderr
    with h5py.File(full) as a, h5py.File(only) as b:
        for table in ("summary", "team_summary"):
            assert set(a[table]) == set(b[table]), table
            for name in a[table]:
                x, y = a[table][name][()], b[table][name][()]
                same = (np.array_equal(x, y, equal_nan=True) if x.dtype.kind == "f"
                        else np.array_equal(x, y))
                assert same, f"{table}/{name}"
        for run in b["runs"]:
            # the per-team outcomes only: no daily, team_trust or network
            assert set(b["runs"][run]) == {"teams"}, run
            assert b["runs"][run].attrs["seed"] == a["runs"][run].attrs["seed"]
    assert trustsim("summary", only).returncode == 0
    assert trustsim("summary", only, "--teams").returncode == 0
