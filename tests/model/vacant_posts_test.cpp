// Work belongs to posts (working_day.cpp, issues.cpp): a vacant post's
// routine work and issues fall on the rest of the team, and a newcomer's
// shortfall and induction cost colleagues time.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

Parameters calm() {
  Parameters p = test::two_teams(3);  // teams of six
  p.staff.base_leave_per_day = p.staff.burnout_leave_per_day = 0.0;
  p.staff.vacancy_days = 1000;
  return p;
}

void vacate(World& world, StaffId i) {
  world.staff.active[i] = 0;
  world.staff.vacant_until[i] = 1000;
  world.refresh_membership();
}

}  // namespace

TEST_CASE("a vacant post's routine work is shared by the rest of its team", "[posts][time]") {
  const Parameters p = calm();
  World world(p, 1);
  vacate(world, 0);  // team alpha: five left
  plan_working_day(world, 0);
  for (StaffId i : world.teams[0].members)
    CHECK(world.staff.hours[i] == Approx(p.time.routine_hours * 6.0 / 5.0));
  for (StaffId i : world.teams[1].members)
    CHECK(world.staff.hours[i] == Approx(p.time.routine_hours));
}

TEST_CASE("a newcomer's shortfall falls on colleagues, and inducting them takes time",
          "[posts][time][newcomer]") {
  const Parameters p = calm();
  World world(p, 1);
  vacate(world, 0);
  world.staff.vacant_until[0] = 5;
  hire_newcomers(world, 5);
  world.refresh_membership();
  REQUIRE(world.staff.in_induction(0, 5));
  plan_working_day(world, 5);
  const double shortfall = p.time.routine_hours * (1.0 - p.staff.newcomer_productivity);
  double team_hours = 0;
  for (StaffId i : world.teams[0].members) team_hours += world.staff.hours[i];
  CHECK(world.staff.hours[0] == Approx(p.time.routine_hours));
  CHECK(team_hours == Approx(6 * p.time.routine_hours + shortfall + p.time.induction_hours));
  // Induction ends: back to everyone doing their own post's work.
  plan_working_day(world, 5 + p.staff.induction_days);
  for (StaffId i : world.teams[0].members)
    CHECK(world.staff.hours[i] == Approx(p.time.routine_hours));
}

TEST_CASE("a vacant post's issues still arise, and a colleague handles them", "[posts][issues]") {
  Parameters p = calm();
  p.issues.per_person_per_day = 1.0;
  auto issues_in_alpha = [&](int vacancies) {
    World world(p, 3);
    for (int k = 0; k < vacancies; ++k) world.staff.active[StaffId(k)] = 0;
    world.refresh_membership();
    std::int64_t handled = 0;
    for (int day = 0; day < 50; ++day) {
      DayTally tally;
      const RaisedIssues raised = raise_issues(world, day, world.all_localities(), tally);
      handled += tally.issues_raised + tally.issues_unraised;
    }
    return handled;
  };
  const auto full = issues_in_alpha(0), short_staffed = issues_in_alpha(4);
  // Issues per post are the same draws whoever handles them; only the
  // counterpart searches that fail differ (more often for the full team's
  // neighbours when alpha is small). Were a vacant post's issues to vanish,
  // a third of all would (4 of 12 posts).
  CHECK(double(short_staffed) > 0.9 * double(full));
  CHECK(double(short_staffed) < 1.1 * double(full));
}
