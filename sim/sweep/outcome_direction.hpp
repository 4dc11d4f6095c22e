// Which way each per-run outcome (model/metrics.hpp's outcome_info) is
// better, for the comparison's prob_improves: only where the meaning is
// unambiguous. More trust is better, fewer incidents, leavers and
// withheld (unraised) issues are better. The count of issues raised is not:
// more raising is more voice, but also more trouble to raise; headcount
// is not either: a variant may change the establishment itself. Hours are
// costs that buy something, so no direction either; attendance and
// participation trade off between modes. The burnt-out leaving ratio
// describes how burnout drives leaving, not whether a team fares well.
#pragma once

#include <array>
#include <string_view>

#include "model/metrics.hpp"

namespace trustsim {

enum class Better { higher, lower, neither };

struct OutcomeDirection {
  const char* outcome;  // an outcome_info name
  Better better;
};

inline constexpr std::array<OutcomeDirection, outcome_count> outcome_direction{{
    {"trust_within", Better::higher},
    {"trust_between", Better::higher},
    {"issues_raised", Better::neither},
    {"issues_unraised", Better::lower},
    {"incidents", Better::lower},
    {"leavers", Better::lower},
    {"hero_leavers", Better::lower},
    {"headcount", Better::neither},
    {"trust_across_organisations", Better::higher},
    {"trust_working", Better::higher},
    {"incidents_unraised", Better::lower},
    {"incidents_delayed", Better::lower},
    {"incidents_failed_workaround", Better::lower},
    {"incidents_lost_workaround", Better::lower},
    {"leaver_rate_per_year", Better::lower},
    {"vacancy_rate", Better::lower},
    {"burnt_out_share", Better::lower},
    {"withheld_share", Better::lower},
    {"meeting_attendance", Better::neither},
    {"meeting_participation", Better::neither},
    {"hours_routine", Better::neither},
    {"hours_meetings", Better::neither},
    {"hours_travel", Better::neither},
    {"hours_issues", Better::neither},
    {"hours_workarounds", Better::neither},
    {"hours_interventions", Better::neither},
    {"hours_rituals", Better::neither},
    {"hours_total", Better::neither},
    {"trust_incident_correlation", Better::neither},
    {"burnt_out_leaving_ratio", Better::neither},
}};

// Written into /comparison's `better` column: "higher", "lower" or "".
constexpr const char* better_text(Better better) {
  return better == Better::higher ? "higher" : better == Better::lower ? "lower" : "";
}

// The direction of outcome_info[o]; a compile-time check below keeps the
// two tables in step.
constexpr Better better_direction(std::size_t o) { return outcome_direction[o].better; }

namespace detail {
constexpr bool same_text(const char* a, const char* b) {
  return std::string_view(a) == std::string_view(b);
}
constexpr bool directions_in_step() {
  for (std::size_t o = 0; o < outcome_count; ++o)
    if (!same_text(outcome_direction[o].outcome, outcome_info[o].name)) return false;
  return true;
}
}  // namespace detail
static_assert(detail::directions_in_step(),
              "outcome_direction must list model/metrics.hpp's outcomes in their order");

}  // namespace trustsim
