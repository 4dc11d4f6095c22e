"""Writes small trustsim output files exactly as docs/output-format.md lays
them out, so analysis/ can be tested before (and apart from) the C++ binary.

The numbers are synthetic but shaped like the model's: interventions move
trust between teams by known amounts, unraised issues fall as trust rises,
incidents follow unraised issues. Outcomes are computed from the daily series
by the definitions in sim/model/metrics.hpp, so tests can check the two agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import h5py
import numpy as np

TEAMS = ["Frailty East", "Frailty West", "Young-onset dementia", "Pharmacy"]
ORGANISATIONS = ["acute_hospital", "community_provider", "primary_care", "social_care", "mental_health"]
PROFESSIONS = ["nurse", "gp", "geriatrician", "pharmacist", "social_worker", "ot"]
STAFF_PER_TEAM = 8

DAILY = [
    ("trust_within", "1"),
    ("trust_between", "1"),
    ("issues_raised", "issues/day"),
    ("issues_unraised", "issues/day"),
    ("issues_resolved", "issues/day"),
    ("incidents", "incidents/day"),
    ("leavers", "staff/day"),
    ("hero_leavers", "staff/day"),
    ("headcount", "staff"),
    ("unresolved_issues", "issues"),
    ("implicit_workarounds", "workarounds"),
    ("explicit_workarounds", "workarounds"),
    ("workarounds_failed", "workarounds/day"),
    ("workarounds_lost", "workarounds/day"),
    ("mean_burnout", "1"),
    ("informal_contacts", "contacts/day"),
]
OUTCOMES = [
    ("trust_within", "1"),
    ("trust_between", "1"),
    ("issues_raised", "issues"),
    ("issues_unraised", "issues"),
    ("incidents", "incidents"),
    ("leavers", "staff"),
    ("hero_leavers", "staff"),
    ("headcount", "staff"),
]
TAIL_DAYS = 60
# The `label` attribute the binary writes on each metric's dataset.
LABELS = {
    "trust_within": "Trust within teams", "trust_between": "Trust between teams", "issues_raised": "Issues raised",
    "issues_unraised": "Issues not raised", "issues_resolved": "Issues resolved",
    "incidents": "Patient-safety incidents", "leavers": "Leavers", "hero_leavers": "Lone heroes leaving",
    "headcount": "Headcount", "unresolved_issues": "Unresolved issues open",
    "implicit_workarounds": "Implicit workarounds held", "explicit_workarounds": "Explicit workarounds held",
    "workarounds_failed": "Workarounds failed", "workarounds_lost": "Workarounds lost with leavers",
    "mean_burnout": "Mean burnout", "informal_contacts": "Informal contacts",
}

# How much each named intervention shifts trust between teams at steady state.
VARIANT_EFFECT = {"baseline": 0.0, "face_to_face": 0.08, "facilitators": 0.05, "online_only": -0.06}

STR = h5py.string_dtype("utf-8")


@dataclass
class RunPlan:
    run_id: int
    variant: str
    replicate: int
    seed: int
    parameters: dict = field(default_factory=dict)  # swept dotted key -> value


def simulate(plan: RunPlan, days: int) -> dict:
    """Daily series of one synthetic run."""
    rng = np.random.default_rng(plan.seed)
    t = np.arange(days)
    p = plan.parameters
    effect = VARIANT_EFFECT.get(plan.variant, 0.0)
    effect += 0.2 * p.get("meetings.face_to_face_fraction", 0.0) + 0.5 * p.get("trust.informal_gain", 0.0)
    rise = 1 - np.exp(-t / 40)
    between = np.clip(0.32 + effect * rise + rng.normal(0, 0.004, days), 0, 1)
    within = np.clip(0.55 + 0.05 * rise + rng.normal(0, 0.004, days), 0, 1)
    threshold = p.get("issues.raise_threshold", 0.45)
    unraised = rng.poisson(np.maximum(0.1, 6 * (1 + 2 * (threshold - 0.45)) * (1 - 2.5 * (between - 0.32))))
    raised = rng.poisson(np.full(days, 9.0))
    incidents = rng.binomial(unraised, 0.03)
    leavers = rng.binomial(STAFF_PER_TEAM * len(TEAMS), 0.002 + 0.002 * (effect < 0), days)
    hires = np.concatenate([np.zeros(30, int), leavers[:-30]])[:days]  # vacancy filled after 30 days
    headcount = STAFF_PER_TEAM * len(TEAMS) - np.cumsum(leavers) + np.cumsum(hires)
    implicit = np.cumsum(rng.binomial(unraised, 0.2)) * 0.1
    return {
        "trust_within": within,
        "trust_between": between,
        "issues_raised": raised.astype(float),
        "issues_unraised": unraised.astype(float),
        "issues_resolved": rng.binomial(raised, 0.85).astype(float),
        "incidents": incidents.astype(float),
        "leavers": leavers.astype(float),
        "hero_leavers": rng.binomial(leavers, 0.3).astype(float),
        "headcount": headcount.astype(float),
        "unresolved_issues": np.cumsum(rng.binomial(unraised, 0.3)) * 0.05,
        "implicit_workarounds": implicit,
        "explicit_workarounds": np.zeros(days),
        "workarounds_failed": rng.poisson(0.2, days).astype(float),
        "workarounds_lost": rng.binomial(leavers, 0.5).astype(float),
        "mean_burnout": np.clip(0.2 + 0.1 * rise + rng.normal(0, 0.01, days), 0, 1),
        "informal_contacts": rng.poisson(60 * (1 + effect), days).astype(float),
    }


def outcomes_of(daily: dict) -> dict:
    """Outcomes by the definitions in sim/model/metrics.hpp."""
    tail = slice(-min(TAIL_DAYS, len(daily["trust_within"])), None)
    return {
        "trust_within": float(daily["trust_within"][tail].mean()),
        "trust_between": float(daily["trust_between"][tail].mean()),
        "issues_raised": float(daily["issues_raised"].sum()),
        "issues_unraised": float(daily["issues_unraised"].sum()),
        "incidents": float(daily["incidents"].sum()),
        "leavers": float(daily["leavers"].sum()),
        "hero_leavers": float(daily["hero_leavers"].sum()),
        "headcount": float(daily["headcount"][-1]),
    }


def team_trust(plan: RunPlan, days: int, every: int) -> tuple:
    """(sample days, trust[s, a, b]) with a strong diagonal that strengthens."""
    sample_days = np.arange(0, days, every, dtype=np.int32)
    n = len(TEAMS)
    rng = np.random.default_rng(plan.seed + 1)
    base = 0.3 + 0.04 * rng.random((n, n))
    np.fill_diagonal(base, 0.55)
    rise = (1 - np.exp(-sample_days / 40))[:, None, None]
    shift = VARIANT_EFFECT.get(plan.variant, 0.0) * (1 - np.eye(n)) + 0.05 * np.eye(n)
    return sample_days, np.clip(base[None] + rise * shift[None], 0, 1)


def network(plan: RunPlan, day: int) -> dict:
    """Node and edge tables: dense ties within teams, a few between."""
    rng = np.random.default_rng(plan.seed + 1000 + day)
    staff = np.arange(STAFF_PER_TEAM * len(TEAMS), dtype=np.uint32)
    team = (staff // STAFF_PER_TEAM).astype(np.int32)
    sources, targets, trust = [], [], []
    for i in staff:
        for j in staff:
            if i == j:
                continue
            same = team[i] == team[j]
            if rng.random() < (0.6 if same else 0.04):
                sources.append(i)
                targets.append(j)
                trust.append(rng.uniform(0.5, 0.95) if same else rng.uniform(0.32, 0.7))
    return {
        "staff_id": staff,
        "team": team,
        "organisation": (staff % len(ORGANISATIONS)).astype(np.int32),
        "profession": (staff % len(PROFESSIONS)).astype(np.int32),
        "source": np.asarray(sources, dtype=np.uint32),
        "target": np.asarray(targets, dtype=np.uint32),
        "trust": np.asarray(trust, dtype=np.float64),
    }


def _dataset(group, name, data, units, description, dtype=None):
    ds = group.create_dataset(name, data=data, dtype=dtype)
    ds.attrs["units"] = units
    ds.attrs["description"] = description
    return ds


def _columns(group, table: dict, units: dict):
    group.attrs.create("columns", list(table), dtype=STR)
    for name, values in table.items():
        values = np.asarray(values)
        dtype = STR if values.dtype.kind in "OU" else None
        _dataset(group, name, values.astype(object) if dtype else values, units.get(name, ""), name, dtype)


def _comparison(summaries: list, baseline: str) -> dict:
    """/comparison with normal-approximation intervals, so that tests can tell
    the file's table (z = 1.96) from the one analysis/ computes (Student t)."""
    columns = {k: [] for k in ["variant", "outcome", "n", "mean", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high"]}
    variants = list(dict.fromkeys(s["variant"] for s in summaries))
    for variant in variants:
        for outcome, _ in OUTCOMES:
            x = np.array([s[outcome] for s in summaries if s["variant"] == variant])
            b = np.array([s[outcome] for s in summaries if s["variant"] == baseline])
            half = 1.96 * x.std(ddof=1) / np.sqrt(len(x))
            diff = x.mean() - b.mean()
            dhalf = 1.96 * np.sqrt(x.var(ddof=1) / len(x) + b.var(ddof=1) / len(b))
            if variant == baseline:
                diff = dhalf = 0.0
            for key, value in zip(
                columns,
                [variant, outcome, len(x), x.mean(), x.mean() - half, x.mean() + half, diff, diff - dhalf, diff + dhalf],
            ):
                columns[key].append(value)
    columns["n"] = np.asarray(columns["n"], dtype=np.int64)
    return columns


def write_file(path, plans, days, kind, swept=(), comparison=False, missing=(), team_trust_every=5, seed=42):
    """Write one output file. Runs in `missing` keep their /summary row but
    have no /runs group, as in a sweep that is being resumed."""
    scenario = {"days": days, "replicates": max(p.replicate for p in plans) + 1}
    summaries = []
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "trustsim"
        f.attrs["format_version"] = np.int64(1)
        f.attrs["program_version"] = "0.1.0"
        f.attrs["git_commit"] = "fixture"
        f.attrs["created_utc"] = "2026-01-01T00:00:00Z"
        f.attrs["command_line"] = f"trustsim {kind} fixture.json -o {path}"
        f.attrs["kind"] = kind
        f.attrs["seed"] = np.uint64(seed)
        f.attrs["scenario_given"] = json.dumps(scenario)
        f.attrs["scenario_resolved"] = json.dumps({**scenario, "teams": TEAMS})
        f.attrs["run_count"] = np.int64(len(plans))

        runs = f.create_group("runs")
        for plan in plans:
            daily = simulate(plan, days)
            summaries.append({"variant": plan.variant, **outcomes_of(daily)})
            if plan.run_id in missing:
                continue
            g = runs.create_group(f"run_{plan.run_id:06d}")
            g.attrs["run_id"] = np.int64(plan.run_id)
            g.attrs["variant"] = plan.variant
            g.attrs["replicate"] = np.int64(plan.replicate)
            g.attrs["seed"] = np.uint64(plan.seed)
            g.attrs["parameters"] = json.dumps({**scenario, **plan.parameters})
            d = g.create_group("daily")
            d.attrs.create("columns", [m for m, _ in DAILY], dtype=STR)
            _dataset(d, "day", np.arange(days, dtype=np.int32), "day", "working day")
            for name, units in DAILY:
                ds = _dataset(d, name, daily[name], units, name)
                ds.attrs["name"], ds.attrs["label"] = name, LABELS[name]
            t = g.create_group("team_trust")
            sample_days, trust = team_trust(plan, days, team_trust_every)
            _dataset(t, "day", sample_days, "day", "sample day")
            _dataset(t, "team", np.array(TEAMS, dtype=object), "", "team names", STR)
            _dataset(t, "trust", trust, "1", "mean trust between teams").attrs.create(
                "dimensions", ["day", "from_team", "to_team"], dtype=STR
            )
            n = g.create_group("network")
            for key, names in (("teams", TEAMS), ("organisations", ORGANISATIONS), ("professions", PROFESSIONS)):
                n.attrs.create(key, names, dtype=STR)
            for day in (0, days - 1):
                s = n.create_group(f"day_{day:04d}")
                s.attrs["day"] = np.int32(day)
                for name, values in network(plan, day).items():
                    _dataset(s, name, values, "1" if name == "trust" else "", name)

        table = {
            "run_id": np.array([p.run_id for p in plans], dtype=np.int64),
            "variant": np.array([p.variant for p in plans], dtype=object),
            "replicate": np.array([p.replicate for p in plans], dtype=np.int64),
            "seed": np.array([p.seed for p in plans], dtype=np.uint64),
        }
        for key in swept:
            table[key] = np.array([p.parameters[key] for p in plans], dtype=np.float64)
        for name, _ in OUTCOMES:
            table[name] = np.array([s[name] for s in summaries], dtype=np.float64)
        summary = f.create_group("summary")
        _columns(summary, table, dict(OUTCOMES))
        for key in swept:
            summary[key].attrs["description"] = f"swept parameter {key}"
        for name, _ in OUTCOMES:
            summary[name].attrs["name"], summary[name].attrs["label"] = name, LABELS[name]
        if comparison:
            _columns(f.create_group("comparison"), _comparison(summaries, "baseline"), {"n": "runs"})
    return path


def write_run_file(path, days=90, replicates=3):
    plans = [RunPlan(r, "baseline", r, 1000 + r) for r in range(replicates)]
    return write_file(path, plans, days, "run")


SWEEP_VARIANTS = ("baseline", "face_to_face", "facilitators", "online_only")


def write_sweep_file(path, days=90, replicates=4, comparison=True, missing=()):
    plans = [
        RunPlan(v * replicates + r, variant, r, 2000 + 17 * v + r)
        for v, variant in enumerate(SWEEP_VARIANTS)
        for r in range(replicates)
    ]
    return write_file(path, plans, days, "sweep", comparison=comparison, missing=missing)


SAMPLED_PARAMETERS = (
    "meetings.face_to_face_fraction",  # raises trust between teams
    "trust.informal_gain",  # raises trust between teams
    "issues.raise_threshold",  # raises unraised issues
    "trust.half_life_days",  # no effect in the fixture
)


def write_sampled_file(path, points=40, days=30):
    rng = np.random.default_rng(7)
    plans = []
    for i in range(points):
        parameters = {
            "meetings.face_to_face_fraction": rng.uniform(0, 1),
            "trust.informal_gain": rng.uniform(0.02, 0.2),
            "issues.raise_threshold": rng.uniform(0.3, 0.6),
            "trust.half_life_days": rng.uniform(30, 180),
        }
        plans.append(RunPlan(i, "baseline", 0, 3000 + i, parameters))  # one variant over the points
    return write_file(path, plans, days, "sweep", swept=SAMPLED_PARAMETERS)


# --- a calibration file (docs/calibration.md) ------------------------------


def _calibration_table(group, columns):
    for name, values in columns.items():
        values = np.asarray(values)
        if values.dtype.kind in "UO":
            group.create_dataset(name, data=values.astype(object), dtype=h5py.string_dtype())
        else:
            group.create_dataset(name, data=values)
    group.attrs["columns"] = list(columns)


def write_calibration_file(path, n=200):
    """Two parameters; the posterior of `gain` has equal weights on 0.01 .. 2.00 / 10,
    so its weighted median and 5% / 95% points are known exactly."""
    rng = np.random.default_rng(4)
    gain = np.arange(1, n + 1) / (10 * n) * 2  # 0.001 .. 0.2
    rate = np.exp(rng.uniform(np.log(1e-4), np.log(1e-2), n))
    weight = np.full(n, 1.0 / n)
    with h5py.File(path, "w") as f:
        f.attrs.update({"format": "trustsim", "format_version": 1, "kind": "calibration",
                        "stop_reason": "reached max_populations (2)",
                        "scenario_resolved": json.dumps({"method": {"population_size": n}})})
        particles = {"particle": np.arange(n), "weight": weight, "distance": rng.uniform(0, 1, n),
                     "trust.informal_gain": gain, "staff.base_leave_per_day": rate,
                     "leavers": rng.normal(2.0, 0.5, n), "trust_within": rng.normal(0.6, 0.02, n)}
        _calibration_table(f.create_group("summary"), particles)
        c = f.create_group("calibration")
        _calibration_table(c.create_group("parameters"), {
            "key": ["trust.informal_gain", "staff.base_leave_per_day"],
            "prior": ["uniform", "log_uniform"],
            "low": [0.0, 1e-4], "high": [0.5, 1e-2]})
        _calibration_table(c.create_group("targets"), {
            "name": ["trust", "leaving"], "outcome": ["trust_within", "leavers"],
            "observed": [0.6, np.nan], "low": [0.6, 1.0], "high": [0.6, 3.0],
            "scale": [0.02, 1.0], "scale_kind": ["sd", "tolerance"],
            "source": ["a", "b"], "verified": [1, 0], "note": ["", ""]})
        _calibration_table(c.create_group("populations"), {
            "population": [0, 1], "tolerance": [np.inf, 1.5],
            "attempts": [n, 3 * n], "simulations": [2 * n, 8 * n],
            "accepted": [n, n], "acceptance_rate": [1.0, 1 / 3],
            "effective_sample_size": [n, n * 0.8]})
        prior = dict(particles)
        prior["trust.informal_gain"] = rng.uniform(0, 0.5, n)
        _calibration_table(c.create_group("population_000"), prior)
        _calibration_table(c.create_group("population_001"), particles)
        _calibration_table(c.create_group("posterior_predictive"), {
            "draw": np.arange(50), "particle": np.arange(50),
            "seed": np.arange(50, dtype=np.uint64),
            "leavers": np.linspace(0, 4, 50),
            "trust_within": np.linspace(0.5, 0.58, 50)})
    return path
