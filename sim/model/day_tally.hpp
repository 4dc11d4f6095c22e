// What one working day counts: the daily series come from these. Phases
// that run per block of staff fill their own tallies, which are added up in
// a fixed order; the per-team columns are filled once a day by run_day.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace trustsim {

// Why an issue was left open with nobody working on it, which is where
// every incident comes from (unresolved.cpp).
enum class IssueCause : std::uint8_t {
  unraised,           // not raised, and nobody worked around it
  delayed,            // raised but not resolved, and nobody worked around it
  failed_workaround,  // a workaround failed for want of top-up
  lost_workaround,    // an implicit workaround left with its holder
};
inline constexpr std::size_t issue_cause_count = 4;

struct DayTally {
  std::int64_t issues_raised = 0;
  std::int64_t issues_unraised = 0;
  std::int64_t issues_resolved = 0;
  std::int64_t incidents = 0;
  std::array<std::int64_t, issue_cause_count> incidents_by_cause{};
  std::int64_t leavers = 0;
  std::int64_t hero_leavers = 0;
  std::int64_t workarounds_failed = 0;
  std::int64_t workarounds_lost = 0;
  std::int64_t informal_contacts = 0;
  std::int64_t overloaded_staff = 0;  // hours worked above hours_per_day
  double hours_worked = 0.0;          // all active staff, every task
  std::int64_t rituals_held = 0;      // team gatherings held

  // Per team (World::teams order); empty in the tallies of blocks.
  std::vector<std::int64_t> team_incidents;
  std::vector<double> team_hours;
  std::vector<std::int64_t> team_headcount;
  // Each team's psychological safety at the end of the day (climate.cpp);
  // set once a day by run_day, not added up.
  std::vector<double> team_psychological_safety;

  DayTally& operator+=(const DayTally& o);
};

}  // namespace trustsim
