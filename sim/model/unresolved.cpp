// Seed 1: "Lack of 'everyday' trust creates much bigger team problems and
// potential patient safety issues". An unresolved issue stays open until
// the need passes, and each day it is open it may cause an incident, which
// brings it to light and so closes it. Every incident comes this way, from
// an issue that was not raised, raised but not resolved (a delay), or held
// by a workaround that failed or left with its holder: trust acts on safety
// only through raising, never by a term of its own.
#include <algorithm>

#include "model/day.hpp"
#include "model/parallel.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

enum class IssueFate : std::uint8_t { open, incident, need_passed };

// One open issue's day, from the fate drawn when it was left.
IssueFate todays_fate(const UnresolvedIssue& issue, int day) {
  if (day >= issue.incident_on) return IssueFate::incident;
  return day >= issue.need_passes_on ? IssueFate::need_passed : IssueFate::open;
}

}  // namespace

void leave_unresolved(World& world, IssueCause cause, std::int32_t team, int day) {
  world.unresolved.push_back(make_unresolved(world, world.next_unresolved_id++, cause, team, day));
}

UnresolvedIssue make_unresolved(const World& world, std::uint32_t id, IssueCause cause,
                                std::int32_t team, int day) {
  const auto& p = world.p.issues;
  // Each day open it causes an incident with probability
  // incident_hazard_per_day, or else its need passes with probability
  // 1 / unresolved_mean_days; its first day is today (age_unresolved_issues
  // runs after every phase that leaves issues). Drawn once, as two
  // geometric days: the same process as two draws a day. Addressed by its
  // id alone, as a workaround's fate is (make_workaround).
  RandomStream rng(world.seed, Purpose::unresolved_issue, Day(0), Subject(id));
  const std::int32_t incident_on = rng.first_day(day, p.incident_hazard_per_day);
  const std::int32_t need_passes_on = rng.first_day(day, 1.0 / p.unresolved_mean_days);
  return {id, cause, team, incident_on, need_passes_on};
}

void leave_unresolved_in_order(World& world, IssueCause cause,
                               const std::vector<std::vector<WorkaroundGone>>& gone, int day) {
  std::vector<WorkaroundGone> all;
  for (const auto& here : gone) all.insert(all.end(), here.begin(), here.end());
  std::sort(all.begin(), all.end(),
            [](const WorkaroundGone& a, const WorkaroundGone& b) { return a.id < b.id; });
  for (const WorkaroundGone& w : all) leave_unresolved(world, cause, w.team, day);
}

void age_unresolved_issues(World& world, int day, DayTally& tally) {
  // Fates are decided in parallel (a large system has thousands of issues
  // open), then applied in issue order.
  auto& open = world.unresolved;
  std::vector<IssueFate> fate(open.size());
  parallel_chunks(0, open.size(), 1024, [&](std::size_t first, std::size_t end) {
    for (std::size_t k = first; k != end; ++k) fate[k] = todays_fate(open[k], day);
  });
  std::size_t still_open = 0;
  tally.team_incidents.resize(world.teams.size(), 0);
  for (std::size_t k = 0; k < open.size(); ++k) {
    if (fate[k] == IssueFate::incident) {
      ++tally.incidents;
      ++tally.incidents_by_cause[static_cast<std::size_t>(open[k].cause)];
      ++tally.team_incidents[static_cast<std::size_t>(open[k].team)];
    }
    if (fate[k] == IssueFate::open) open[still_open++] = open[k];
  }
  open.resize(still_open);
}

}  // namespace trustsim
