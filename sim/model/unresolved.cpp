// Seed 1: "Lack of 'everyday' trust creates much bigger team problems and
// potential patient safety issues". An unresolved issue stays open until
// the need passes, and each day it is open it may cause an incident, which
// brings it to light and so closes it. Every incident comes this way, from
// an issue that was not raised, raised but not resolved (a delay), or held
// by a workaround that failed or left with its holder: trust acts on safety
// only through raising, never by a term of its own.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "model/day.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

enum class IssueFate : std::uint8_t { open, incident, need_passed };

// One open issue's day, from its own draws (addressed by its id).
IssueFate todays_fate(const World& world, const UnresolvedIssue& issue, int day) {
  const auto& p = world.p.issues;
  RandomStream rng(world.seed, Purpose::unresolved_issue, Day(day), Subject(issue.id));
  if (rng.chance(p.incident_hazard_per_day)) return IssueFate::incident;
  return rng.chance(1.0 / p.unresolved_mean_days) ? IssueFate::need_passed : IssueFate::open;
}

}  // namespace

void leave_unresolved(World& world, IssueCause cause, std::int32_t team) {
  world.unresolved.push_back({world.next_unresolved_id++, cause, team});
}

void age_unresolved_issues(World& world, int day, DayTally& tally) {
  // Fates are decided in parallel (a large system has thousands of issues
  // open), then applied in issue order.
  auto& open = world.unresolved;
  std::vector<IssueFate> fate(open.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, open.size(), 1024),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t k = range.begin(); k != range.end(); ++k)
                        fate[k] = todays_fate(world, open[k], day);
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
