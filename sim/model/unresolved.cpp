// Seed 1: "Lack of 'everyday' trust creates much bigger team problems and
// potential patient safety issues". An unresolved issue stays open until
// the need passes, and each day it is open it may cause an incident, which
// brings it to light and so closes it.
#include "model/day.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

void leave_unresolved(World& world) { world.unresolved.push_back({world.next_unresolved_id++}); }

void age_unresolved_issues(World& world, int day, DayTally& tally) {
  const auto& p = world.p.issues;
  std::vector<UnresolvedIssue> still_open;
  still_open.reserve(world.unresolved.size());
  for (const auto& issue : world.unresolved) {
    RandomStream rng(world.seed, Purpose::unresolved_issue, static_cast<std::uint32_t>(day), issue.id);
    if (rng.chance(p.incident_hazard_per_day)) {
      ++tally.incidents;
      continue;
    }
    if (!rng.chance(1.0 / p.unresolved_mean_days)) still_open.push_back(issue);
  }
  world.unresolved.swap(still_open);
}

}  // namespace trustsim
