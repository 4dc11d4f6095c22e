#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

TEST_CASE("load beyond capacity builds burnout, and rest lets it recover", "[attrition]") {
  Parameters p = test::two_teams(3);
  p.staff.base_leave_per_day = p.staff.burnout_leave_per_day = 0.0;
  World world(p, 1);
  plan_working_day(world, 0);
  world.held_load[0] = 3.0;  // 6.4 routine + 3 hours held against 7.5: overload 0.2533
  const double overload = (p.time.routine_hours + 3.0) / p.time.hours_per_day - 1.0;
  DayTally tally;
  burn_out_and_leave(world, 0, tally);
  CHECK(world.staff.burnout[0] == Approx(p.staff.burnout_gain * overload));
  CHECK(world.staff.burnout[1] == 0.0);
  world.held_load[0] = 0.0;
  plan_working_day(world, 1);
  burn_out_and_leave(world, 1, tally);
  CHECK(world.staff.burnout[0] ==
        Approx(std::max(0.0, p.staff.burnout_gain * overload - p.staff.burnout_recovery)));
}

TEST_CASE("burnout raises the chance of leaving", "[attrition]") {
  Parameters p = test::two_teams(50);
  p.staff.burnout_recovery = 0.0;
  auto leavers = [&](double burnout, std::uint64_t seed) {
    World world(p, seed);
    std::fill(world.staff.burnout.begin(), world.staff.burnout.end(), burnout);
    DayTally tally;
    burn_out_and_leave(world, 0, tally);
    return tally.leavers;
  };
  // 200 staff a day for 20 seeds: expected 1.2 leavers in all at no burnout,
  // 20 * 200 * (0.0003 + 0.01) = 41 at full burnout.
  std::int64_t calm = 0, burnt = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    calm += leavers(0.0, seed);
    burnt += leavers(1.0, seed);
  }
  CHECK(calm < 8);
  CHECK(burnt > 25);
}

TEST_CASE("a vacancy is filled after the delay by a newcomer nobody trusts yet",
          "[attrition][newcomer]") {
  Parameters p = test::two_teams(3);
  p.staff.base_leave_per_day = 0.0;
  p.staff.burnout_leave_per_day = 1.0;
  p.staff.burnout_recovery = 0.0;
  World world(p, 1);
  world.staff.burnout[0] = 1.0;
  const StaffId colleague = 1;
  REQUIRE(world.trust_between(colleague, 0, 0) > world.baseline(colleague, 0));
  DayTally tally;
  burn_out_and_leave(world, 10, tally);
  REQUIRE_FALSE(world.staff.active[0]);
  hire_newcomers(world, 10 + p.staff.vacancy_days - 1);
  CHECK_FALSE(world.staff.active[0]);
  hire_newcomers(world, 10 + p.staff.vacancy_days);
  REQUIRE(world.staff.active[0]);
  CHECK(world.staff.generation[0] == 1);
  CHECK(world.staff.burnout[0] == 0.0);
  // Nobody trusts the newcomer beyond baseline, and they trust nobody yet.
  for (StaffId i = 1; i < world.staff.size(); ++i) {
    CHECK(world.trust_between(i, 0, 70) == world.baseline(i, 0));
    CHECK(world.trust_between(0, i, 70) == world.baseline(0, i));
  }
}

TEST_CASE("each day's chance of leaving applies to whoever is still in post that day",
          "[attrition]") {
  Parameters p = test::two_teams(500);  // 2,000 staff, never overloaded here
  p.staff.base_leave_per_day = 0.02;
  p.staff.burnout_leave_per_day = 0.08;
  p.staff.burnout_gain = p.staff.burnout_recovery = 0.0;
  World world(p, 5);
  const double staff = double(world.staff.size());
  auto in_post = [&] {
    return double(std::count(world.staff.active.begin(), world.staff.active.end(), 1));
  };
  DayTally tally;
  for (int day = 0; day < 30; ++day) burn_out_and_leave(world, day, tally);
  // A binomial count, checked to four standard deviations.
  auto check_binomial = [](double count, double trials, double chance) {
    CHECK(count == Approx(trials * chance).margin(4 * std::sqrt(trials * chance * (1 - chance))));
  };
  const double stayed = std::pow(0.98, 30);
  check_binomial(in_post(), staff, stayed);
  // Burnt out from today: the chance rises to 0.1 at once, for those still in post.
  std::fill(world.staff.burnout.begin(), world.staff.burnout.end(), 1.0);
  const double before = in_post();
  burn_out_and_leave(world, 30, tally);
  check_binomial(before - in_post(), before, 0.1);
  for (int day = 31; day < 40; ++day) burn_out_and_leave(world, day, tally);
  check_binomial(in_post(), staff, stayed * std::pow(0.9, 10));
}

TEST_CASE("a newcomer brings a leaving margin of their own", "[attrition][newcomer]") {
  Parameters p = test::two_teams(3);
  p.staff.base_leave_per_day = 0.0;
  p.staff.burnout_leave_per_day = 1.0;
  World world(p, 1);
  world.staff.burnout[0] = 1.0;
  DayTally tally;
  burn_out_and_leave(world, 0, tally);
  REQUIRE_FALSE(world.staff.active[0]);
  CHECK(world.staff.leaving_margin[0] < 1.0);  // used up
  hire_newcomers(world, p.staff.vacancy_days);
  REQUIRE(world.staff.active[0]);
  CHECK(world.staff.leaving_margin[0] == draw_leaving_margin(world.seed, 0, 1));
  CHECK(world.staff.leaving_margin[0] >= 1.0);
  CHECK(draw_leaving_margin(world.seed, 0, 1) != draw_leaving_margin(world.seed, 0, 0));
  CHECK(draw_leaving_margin(world.seed, 0, 1) != draw_leaving_margin(world.seed, 1, 1));
}
