// Seed 1: "Workarounds to system challenges are common but implicit, and
// need continual top-up"; lesson: "Make workarounds explicit and regularly
// revisit". An implicit workaround lives in its holder's head: it costs
// load, fails more often when the holder is overloaded, and is lost when
// they leave (attrition.cpp). An explicit one is documented, shared by the
// team, revisited on a cycle, and survives departures.
#include <algorithm>

#include "model/day.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

double overload(const World& world, StaffId i) {
  return std::max(0.0, world.staff.load[i] / world.p.staff.capacity - 1.0);
}

double load_of(const WorkaroundParameters& p, const Workaround& w) {
  return w.is_explicit ? p.load * p.explicit_load_share : p.load;
}

void recount_held_load(World& world) {
  std::fill(world.held_load.begin(), world.held_load.end(), 0.0);
  for (const auto& w : world.workarounds) world.held_load[w.holder] += load_of(world.p.workarounds, w);
}

StaffId least_loaded(const World& world, const std::vector<StaffId>& members) {
  StaffId best = members.front();
  for (StaffId i : members)
    if (world.held_load[i] < world.held_load[best]) best = i;
  return best;
}

// Seed 1: "Be aware of 'lone heroes' - not sustainable". Someone who holds
// more than the threshold hands their newest workarounds to the least
// loaded teammate.
void relieve_heroes(World& world) {
  const auto& p = world.p;
  const double limit =
      p.interventions.hero_awareness.load_threshold * p.staff.capacity - p.staff.base_load;
  for (auto it = world.workarounds.rbegin(); it != world.workarounds.rend(); ++it) {
    Workaround& w = *it;
    if (world.held_load[w.holder] <= limit) continue;
    const auto& members = world.teams[static_cast<std::size_t>(world.staff.team[w.holder])].members;
    const StaffId to = least_loaded(world, members);
    const double moved = load_of(p.workarounds, w);
    if (world.held_load[to] + moved >= world.held_load[w.holder]) continue;
    world.held_load[w.holder] -= moved;
    world.held_load[to] += moved;
    w.holder = to;
    w.holder_generation = world.staff.generation[to];
  }
}

}  // namespace

void maintain_workarounds(World& world, int day, DayTally& tally) {
  const auto& p = world.p;
  const auto& wp = p.workarounds;
  const bool make_explicit = p.interventions.explicit_workarounds.active_on(day) &&
                             day % wp.revisit_interval_days == 0;

  std::vector<Workaround> kept;
  kept.reserve(world.workarounds.size());
  for (Workaround w : world.workarounds) {
    RandomStream rng(world.seed, Purpose::workaround, static_cast<std::uint32_t>(day), w.id);
    if (rng.chance(1.0 / wp.mean_lifetime_days)) continue;  // the need went away
    const double failure =
        w.is_explicit ? wp.daily_failure
                      : wp.daily_failure + wp.overload_failure * overload(world, w.holder);
    if (rng.chance(failure)) {
      ++tally.workarounds_failed;
      leave_unresolved(world);
      continue;
    }
    if (make_explicit) w.is_explicit = true;
    kept.push_back(w);
  }
  world.workarounds.swap(kept);

  recount_held_load(world);
  if (p.interventions.hero_awareness.active_on(day)) relieve_heroes(world);
}

}  // namespace trustsim
