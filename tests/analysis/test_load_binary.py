"""trustsim.load on a file the C++ binary made in this test run (`trustsim run`
on the tiny scenario in conftest.py). Skipped, with the reason, until the
binary is built. These also check the writer keeps docs/output-format.md."""

import h5py
import numpy as np
import pytest

import fixture_files as ff
from tiny_scenario import TINY_SCENARIO, TINY_STAFF
from trustsim import open_results

DAYS = TINY_SCENARIO["days"]
REPLICATES = TINY_SCENARIO["replicates"]
TAIL_DAYS = 60  # sim/model/metrics.hpp: outcome_tail_days
# The outcomes of the outputs issue (13), and those added since, with their
# units: the contract calibration and the reports build on, named as
# scenarios/targets/nhs.json names them. The loader takes names and units
# from the file.
NEW_OUTCOMES = [
    ("trust_across_organisations", "1"), ("trust_working", "1"),
    ("incidents_unraised", "incidents"), ("incidents_delayed", "incidents"),
    ("incidents_failed_workaround", "incidents"), ("incidents_lost_workaround", "incidents"),
    ("leaver_rate_per_year", "1/year"), ("vacancy_rate", "1"), ("burnt_out_share", "1"),
    ("withheld_share", "1"), ("meeting_attendance", "1"), ("meeting_participation", "1"),
    ("hours_routine", "hours"), ("hours_meetings", "hours"), ("hours_travel", "hours"),
    ("hours_issues", "hours"), ("hours_workarounds", "hours"), ("hours_interventions", "hours"),
    ("hours_rituals", "hours"),
    ("hours_total", "hours"), ("trust_incident_correlation", "r"),
    ("burnt_out_leaving_ratio", "ratio"),
]
NEW_DAILY = [
    ("trust_across_organisations", "1"), ("trust_working", "1"), ("working_pairs", "pairs/day"),
    ("incidents_unraised", "incidents/day"), ("incidents_delayed", "incidents/day"),
    ("incidents_failed_workaround", "incidents/day"), ("incidents_lost_workaround", "incidents/day"),
    ("vacant_posts", "posts"), ("burnt_out_staff", "staff"),
    ("meeting_invited_online", "staff/day"), ("meeting_attended_online", "staff/day"),
    ("meeting_participated_online", "staff/day"), ("meeting_invited_face_to_face", "staff/day"),
    ("meeting_attended_face_to_face", "staff/day"),
    ("meeting_participated_face_to_face", "staff/day"),
    ("hours_routine", "hours/day"), ("hours_meetings", "hours/day"), ("hours_travel", "hours/day"),
    ("hours_issues", "hours/day"), ("hours_workarounds", "hours/day"),
    ("hours_interventions", "hours/day"), ("hours_rituals", "hours/day"), ("hours_total", "hours/day"),
]
TEAM_OUTCOMES = [
    ("headcount", "staff"), ("trust_within", "1"), ("trust_between", "1"), ("trust_working", "1"),
    ("incidents", "incidents"), ("incidents_per_head_year", "incidents/staff/year"),
    ("issues_raised", "issues"), ("issues_unraised", "issues"), ("leavers", "staff"),
    ("burnt_out_share", "1"), ("psychological_safety", "1"),
]
OUTCOMES = ff.OUTCOMES + NEW_OUTCOMES
DAILY = ff.DAILY + NEW_DAILY


@pytest.fixture(scope="module")
def results(binary_run_file):
    return open_results(binary_run_file)


def test_summary_has_one_baseline_row_per_replicate(results):
    s = results.summary
    assert results.kind == "run"
    assert len(s) == REPLICATES
    assert s["run_id"].tolist() == list(range(REPLICATES))
    assert s["replicate"].tolist() == list(range(REPLICATES))
    assert results.variants == ["baseline"]
    assert list(s.columns[:4]) == ["run_id", "variant", "replicate", "seed"]
    assert results.outcomes == [name for name, _ in OUTCOMES]
    assert results.parameters == []
    assert s["seed"].nunique() == REPLICATES  # each run its own seed
    assert results.is_complete


def test_every_summary_and_daily_dataset_has_units_and_description(binary_run_file):
    with h5py.File(binary_run_file) as f:
        for path in ["summary/" + c for c in f["summary"].attrs["columns"]] + [
            "runs/run_000000/daily/" + name for name, _ in DAILY
        ]:
            assert "units" in f[path].attrs, path
            assert "description" in f[path].attrs, path


def test_every_metric_dataset_carries_its_name_and_label(binary_run_file, results):
    """Names, units, labels and descriptions are read from the file (one source: metrics.hpp)."""
    with h5py.File(binary_run_file) as f:
        for path in ["summary/" + name for name, _ in OUTCOMES] + ["runs/run_000000/daily/" + n for n, _ in DAILY]:
            attrs = f[path].attrs
            assert attrs["name"] == path.rsplit("/", 1)[1] and attrs["label"], path
    burnout = results.daily_metric("mean_burnout")
    assert (burnout.label, burnout.unit_text) == ("Mean burnout", "0–1")
    assert results.outcome_metric("headcount").axis_label == "Headcount at the end (staff)"


def test_the_loader_returns_every_new_column_with_its_units(results):
    """Issue 13: every new outcome, daily series and team column, with units
    from the file's attributes (no Python list of them in analysis/)."""
    units = results.summary.attrs["units"]
    for name, unit in NEW_OUTCOMES:
        assert name in results.summary.columns, name
        assert units[name] == unit, name
        assert results.outcome_metric(name).label, name
    for name, unit in NEW_DAILY:
        assert name in results.daily_wide.columns, name
        assert results.daily_metric(name).units == unit, name
    teams = results.team_summary
    assert list(teams.columns[:4]) == ["run", "variant", "team", "locality"]
    assert results.team_outcomes == [name for name, _ in TEAM_OUTCOMES]
    for name, unit in TEAM_OUTCOMES:
        assert teams.attrs["units"][name] == unit, name
        assert results.team_outcome_metric(name).description, name
    assert len(teams) == REPLICATES * 2  # the tiny scenario's two teams
    assert teams.notna().all().all()
    compared = results.team_comparison
    assert len(compared) == 2 * len(TEAM_OUTCOMES)  # one variant, two teams
    row = compared[(compared.team == teams.team[0]) & (compared.outcome == "incidents")].iloc[0]
    assert row.n == REPLICATES
    assert row["mean"] == pytest.approx(teams[teams.team == teams.team[0]].incidents.mean())
    s = results.summary
    for _, row in s.iterrows():
        causes = sum(row[c] for c in ("incidents_unraised", "incidents_delayed",
                                      "incidents_failed_workaround", "incidents_lost_workaround"))
        assert causes == row["incidents"]
        hours = sum(row["hours_" + c] for c in ("routine", "meetings", "travel", "issues",
                                                "workarounds", "interventions", "rituals"))
        assert hours == pytest.approx(row["hours_total"], rel=1e-12)
        run_teams = teams[teams["run"] == row["run_id"]]
        assert run_teams["incidents"].sum() == row["incidents"]


def test_daily_has_every_metric_for_every_day_of_every_run(results):
    d = results.daily
    assert len(d) == REPLICATES * DAYS * len(DAILY)
    assert sorted(d["metric"].unique()) == sorted(name for name, _ in DAILY)
    assert sorted(d["day"].unique()) == list(range(DAYS))
    assert d["value"].notna().all()


def test_daily_values_are_in_range(results):
    w = results.daily_wide
    for name in ("trust_within", "trust_between", "mean_burnout"):
        assert w[name].between(0, 1).all(), name
    for name in ("trust_across_organisations", "trust_working"):
        assert w[name].between(0, 1).all(), name
    counts = [name for name, units in DAILY if units != "1"]
    assert (w[counts] >= 0).all().all()
    assert (w["headcount"] <= TINY_STAFF).all() and (w["headcount"] > 0).all()


def test_outcomes_agree_with_the_daily_series(results):
    w = results.daily_wide
    for _, row in results.summary.iterrows():
        run = w[w["run_id"] == row["run_id"]].sort_values("day")
        tail = run.tail(min(TAIL_DAYS, DAYS))
        assert row["trust_between"] == pytest.approx(tail["trust_between"].mean())
        assert row["trust_within"] == pytest.approx(tail["trust_within"].mean())
        for total in ("issues_raised", "issues_unraised", "incidents", "leavers", "hero_leavers"):
            assert row[total] == pytest.approx(run[total].sum()), total
        assert row["headcount"] == run["headcount"].iloc[-1]


def test_team_trust_is_a_two_by_two_matrix_per_sample_in_range(results):
    tt = results.team_trust
    assert results.teams == ["A", "B"]
    per_run = tt.groupby("run_id").size()
    assert (per_run % 4 == 0).all() and per_run.nunique() == 1
    assert tt["day"].between(0, DAYS - 1).all()
    assert tt["trust"].between(0, 1).all()


def test_network_snapshots_hold_the_staff_and_ties_between_them(results):
    days = results.network_days(0)
    assert days and all(0 <= d < DAYS for d in days)
    net = results.network(0, days[-1])
    assert net.teams[:2] == ["A", "B"]
    assert 0 < len(net.nodes) <= TINY_STAFF
    assert set(net.nodes["team"]) <= {"A", "B"}
    assert set(net.nodes["organisation"]) <= {"community_provider", "primary_care", "acute_hospital"}
    assert set(net.nodes["profession"]) <= {"nurse", "gp", "pharmacist"}
    assert set(net.edges["source"]) | set(net.edges["target"]) <= set(net.nodes["staff_id"])
    assert net.edges["trust"].between(0, 1).all()
    assert (net.edges["source"] != net.edges["target"]).all()


def test_provenance_carries_the_scenario_and_the_seed(results):
    p = results.provenance
    assert p["format"] == "trustsim"
    assert p["format_version"] == 1
    assert p["kind"] == "run"
    assert p["run_count"] == REPLICATES
    assert p["scenario_given"]["days"] == DAYS
    assert isinstance(p["scenario_resolved"], dict)
    for key in ("program_version", "git_commit", "created_utc", "command_line", "seed"):
        assert key in p, key


def test_comparison_of_a_run_is_read_from_the_file(results):
    c = results.comparison
    assert results.comparison_source == "file"
    assert set(c["variant"]) == {"baseline"}
    assert (c["n"] == REPLICATES).all()
    row = c[c["outcome"] == "incidents"].iloc[0]
    assert row["mean"] == pytest.approx(results.summary["incidents"].mean())
    assert np.isnan(row["diff"])  # nothing to differ from


def test_to_xarray_on_the_binary_file(results):
    pytest.importorskip("xarray", reason="python3-xarray is not installed")
    ds = results.to_xarray()
    assert ds["headcount"].shape == (REPLICATES, DAYS)
    np.testing.assert_array_equal(ds["run_id"].values, np.arange(REPLICATES))
