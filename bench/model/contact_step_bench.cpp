// The informal-contact phase of one day: everyone's contacts drawn and
// turned into trust updates (make_informal_contacts), then those updates
// applied to the network (TrustNetwork::apply), the two halves of a step.
#include <catch2/catch.hpp>

#include "model/day.hpp"
#include "warmed_world.hpp"

using namespace trustsim;

TEST_CASE("contact step") {
  World world = bench::warmed_world();  // a copy: apply changes it
  const int day = bench::bench_day;
  plan_working_day(world, day);  // who is on site
  DayTally tally;
  const auto updates = make_informal_contacts(world, day, world.all_localities(), tally).trust;

  BENCHMARK("make_informal_contacts, one day (4,000 staff)") {
    DayTally t;
    return make_informal_contacts(world, day, world.all_localities(), t).trust.size();
  };
  // Re-applying the same updates keeps the rows at their warmed-up length:
  // the ties they create exist after the first pass.
  BENCHMARK("TrustNetwork::apply, one day's contact updates") {
    return world.trust.apply(
        updates, day, [&](StaffId a, StaffId b) { return world.baseline(a, b); },
        [&](StaffId b) { return world.staff.generation[b]; });
  };
}
