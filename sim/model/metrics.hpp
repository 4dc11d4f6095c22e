// The names every tool relies on: the daily series and the per-run outcomes.
// The HDF5 writer, `trustsim summary` and analysis/ all read these lists.
#pragma once

#include <array>
#include <cstddef>

namespace trustsim {

// name: the dataset and column name; units: "1" for a share or a 0-1
// score; label: what a figure or report calls it; description: how it is
// measured. Written onto every dataset, so analysis/ and h5dump need no copy.
struct MetricInfo {
  const char* name;
  const char* units;
  const char* label;
  const char* description;
};

enum class Daily : std::size_t {
  trust_within,
  trust_between,
  issues_raised,
  issues_unraised,
  issues_resolved,
  incidents,
  leavers,
  hero_leavers,
  headcount,
  unresolved_issues,
  implicit_workarounds,
  explicit_workarounds,
  workarounds_failed,
  workarounds_lost,
  mean_burnout,
  informal_contacts,
  count
};
inline constexpr std::size_t daily_count = static_cast<std::size_t>(Daily::count);

inline constexpr std::array<MetricInfo, daily_count> daily_info{{
    {"trust_within", "1", "Trust within teams",
     "mean trust T(i->j) over ordered pairs of active staff in the same team"},
    {"trust_between", "1", "Trust between teams",
     "mean trust T(i->j) over ordered pairs of active staff in different teams"},
    {"issues_raised", "issues/day", "Issues raised",
     "cross-boundary issues raised with the counterpart"},
    {"issues_unraised", "issues/day", "Issues not raised", "cross-boundary issues not raised"},
    {"issues_resolved", "issues/day", "Issues resolved", "raised issues resolved"},
    {"incidents", "incidents/day", "Patient-safety incidents",
     "patient-safety incidents from unresolved issues"},
    {"leavers", "staff/day", "Leavers", "staff who left"},
    {"hero_leavers", "staff/day", "Lone heroes leaving",
     "leavers whose conscientiousness marks them as lone heroes"},
    {"headcount", "staff", "Headcount", "active staff at the end of the day"},
    {"unresolved_issues", "issues", "Unresolved issues open",
     "issues open with nobody working on them, at the end of the day"},
    {"implicit_workarounds", "workarounds", "Implicit workarounds held",
     "implicit workarounds held at the end of the day"},
    {"explicit_workarounds", "workarounds", "Explicit workarounds held",
     "explicit workarounds held at the end of the day"},
    {"workarounds_failed", "workarounds/day", "Workarounds failed",
     "workarounds that failed for want of top-up"},
    {"workarounds_lost", "workarounds/day", "Workarounds lost with leavers",
     "implicit workarounds lost with a leaver"},
    {"mean_burnout", "1", "Mean burnout", "mean burnout of active staff"},
    {"informal_contacts", "contacts/day", "Informal contacts",
     "informal contacts (each counted once)"},
}};

enum class Outcome : std::size_t {
  trust_within,
  trust_between,
  issues_raised,
  issues_unraised,
  incidents,
  leavers,
  hero_leavers,
  headcount,
  count
};
inline constexpr std::size_t outcome_count = static_cast<std::size_t>(Outcome::count);

// Trust outcomes average the final tail of the run so one noisy day does not
// decide a comparison; counts are totals over the run.
inline constexpr int outcome_tail_days = 60;

inline constexpr std::array<MetricInfo, outcome_count> outcome_info{{
    {"trust_within", "1", "Trust within teams", "mean daily trust_within over the final 60 days"},
    {"trust_between", "1", "Trust between teams",
     "mean daily trust_between over the final 60 days"},
    {"issues_raised", "issues", "Issues raised", "issues raised over the run"},
    {"issues_unraised", "issues", "Issues not raised", "issues not raised over the run"},
    {"incidents", "incidents", "Patient-safety incidents", "patient-safety incidents over the run"},
    {"leavers", "staff", "Leavers", "staff who left over the run"},
    {"hero_leavers", "staff", "Lone heroes leaving", "lone heroes who left over the run"},
    {"headcount", "staff", "Headcount at the end", "active staff on the final day"},
}};

constexpr std::size_t index(Daily d) { return static_cast<std::size_t>(d); }
constexpr std::size_t index(Outcome o) { return static_cast<std::size_t>(o); }

}  // namespace trustsim
