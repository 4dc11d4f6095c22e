"""trustsim sweep end to end: the file it writes, results independent of
threads and of other variants, and the comparison that summary prints."""
import h5py
import numpy as np
import pytest

from sweep_helpers import (assert_same_results, comparison_frame, summary_frame,
                           write_sweep)

VARIANTS = {"online": {"meetings.regime": "online"},
            "facilitators": {"interventions.facilitators.enabled": True}}
GRID = {"meetings.face_to_face_fraction": [0.2, 0.6]}


def test_sweep_writes_summary_comparison_and_runs(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, variants=VARIANTS, grid=GRID, replicates=3)
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out.h5"
    assert not (tmp_path / "out.h5.parts").exists()  # the work directory is gone
    assert list(tmp_path.glob("*.tmp-*")) == []

    summary = summary_frame(out)
    assert len(summary) == 2 * 3 * 3  # grid points x variants x replicates
    assert list(summary.columns[:5]) == ["run_id", "variant", "replicate", "seed",
                                        "meetings.face_to_face_fraction"]
    assert list(summary.run_id) == list(range(18))
    assert summary.variant.iloc[:9].tolist() == ["baseline"] * 3 + ["online"] * 3 + ["facilitators"] * 3
    assert sorted(summary["meetings.face_to_face_fraction"].unique()) == [0.2, 0.6]
    assert summary.seed.nunique() == 18

    with h5py.File(out, "r") as f:
        assert f.attrs["kind"] == "sweep"
        assert f.attrs["run_count"] == 18
        assert f.attrs["seed"] == 17
        assert '"facilitators"' in f.attrs["scenario_given"]
        assert len(f["runs"]) == 18
        run = f["runs/run_000004"]
        assert run.attrs["variant"] == "online"
        assert run.attrs["seed"] == summary.seed[4]
        assert '"online"' in run.attrs["parameters"]

    comparison = comparison_frame(out)
    assert list(comparison.columns) == ["variant", "meetings.face_to_face_fraction", "outcome", "n",
                                        "mean", "ci_low", "ci_high", "diff", "diff_ci_low",
                                        "diff_ci_high", "paired_diff", "paired_diff_ci_low",
                                        "paired_diff_ci_high", "better", "prob_improves"]
    assert len(comparison) == 2 * 3 * 30  # grid cells x variants x outcomes
    row = comparison[(comparison.variant == "online") & (comparison.outcome == "trust_between") &
                     (comparison["meetings.face_to_face_fraction"] == 0.6)].iloc[0]
    runs = summary[(summary["meetings.face_to_face_fraction"] == 0.6)]
    online = runs[runs.variant == "online"].trust_between
    baseline = runs[runs.variant == "baseline"].trust_between
    assert row.n == 3
    assert row["mean"] == pytest.approx(online.mean())
    assert row["diff"] == pytest.approx(online.mean() - baseline.mean())
    assert row.ci_low < row["mean"] < row.ci_high
    assert np.isnan(comparison[comparison.variant == "baseline"]["diff"]).all()


def test_results_do_not_depend_on_threads(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, variants=VARIANTS, replicates=3)
    for threads, name in ((1, "one.h5"), (2, "two.h5")):
        result = trustsim("sweep", sweep, "-o", name, "--threads", threads)
        assert result.returncode == 0, result.stderr
    assert_same_results(tmp_path / "one.h5", tmp_path / "two.h5")


def test_adding_a_variant_leaves_the_other_runs_unchanged(trustsim, tmp_path):
    before = write_sweep(tmp_path, "before.json", variants={"online": VARIANTS["online"]}, grid=GRID)
    after = write_sweep(tmp_path, "after.json", variants=VARIANTS, grid=GRID)
    assert trustsim("sweep", before, "-o", "before.h5").returncode == 0
    assert trustsim("sweep", after, "-o", "after.h5").returncode == 0
    key = ["variant", "meetings.face_to_face_fraction", "replicate"]
    old = summary_frame(tmp_path / "before.h5").set_index(key)
    new = summary_frame(tmp_path / "after.h5").set_index(key)
    assert len(new) == len(old) + 4
    same = new.loc[old.index]
    assert (same.seed.values == old.seed.values).all()
    outcomes = ["trust_within", "trust_between", "issues_raised", "issues_unraised", "incidents",
                "leavers", "hero_leavers", "headcount"]
    assert np.array_equal(same[outcomes].values, old[outcomes].values)
    # And the runs' own series, not only their outcomes.
    with h5py.File(tmp_path / "before.h5") as a, h5py.File(tmp_path / "after.h5") as b:
        for old_id, new_id in zip(old.run_id, same.run_id):
            x = a[f"runs/run_{old_id:06d}/daily/trust_between"][()]
            y = b[f"runs/run_{new_id:06d}/daily/trust_between"][()]
            assert np.array_equal(x, y)


def test_a_sweep_without_design_reproduces_trustsim_run(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, replicates=2, seed=5)
    assert trustsim("sweep", sweep, "-o", "sweep.h5").returncode == 0
    assert trustsim("run", "tiny.json", "-o", "run.h5", "--seed", 5, "--replicates", 2).returncode == 0
    swept, ran = summary_frame(tmp_path / "sweep.h5"), summary_frame(tmp_path / "run.h5")
    assert swept.seed.tolist() == ran.seed.tolist()
    assert np.array_equal(swept.trust_between.values, ran.trust_between.values)


def test_a_sampled_design_pools_its_points(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, replicates=1, variants={"online": VARIANTS["online"]},
                        sample={"method": "latin_hypercube", "count": 6,
                                "parameters": {"trust.informal_gain": [0.05, 0.2],
                                               "staff.vacancy_days": [20, 80]}})
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 0, result.stderr
    summary = summary_frame(tmp_path / "out.h5")
    assert len(summary) == 6 * 2
    gains = summary["trust.informal_gain"][summary.variant == "baseline"]
    # One point in each sixth of the range.
    assert sorted(((gains - 0.05) / 0.15 * 6).astype(int)) == [0, 1, 2, 3, 4, 5]
    assert (summary["staff.vacancy_days"] == summary["staff.vacancy_days"].round()).all()
    comparison = comparison_frame(tmp_path / "out.h5")
    assert "trust.informal_gain" not in comparison.columns  # pooled, not a cell
    assert (comparison.n == 6).all()


def test_summary_prints_the_comparison(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, variants=VARIANTS, replicates=3)
    assert trustsim("sweep", sweep, "-o", "out.h5").returncode == 0
    result = trustsim("summary", "out.h5")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Comparison with baseline" in text
    assert "trust_between (1)" in text
    assert "facilitators" in text and "online" in text
    assert "add --runs" in text
    listed = trustsim("summary", "out.h5", "--runs").stdout
    assert "run_id" in listed and len(listed.splitlines()) > len(text.splitlines())


def test_an_existing_output_needs_force(trustsim, tmp_path):
    sweep = write_sweep(tmp_path)
    assert trustsim("sweep", sweep, "-o", "out.h5").returncode == 0
    again = trustsim("sweep", sweep, "-o", "out.h5")
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert not (tmp_path / "out.h5.parts").exists()
    assert trustsim("sweep", sweep, "-o", "out.h5", "--force").returncode == 0


@pytest.mark.parametrize("name,runs", [("interventions", 450), ("regimes", 300),
                                       ("trust_sensitivity", 160)])
def test_shipped_sweeps_are_valid(trustsim, tmp_path, name, runs):
    from conftest import REPO
    result = trustsim("sweep", REPO / "scenarios" / f"{name}.json", "--dry-run", "-o", "out.h5")
    assert result.returncode == 0, result.stderr
    assert f": {runs} runs = " in result.stdout
    assert list(tmp_path.iterdir()) == []  # a dry run writes nothing


def test_dry_run_lists_the_plan(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, variants=VARIANTS, grid=GRID)
    result = trustsim("sweep", sweep, "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "12 runs = 3 variants x 2 design points x 2 replicates" in lines[0]
    assert lines[1] == "variants: baseline online facilitators"
    assert lines[3].split() == ["run_id", "variant", "replicate", "seed",
                                "meetings.face_to_face_fraction"]
    assert lines[4].split()[:3] == ["0", "baseline", "0"]
    assert not (tmp_path / "results").exists()


def test_team_summary_and_each_variants_window(trustsim, tmp_path):
    """/team_summary holds a row per run and team; with measure_from
    first_intervention each variant is measured from its intervention's
    start, the baseline (no intervention) from the earliest start, so that
    it is compared over the same days, and the comparison says so."""
    late = {"interventions.facilitators.enabled": True,
            "interventions.facilitators.start_day": 50}
    sweep = write_sweep(tmp_path, variants={"late": late}, measure_from="first_intervention")
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out.h5"
    with h5py.File(out, "r") as f:
        t = f["team_summary"]
        assert len(t["run"]) == 2 * 2 * 2  # variants x replicates x teams
        assert list(t["run"][()]) == [0, 0, 1, 1, 2, 2, 3, 3]
        assert [v.decode() for v in t["variant"][()]] == ["baseline"] * 4 + ["late"] * 4
        assert [f[f"runs/run_00000{r}"].attrs["measure_from_day"] for r in range(4)] == [50] * 4
        assert '"measure_from_day":50' in f["runs/run_000000"].attrs["parameters"]
        assert '"measure_from_day":50' in f["runs/run_000002"].attrs["parameters"]
        window = f["comparison"].attrs["window"]
    assert window.startswith("every outcome measured from day 50 to the end of each run")
    summary = summary_frame(out)
    daily_late = None
    with h5py.File(out, "r") as f:
        daily_late = f["runs/run_000002/daily/incidents"][()]
    assert summary.incidents[2] == daily_late[50:].sum()
    with h5py.File(out, "r") as f:
        assert summary.incidents[0] == f["runs/run_000000/daily/incidents"][50:].sum()
    result = trustsim("summary", "out.h5")
    assert window in result.stdout

    # /team_comparison: per team, the variant's mean and difference from baseline.
    with h5py.File(out, "r") as f:
        c = f["team_comparison"]
        columns = list(c.attrs["columns"])
        table = {k: c[k].asstr()[()] if c[k].dtype.kind == "O" else c[k][()] for k in columns}
        teams = f["team_summary"]
        values = teams["incidents"][()]
        team_of = teams["team"].asstr()[()]
    assert columns == ["variant", "locality", "team", "outcome", "n", "mean", "ci_low", "ci_high",
                       "diff", "diff_ci_low", "diff_ci_high"]
    rows = [i for i in range(len(table["variant"]))
            if table["variant"][i] == "late" and table["outcome"][i] == "incidents"]
    assert len(rows) == 2  # one per team
    first = rows[0]
    team = table["team"][first]
    late = [values[i] for i in range(4, 8) if team_of[i] == team]
    base = [values[i] for i in range(0, 4) if team_of[i] == team]
    assert table["n"][first] == 2
    assert table["mean"][first] == pytest.approx(np.mean(late))
    assert table["diff"][first] == pytest.approx(np.mean(late) - np.mean(base))


def test_variants_starting_on_different_days_keep_their_own_windows(trustsim, tmp_path):
    """Interventions starting on days 40 and 60: each variant from its own
    start, the baseline from the earliest (40), and the window says each."""
    def starting(day):
        return {"interventions.facilitators.enabled": True,
                "interventions.facilitators.start_day": day}
    sweep = write_sweep(tmp_path, variants={"early": starting(40), "late": starting(60)},
                        measure_from="first_intervention")
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 0, result.stderr
    with h5py.File(tmp_path / "out.h5", "r") as f:
        assert [f[f"runs/run_00000{r}"].attrs["measure_from_day"] for r in range(6)] == \
            [40, 40, 40, 40, 60, 60]
        window = f["comparison"].attrs["window"]
    assert window.startswith("outcomes measured to the end of each run from day 40 (baseline), "
                             "40 (early), 60 (late)")


def test_an_unknown_measure_from_is_refused(trustsim, tmp_path):
    sweep = write_sweep(tmp_path, measure_from="intervention")
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 2
    assert "/measure_from" in result.stderr
    assert not (tmp_path / "out.h5").exists()
