"""The names, units and plain-language labels of trustsim's metrics.

The names mirror sim/model/metrics.hpp, the one list every tool relies on
(tests/analysis/test_metrics.py checks the two agree). Units come from the
file when it has them; these are the fallback and the human wording the
figures and the report use.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    units: str
    label: str  # what a reader of a figure calls it

    @property
    def axis_label(self) -> str:
        """Label with units, e.g. "Incidents (incidents/day)"."""
        if not self.units:
            return self.label
        units = "0–1" if self.units == "1" else self.units
        return f"{self.label} ({units})"

    @property
    def is_trust(self) -> bool:
        return self.units == "1"


# Daily series, in the order of trustsim::Daily.
DAILY = (
    Metric("trust_within", "1", "Trust within teams"),
    Metric("trust_between", "1", "Trust between teams"),
    Metric("issues_raised", "issues/day", "Issues raised"),
    Metric("issues_unraised", "issues/day", "Issues not raised"),
    Metric("issues_resolved", "issues/day", "Issues resolved"),
    Metric("incidents", "incidents/day", "Patient-safety incidents"),
    Metric("leavers", "staff/day", "Leavers"),
    Metric("hero_leavers", "staff/day", "Lone heroes leaving"),
    Metric("headcount", "staff", "Headcount"),
    Metric("unresolved_issues", "issues", "Unresolved issues open"),
    Metric("implicit_workarounds", "workarounds", "Implicit workarounds held"),
    Metric("explicit_workarounds", "workarounds", "Explicit workarounds held"),
    Metric("workarounds_failed", "workarounds/day", "Workarounds failed"),
    Metric("workarounds_lost", "workarounds/day", "Workarounds lost with leavers"),
    Metric("mean_burnout", "1", "Mean burnout"),
    Metric("informal_contacts", "contacts/day", "Informal contacts"),
)

# Per-run outcomes (one number per run), in the order of trustsim::Outcome.
# Trust outcomes are means over the final 60 days, counts are run totals.
OUTCOMES = (
    Metric("trust_within", "1", "Trust within teams"),
    Metric("trust_between", "1", "Trust between teams"),
    Metric("issues_raised", "issues", "Issues raised"),
    Metric("issues_unraised", "issues", "Issues not raised"),
    Metric("incidents", "incidents", "Patient-safety incidents"),
    Metric("leavers", "staff", "Leavers"),
    Metric("hero_leavers", "staff", "Lone heroes leaving"),
    Metric("headcount", "staff", "Headcount at the end"),
)

DAILY_BY_NAME = {m.name: m for m in DAILY}
OUTCOMES_BY_NAME = {m.name: m for m in OUTCOMES}

# The outcomes a policy reader compares interventions on (the forest plot).
POLICY_OUTCOMES = ("trust_between", "issues_unraised", "incidents", "leavers")

# For these outcomes more is better; for the other policy outcomes less is.
HIGHER_IS_BETTER = frozenset({"trust_within", "trust_between", "issues_raised", "headcount"})

# Counts per day are noisy; figures smooth them with a rolling mean.
SMOOTHED_DAILY = frozenset(m.name for m in DAILY if m.units.endswith("/day"))

BASELINE = "baseline"


def daily_metric(name: str) -> Metric:
    """The metric of that name, or a plain one for a name we do not know yet."""
    return DAILY_BY_NAME.get(name, Metric(name, "", name.replace("_", " ").capitalize()))


def outcome_metric(name: str) -> Metric:
    return OUTCOMES_BY_NAME.get(name, Metric(name, "", name.replace("_", " ").capitalize()))
