// Lone heroes, one rule (issues.cpp): a colleague takes on someone's unheld
// issue with a probability that rises with conscientiousness and falls with
// load, so that teams have several heroes or none.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

TEST_CASE("absorption falls with load and stops at the limit", "[heroes]") {
  const StaffParameters p;
  CHECK(absorb_probability(p, 0.5, 0.5) == Approx(p.hero_absorb_probability * 0.5));
  CHECK(absorb_probability(p, 0.5, 1.0) == Approx(p.hero_absorb_probability * 0.5));
  double previous = 1.0;
  for (double load = 1.0; load <= p.absorb_load_limit + 0.1; load += 0.05) {
    const double now = absorb_probability(p, 0.5, load);
    CHECK(now <= previous);
    previous = now;
  }
  CHECK(absorb_probability(p, 0.5, p.absorb_load_limit) == 0.0);
  CHECK(absorb_probability(p, 0.9, 1.2) > absorb_probability(p, 0.3, 1.2));
}

TEST_CASE("an overloaded hero stops absorbing and the next most willing takes over",
          "[heroes][issues]") {
  Parameters p = test::two_teams(6);
  p.trust.stranger_baseline = 0.0;  // nothing raised: every issue needs a holder
  p.trust.same_profession_bonus = p.trust.same_organisation_bonus = 0.0;
  p.trust.initial_within_team = 0.0;
  p.staff.hero_absorb_probability = 1.0;
  p.issues.per_person_per_day = 1.0;
  World world(p, 3);
  const auto& team = world.teams[0].members;
  std::vector<StaffId> by_conscientiousness = team;
  std::sort(by_conscientiousness.begin(), by_conscientiousness.end(), [&](StaffId a, StaffId b) {
    return world.staff.conscientiousness[a] > world.staff.conscientiousness[b];
  });
  const StaffId hero = by_conscientiousness[0], next = by_conscientiousness[1];
  auto absorbed_by = [&](int day) {
    DayTally tally;
    const RaisedIssues raised = raise_issues(world, day, world.all_localities(), tally);
    std::vector<int> count(world.staff.size(), 0);
    for (const auto& left : raised.left)
      if (left.kind == IssueLeft::to_workaround && left.absorbed) ++count[left.holder];
    return count;
  };
  const auto calm = absorbed_by(0);
  CHECK(calm[hero] > 0);
  CHECK(calm[next] <= 1);                              // only the hero's own issues go to the next
  world.staff.load[hero] = p.staff.absorb_load_limit;  // yesterday: overloaded
  const auto busy = absorbed_by(1);
  CHECK(busy[hero] == 0);
  CHECK(busy[next] > 0);
}

TEST_CASE("a team of low conscientiousness has no hero", "[heroes][issues]") {
  Parameters p = test::two_teams(6);
  p.trust.stranger_baseline = 0.0;
  p.trust.same_profession_bonus = p.trust.same_organisation_bonus = 0.0;
  p.trust.initial_within_team = 0.0;
  p.issues.per_person_per_day = 1.0;
  World world(p, 3);
  std::fill(world.staff.conscientiousness.begin(), world.staff.conscientiousness.end(), 0.0);
  DayTally tally;
  const RaisedIssues raised = raise_issues(world, 0, world.all_localities(), tally);
  REQUIRE(!raised.left.empty());
  for (const auto& left : raised.left) CHECK_FALSE(left.absorbed);
}

TEST_CASE("a leaver holding absorbed work counts as a lone hero, others do not",
          "[heroes][attrition]") {
  Parameters p = test::two_teams(3);
  p.staff.base_leave_per_day = 1.0;  // everyone leaves today
  World world(p, 1);
  world.workarounds.add(0, {0, 0, 0, 0, false, true});   // slot 0 absorbed it
  world.workarounds.add(0, {1, 1, 0, 0, false, false});  // slot 1 holds its own
  DayTally tally;
  burn_out_and_leave(world, 0, tally);
  CHECK(tally.leavers == std::int64_t(world.staff.size()));
  CHECK(tally.hero_leavers == 1);
}
