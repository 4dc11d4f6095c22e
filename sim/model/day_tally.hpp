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

// What a person's hours went on (the time budget). Every hour worked is in
// exactly one category, so the categories add up to the hours worked.
enum class Spent : std::uint8_t {
  routine,        // a post's routine work, covering vacancies and inducting newcomers
  meetings,       // attending team and cross-team meetings
  travel,         // journeys to in-person meetings at another site
  issues,         // raising issues and resolving those raised
  workarounds,    // holding implicit and explicit workarounds
  interventions,  // facilitation, difficult conversations, data-sharing requests,
                  // revisiting explicit workarounds, handing over a hero's load,
                  // learning reviews (just culture), convening new rituals
  rituals,        // a team's habitual informal gatherings (huddle, coffee, lunch)
};
inline constexpr std::size_t spent_count = 7;

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
  std::int64_t overloaded_staff = 0;              // hours worked above hours_per_day
  double hours_worked = 0.0;                      // all active staff, every task
  std::array<double, spent_count> hours_spent{};  // the same hours by Spent
  // Invitations, attendances and participations, by MeetingMode (parameters.hpp).
  std::array<std::int64_t, 2> meeting_invited{};
  std::array<std::int64_t, 2> meeting_attended{};
  std::array<std::int64_t, 2> meeting_participated{};
  // Who left an issue unraised today, one entry per issue: their slot and
  // their team then; and the team of whoever raised each issue raised.
  // Lists rather than per-team columns, so that a block of staff adds only
  // what it counted, whatever the number of teams.
  std::vector<std::uint32_t> withheld_by;
  std::vector<std::int32_t> withheld_in_team;
  std::vector<std::int32_t> raised_in_team;
  std::int64_t rituals_held = 0;  // team gatherings held

  // Per team (World::teams order); empty in the tallies of blocks.
  std::vector<std::int64_t> team_incidents;
  std::vector<double> team_hours;
  std::vector<std::int64_t> team_headcount;
  std::vector<std::int64_t> team_leavers;  // by the leaver's home team
  // Each team's psychological safety at the end of the day (climate.cpp);
  // set once a day by run_day, not added up.
  std::vector<double> team_psychological_safety;

  DayTally& operator+=(const DayTally& o);
};

}  // namespace trustsim
