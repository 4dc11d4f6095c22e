// One working day: the phases of day.hpp in their fixed order. Kept apart
// from the run loop (simulation.cpp) so that benchmarks and tests can step a
// world day by day without recording results.
#include "model/day.hpp"

namespace trustsim {

DayTally run_day(World& world, int day, std::uint64_t& trust_updates) {
  DayTally tally;
  const RegimeToday regime = regime_on(world.p.meetings, day);
  auto apply = [&](const std::vector<TrustUpdate>& updates) {
    trust_updates += world.trust.apply(
        updates, day, [&](StaffId a, StaffId b) { return world.baseline(a, b); },
        [&](StaffId b) { return world.staff.generation[b]; });
  };

  hire_newcomers(world, day);
  rotate_secondments(world, day);
  world.refresh_membership();
  apply(hold_meetings(world, day, regime, tally));
  apply(make_informal_contacts(world, day, regime, tally));
  apply(handle_issues(world, day, tally));
  maintain_workarounds(world, day, tally);
  burn_out_and_leave(world, day, tally);
  age_unresolved_issues(world, day, tally);
  return tally;
}

}  // namespace trustsim
