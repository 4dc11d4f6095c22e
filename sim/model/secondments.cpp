// Fluid teams: on each rotation day a share of staff are seconded to
// another team of their locality for a while, and come home when it ends.
#include <algorithm>

#include "model/day.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

void rotate_secondments(World& world, int day) {
  rotate_secondments(world, day, world.slots_of(world.all_localities()));
}

void rotate_secondments(World& world, int day, SlotRange slots) {
  const auto& fluid = world.p.interventions.fluid_teams;
  Staff& s = world.staff;
  const std::size_t teams_per_locality = world.teams_per_locality();
  const bool rotation_day = fluid.active_on(day) && day % fluid.rotation_interval_days == 0;
  for (StaffId i = slots.begin; i < slots.end; ++i) {
    if (s.secondment_end[i] >= 0 && day >= s.secondment_end[i]) {
      s.team[i] = s.home_team[i];
      s.secondment_end[i] = -1;
    }
    if (!rotation_day || !s.active[i] || s.secondment_end[i] >= 0 || teams_per_locality < 2)
      continue;
    RandomStream rng(world.seed, Purpose::fluid_teams, Day(day), Subject(i));
    if (!rng.chance(fluid.share)) continue;
    const auto first = static_cast<std::size_t>(s.locality[i]) * teams_per_locality;
    auto other = first + rng.below(teams_per_locality - 1);
    if (other >= static_cast<std::size_t>(s.home_team[i])) ++other;
    s.team[i] = static_cast<std::int32_t>(other);
    s.secondment_end[i] = day + fluid.secondment_days;
    s.induction_end[i] = std::max(s.induction_end[i], day + fluid.induction_days);
  }
}

}  // namespace trustsim
