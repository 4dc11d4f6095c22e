"""Designs that answer researchers' questions, end to end on the model:
Morris and Sobol' sensitivity (/sensitivity), response curves over a grid,
and common random numbers (paired differences in /comparison)."""
import h5py
import numpy as np
import pytest

from sweep_helpers import comparison_frame, summary_frame, write_sweep

# Ignored under the tiny scenario: the intervention is off.
IGNORED = "interventions.difficult_conversations.threshold_shift"
# Drives how fast trust grows from informal contact.
ACTIVE = "trust.informal_gain"
PARAMETERS = {IGNORED: [0.0, 0.5], ACTIVE: [0.02, 0.3]}


def sensitivity_frame(path):
    import pandas as pd
    with h5py.File(path, "r") as f:
        s = f["sensitivity"]
        frame = pd.DataFrame({k: s[k].asstr()[()] if s[k].dtype.kind == "O" else s[k][()]
                              for k in s.attrs["columns"]})
        frame.attrs.update({k: s.attrs[k] for k in s.attrs})
        return frame


def run_sweep(trustsim, tmp_path, **fields):
    sweep = write_sweep(tmp_path, **fields)
    result = trustsim("sweep", sweep, "-o", "out.h5", "-q", timeout=600)
    assert result.returncode == 0, result.stderr
    return tmp_path / "out.h5"


def test_morris_design_size_and_indices(trustsim, tmp_path):
    out = run_sweep(trustsim, tmp_path, replicates=2,
                    sample={"method": "morris", "trajectories": 6, "parameters": PARAMETERS})
    summary = summary_frame(out)
    assert len(summary) == 6 * (2 + 1) * 2  # r (k + 1) points x replicates
    # Every design point runs replicate r with the same seed.
    assert summary.groupby("replicate").seed.nunique().tolist() == [1, 1]

    table = sensitivity_frame(out)
    assert table.attrs["method"] == "morris"
    assert list(table.columns) == ["method", "variant", "outcome", "parameter", "mu_star",
                                   "mu_star_ci_low", "mu_star_ci_high", "sigma", "sigma_ci_low",
                                   "sigma_ci_high"]
    ignored = table[table.parameter == IGNORED]
    assert len(ignored) == 30  # every outcome (sim/model/metrics.hpp)
    # An outcome undefined in every run (burnt_out_leaving_ratio needs a
    # window of 280 days; the tiny scenario has 80) has undefined indices.
    undefined = ignored.outcome == "burnt_out_leaving_ratio"
    assert ignored[undefined].mu_star.isna().all()
    ignored = ignored[~undefined]
    assert (ignored.mu_star_ci_low <= 0).all() and (ignored.mu_star_ci_high >= 0).all()
    assert (ignored.mu_star == 0).all()  # common seeds: the very same runs
    # The parameter the model uses moves trust, beyond replicate noise.
    active = table[(table.parameter == ACTIVE) & (table.outcome == "trust_within")].iloc[0]
    noise = table[(table.parameter == "(replicate noise)") & (table.outcome == "trust_within")].iloc[0]
    assert active.mu_star_ci_low > 0
    assert active.mu_star > noise.mu_star

    text = trustsim("summary", out).stdout
    assert "Sensitivity: Morris screening" in text
    assert "(replicate noise)" in text
    assert IGNORED in text


def test_sobol_design_size_and_ignored_parameter(trustsim, tmp_path):
    out = run_sweep(trustsim, tmp_path, replicates=2,
                    sample={"method": "sobol", "count": 8, "parameters": PARAMETERS})
    assert len(summary_frame(out)) == 8 * (2 + 2) * 2  # N (k + 2) points x replicates
    table = sensitivity_frame(out)
    assert table.attrs["method"] == "sobol"
    ignored = table[table.parameter == IGNORED]
    # An outcome that does not vary at all over the design (no incidents in
    # 80 days of the tiny scenario) has no variance to share out: NaN.
    varied = ignored[ignored.ST.notna()]
    assert set(varied.outcome) >= {"trust_within", "trust_between"}
    for index in ("S1", "ST"):
        assert (varied[f"{index}_ci_low"] <= 0).all(), varied
        assert (varied[f"{index}_ci_high"] >= 0).all(), varied
    active = table[(table.parameter == ACTIVE) & (table.outcome == "trust_within")].iloc[0]
    assert active.ST_ci_low > 0
    text = trustsim("summary", out).stdout
    assert "Sobol' indices" in text


def test_grid_response_table_matches_per_cell_means(trustsim, tmp_path):
    out = run_sweep(trustsim, tmp_path, replicates=3,
                    variants={"facilitators": {"interventions.facilitators.enabled": True}},
                    grid={"trust.half_life_days": [20, 60, 180]})
    summary = summary_frame(out)
    comparison = comparison_frame(out)
    means = summary.groupby(["variant", "trust.half_life_days"]).incidents.mean()
    rows = comparison[comparison.outcome == "incidents"]
    assert len(rows) == 2 * 3  # a row per variant and grid value: never pooled
    for _, row in rows.iterrows():
        assert row.n == 3
        assert row["mean"] == pytest.approx(means[(row.variant, row["trust.half_life_days"])])
    text = trustsim("summary", out).stdout
    assert "incidents (incidents) by grid value" in text
    block = text.split("incidents (incidents) by grid value")[1].split("\n\n")[0]
    baseline_60 = means[("baseline", 60.0)]
    line = next(l for l in block.splitlines() if l.split() and l.split()[0] == "60")
    assert f"{baseline_60:.0f}" in line or f"{baseline_60:.1f}" in line


SMALL = {"small": {"interventions.difficult_conversations.enabled": True,
                   "interventions.difficult_conversations.threshold_shift": 0.05}}


def test_common_random_numbers_narrow_the_paired_interval(trustsim, tmp_path):
    out = run_sweep(trustsim, tmp_path, replicates=12, variants=SMALL, common_random_numbers=True)
    summary = summary_frame(out)
    # Replicate r of both variants shares its seed.
    seeds = summary.pivot(index="replicate", columns="variant", values="seed")
    assert (seeds["small"] == seeds["baseline"]).all()
    comparison = comparison_frame(out)
    with h5py.File(out, "r") as f:
        assert f["comparison"].attrs["common_random_numbers"] == "true"
    small = comparison[comparison.variant == "small"].set_index("outcome")
    for outcome in ("trust_between", "trust_within"):
        row = small.loc[outcome]
        paired = row.paired_diff_ci_high - row.paired_diff_ci_low
        unpaired = row.diff_ci_high - row.diff_ci_low
        assert paired < unpaired, (outcome, paired, unpaired)
        assert row.paired_diff == pytest.approx(row["diff"])  # same runs, same mean difference
    assert "paired" in trustsim("summary", out).stdout


def test_without_common_random_numbers_paired_columns_are_nan(trustsim, tmp_path):
    out = run_sweep(trustsim, tmp_path, replicates=2, variants=SMALL)
    comparison = comparison_frame(out)
    assert comparison.paired_diff.isna().all()
    assert comparison["diff"].notna().any()


BAD = {
    "odd levels": (dict(sample={"method": "morris", "trajectories": 4, "levels": 3,
                                "parameters": PARAMETERS}), "/sample/levels: must be even"),
    "morris count": (dict(sample={"method": "morris", "trajectories": 4, "count": 3,
                                  "parameters": PARAMETERS}), "/sample/count: unknown key"),
    "no trajectories": (dict(sample={"method": "morris", "parameters": PARAMETERS}),
                        "/sample/trajectories: required"),
    "sobol count 1": (dict(sample={"method": "sobol", "count": 1, "parameters": PARAMETERS}),
                      "/sample/count: must be an integer in [2, "),
    "sobol with grid": (dict(sample={"method": "sobol", "count": 4, "parameters": PARAMETERS},
                             grid={"days": [40, 60]}), "/sample/method: a sobol design cannot"),
    "crn not boolean": (dict(common_random_numbers=1), "/common_random_numbers: must be true or false"),
    "sobol unknown parameter": (dict(sample={"method": "sobol", "count": 4,
                                             "parameters": {"trust.half_lfe_days": [1, 2]}}),
                                "/sample/parameters/trust.half_lfe_days/0: unknown key"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_design_is_refused_with_its_pointer(trustsim, tmp_path, case):
    fields, message = BAD[case]
    sweep = write_sweep(tmp_path, **fields)
    result = trustsim("sweep", sweep, "-o", "out.h5")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{sweep}: "), result.stderr
    assert message in result.stderr
    assert list(tmp_path.glob("out.h5*")) == []
