// Seed 1: "Workarounds to system challenges are common but implicit, and
// need continual top-up"; lesson: "Make workarounds explicit and regularly
// revisit". An implicit workaround lives in its holder's head: it costs
// load, fails more often when the holder is overloaded, and is lost when
// they leave (attrition.cpp). An explicit one is documented, shared by the
// team, revisited on a cycle, and survives departures.
#include <algorithm>

#include "model/day.hpp"
#include "model/parallel.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

double overload(const World& world, StaffId i) { return std::max(0.0, world.staff.load[i] - 1.0); }

// Hours a day of holding it in mind and topping it up.
double load_of(const Parameters& p, const Workaround& w) {
  return p.time.hold_workaround_hours * (w.is_explicit ? p.workarounds.explicit_load_share : 1.0);
}

StaffId least_loaded(const World& world, const std::vector<StaffId>& members) {
  StaffId best = members.front();
  for (StaffId i : members)
    if (world.held_load[i] < world.held_load[best]) best = i;
  return best;
}

// Seed 1: "Be aware of 'lone heroes' - not sustainable". Someone who holds
// more than the threshold hands their newest workarounds to the least
// loaded teammate; each handover takes both of them time. A handover stays
// within a team, so going through each locality's workarounds newest first
// does what going through all of them newest first did.
void relieve_heroes(World& world, DayTally& tally) {
  const auto& p = world.p;
  const auto& aware = p.interventions.hero_awareness;
  const double limit = aware.load_threshold * p.time.hours_per_day - p.time.routine_hours;
  for (auto& held : world.workarounds.of_locality)
    for (auto it = held.rbegin(); it != held.rend(); ++it) {
      Workaround& w = *it;
      if (world.held_load[w.holder] <= limit) continue;
      const auto& members =
          world.teams[static_cast<std::size_t>(world.staff.team[w.holder])].members;
      const StaffId to = least_loaded(world, members);
      const double moved = load_of(p, w);
      if (world.held_load[to] + moved >= world.held_load[w.holder]) continue;
      world.held_load[w.holder] -= moved;
      world.held_load[to] += moved;
      world.staff.hours[w.holder] += aware.handover_hours;
      world.staff.hours[to] += aware.handover_hours;
      tally.hours_spent[static_cast<std::size_t>(Spent::interventions)] += 2 * aware.handover_hours;
      w.holder = to;
      w.holder_generation = world.staff.generation[to];
    }
}

enum class WorkaroundFate : std::uint8_t { kept, need_passed, failed };

// One workaround's day: its need passes on the day drawn when it was made;
// otherwise it fails today with probability h (for want of top-up, more
// often when its holder is overloaded). Drawing the fate once, rather than
// a stream of draws per workaround per day, is the same process: a need
// that passes each day with probability p passes after a geometric number
// of days (RandomStream::first_day), and the failure is a survival margin
// (RandomStream::survival_margin), a multiplication a day. It fails once
// the margin falls to 1, not only below: the two differ only for a margin
// of exactly 1.
WorkaroundFate todays_fate(const World& world, Workaround& w, int day) {
  if (day >= w.need_passes_on) return WorkaroundFate::need_passed;
  const auto& wp = world.p.workarounds;
  const double failure = w.is_explicit
                             ? wp.daily_failure
                             : wp.daily_failure + wp.overload_failure * overload(world, w.holder);
  w.survival_margin *= 1.0 - std::min(failure, 1.0);
  return w.survival_margin <= 1.0 ? WorkaroundFate::failed : WorkaroundFate::kept;
}

}  // namespace

Workaround make_workaround(const World& world, std::uint32_t id, StaffId holder, int day,
                           bool is_explicit, bool absorbed) {
  // Addressed by its id alone, not also the day: two runs of one seed that
  // differ in a cause (the arms of a comparison) then give their k-th
  // workaround the same fate, as a draw a day addressed by (day, id) did.
  RandomStream rng(world.seed, Purpose::workaround, Day(0), Subject(id));
  // Its first fate is decided the day it is made.
  const std::int32_t need_passes_on =
      rng.first_day(day, 1.0 / world.p.workarounds.mean_lifetime_days);
  const double margin = rng.survival_margin();
  return {id,
          holder,
          world.staff.generation[holder],
          world.staff.home_team[holder],
          is_explicit,
          absorbed,
          need_passes_on,
          margin};
}

void maintain_workarounds(World& world, int day, DayTally& tally) {
  const auto& p = world.p;
  const auto& wp = p.workarounds;
  const bool make_explicit =
      p.interventions.explicit_workarounds.active_on(day) && day % wp.revisit_interval_days == 0;
  const double revisit_hours = p.interventions.explicit_workarounds.revisit_hours;

  // Locality by locality in parallel (a large system holds tens of
  // thousands of workarounds): each one's fate, in place, and the load each
  // holder carries, summed in creation order. The failed leave their issues
  // unresolved afterwards, in creation order over all localities.
  const std::size_t localities = world.workarounds.of_locality.size();
  std::vector<std::vector<WorkaroundGone>> failed(localities);
  std::vector<std::int64_t> revisits(localities, 0);
  parallel_each(0, localities, [&](std::size_t l) {
    const SlotRange slots = world.slots_of({l, l + 1});
    std::fill(world.held_load.begin() + slots.begin, world.held_load.begin() + slots.end, 0.0);
    auto& held = world.workarounds.of_locality[l];
    std::size_t kept = 0;
    for (std::size_t k = 0; k < held.size(); ++k) {
      const WorkaroundFate fate = todays_fate(world, held[k], day);
      if (fate == WorkaroundFate::failed) failed[l].push_back({held[k].id, held[k].team});
      if (fate != WorkaroundFate::kept) continue;
      Workaround& w = held[kept++];
      w = held[k];
      // Seed 1: "Make workarounds explicit and regularly revisit": each
      // revisit takes the holder time.
      if (make_explicit) {
        w.is_explicit = true;
        world.staff.hours[w.holder] += revisit_hours;
        ++revisits[l];
      }
      world.held_load[w.holder] += load_of(p, w);
    }
    held.resize(kept);
  });
  for (const auto& here : failed)
    tally.workarounds_failed += static_cast<std::int64_t>(here.size());
  leave_unresolved_in_order(world, IssueCause::failed_workaround, failed, day);
  // One revisit's hours at a time, as one pass over all of them added them.
  double& interventions = tally.hours_spent[static_cast<std::size_t>(Spent::interventions)];
  for (const std::int64_t n : revisits)
    for (std::int64_t k = 0; k < n; ++k) interventions += revisit_hours;

  if (p.interventions.hero_awareness.active_on(day)) relieve_heroes(world, tally);
}

}  // namespace trustsim
