#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

// Slot 0 leaves today for certain; nobody else does.
Parameters one_leaver() {
  Parameters p = test::two_teams(3);
  p.staff.base_leave_per_day = 0.0;
  p.staff.burnout_leave_per_day = 1.0;
  p.staff.burnout_recovery = 0.0;
  return p;
}

void give(World& world, StaffId holder, bool is_explicit) {
  world.workarounds.add(
      world.staff.locality[holder],
      make_workaround(world, world.next_workaround_id++, holder, 0, is_explicit, false));
}

// Implicit workarounds given to `a` and `b` in turn, three each: their
// holders' home teams, in the order the workarounds were made.
std::vector<std::int32_t> give_in_turn(World& world, StaffId a, StaffId b) {
  std::vector<std::int32_t> teams;
  for (int k = 0; k < 3; ++k)
    for (const StaffId holder : {a, b}) {
      give(world, holder, false);
      teams.push_back(world.staff.home_team[holder]);
    }
  return teams;
}

}  // namespace

TEST_CASE("implicit workarounds leave with their holder, and explicit ones pass to a colleague",
          "[workarounds][attrition]") {
  const Parameters p = one_leaver();
  World world(p, 1);
  world.staff.burnout[0] = 1.0;
  for (int k = 0; k < 4; ++k) give(world, 0, false);
  for (int k = 0; k < 3; ++k) give(world, 0, true);
  give(world, 1, false);
  DayTally tally;
  burn_out_and_leave(world, 0, tally);
  REQUIRE(tally.leavers == 1);
  CHECK_FALSE(world.staff.active[0]);
  CHECK(tally.workarounds_lost == 4);
  CHECK(world.unresolved.size() == 4);  // the lost ones resurface unresolved
  REQUIRE(world.workarounds.size() == 4);
  for (const auto& w : world.workarounds.all()) {
    CHECK(w.holder != 0);
    CHECK(world.staff.team[w.holder] == world.staff.home_team[0]);
  }
}

TEST_CASE("workarounds become explicit at the first revisit once the intervention is on",
          "[workarounds][interventions]") {
  Parameters p = test::two_teams(3);
  p.workarounds.mean_lifetime_days = 1e12;
  p.workarounds.daily_failure = 0.0;
  p.interventions.explicit_workarounds.enabled = true;
  p.interventions.explicit_workarounds.start_day = 15;
  p.workarounds.revisit_interval_days = 20;
  World world(p, 1);
  for (int k = 0; k < 5; ++k) give(world, 2, false);
  DayTally tally;
  for (int day = 0; day < 20; ++day) maintain_workarounds(world, day, tally);
  for (const auto& w : world.workarounds.all()) CHECK_FALSE(w.is_explicit);
  maintain_workarounds(world, 20, tally);
  for (const auto& w : world.workarounds.all()) CHECK(w.is_explicit);
  CHECK(world.workarounds.size() == 5);
}

TEST_CASE("workarounds' needs pass and they fail at their daily rates, though drawn once",
          "[workarounds]") {
  // Each day the need passes with probability p = 1 / mean_lifetime_days,
  // or else the workaround fails with probability h: after the first day
  // a share (1 - p)(1 - h) is kept, and in all a share
  // (1 - p) h / (1 - (1 - p)(1 - h)) fails.
  Parameters p = test::two_teams(3);
  p.workarounds.mean_lifetime_days = 10.0;
  p.workarounds.daily_failure = 0.05;
  World world(p, 4);
  const int made = 20000;
  for (int k = 0; k < made; ++k) give(world, 1, false);
  world.staff.load[1] = 0.5;  // not overloaded: h is daily_failure
  const double pass = 0.1, fail = 0.05, kept_daily = (1 - pass) * (1 - fail);
  const auto within_4_sd = [&](double count, double share) {
    return std::abs(count - made * share) < 4 * std::sqrt(made * share * (1 - share));
  };
  DayTally tally;
  maintain_workarounds(world, 0, tally);
  CHECK(within_4_sd(double(world.workarounds.size()), kept_daily));
  for (int day = 1; day < 400; ++day) maintain_workarounds(world, day, tally);
  CHECK(world.workarounds.empty());
  CHECK(within_4_sd(double(tally.workarounds_failed), (1 - pass) * fail / (1 - kept_daily)));
}

TEST_CASE("an overloaded holder's implicit workarounds fail more often", "[workarounds]") {
  Parameters p = test::two_teams(3);
  p.workarounds.mean_lifetime_days = 1e12;
  auto failures = [&](double load) {
    World world(p, 9);
    for (int k = 0; k < 2000; ++k) give(world, 1, false);
    world.staff.load[1] = load;
    DayTally tally;
    maintain_workarounds(world, 0, tally);
    return tally.workarounds_failed;
  };
  const auto rested = failures(0.5), overloaded = failures(2.0);
  // Expected 2000 * 0.002 = 4 against 2000 * (0.002 + 0.05) = 104.
  CHECK(rested < 15);
  CHECK(overloaded > 70);
}

TEST_CASE("hero awareness hands work from the overloaded to the least loaded",
          "[workarounds][heroes]") {
  Parameters p = test::two_teams(3);
  p.workarounds.mean_lifetime_days = 1e12;
  p.workarounds.daily_failure = 0.0;
  p.workarounds.overload_failure = 0.0;
  p.interventions.hero_awareness.enabled = true;
  World world(p, 1);
  for (int k = 0; k < 30; ++k) give(world, 0, false);
  DayTally tally;
  maintain_workarounds(world, 0, tally);
  const double limit =
      p.interventions.hero_awareness.load_threshold * p.time.hours_per_day - p.time.routine_hours;
  for (StaffId i : world.teams[0].members)
    CHECK(world.held_load[i] <= limit + p.time.hold_workaround_hours);
  CHECK(world.workarounds.size() == 30);
}

TEST_CASE("failed and lost workarounds leave their issues in creation order across localities",
          "[workarounds][attrition][determinism]") {
  // Each locality's workarounds are kept in parallel; the issues they leave
  // must still get their ids (which address their draws) in the order the
  // workarounds were made, here alternating between two localities.
  Parameters p = one_leaver();
  p.system.localities = 2;
  p.workarounds.mean_lifetime_days = 1e12;
  p.workarounds.daily_failure = 1.0;  // every implicit one fails today
  World world(p, 1);
  const StaffId elsewhere = world.locality_slots[1].begin + 1;
  REQUIRE(world.staff.locality[elsewhere] == 1);
  const auto teams_in_order = give_in_turn(world, 2, elsewhere);
  DayTally tally;
  maintain_workarounds(world, 0, tally);
  CHECK(tally.workarounds_failed == 6);
  REQUIRE(world.unresolved.size() == 6);
  for (std::size_t k = 0; k < 6; ++k) {
    CHECK(world.unresolved[k].id == k);
    CHECK(world.unresolved[k].team == teams_in_order[k]);
  }

  // Lost with their holders: slot 0 in the first locality and the first
  // slot of the second leave today.
  World leaving(p, 1);
  const StaffId other_leaver = leaving.locality_slots[1].begin;
  leaving.staff.burnout[0] = leaving.staff.burnout[other_leaver] = 1.0;
  const auto lost_in_order = give_in_turn(leaving, 0, other_leaver);
  DayTally left;
  burn_out_and_leave(leaving, 0, left);
  REQUIRE(left.leavers == 2);
  CHECK(left.workarounds_lost == 6);
  REQUIRE(leaving.unresolved.size() == 6);
  for (std::size_t k = 0; k < 6; ++k) CHECK(leaving.unresolved[k].team == lost_in_order[k]);
}
