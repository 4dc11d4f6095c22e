#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"
#include "model/observation.hpp"

using namespace trustsim;

namespace {

// Let a world live a few days so that ties, leavers and newcomers exist.
World lived_world(const Parameters& p, int days) {
  World world(p, 21);
  for (int day = 0; day < days; ++day) {
    DayTally tally;
    hire_newcomers(world, day);
    world.refresh_membership();
    const RegimeToday today{Regime::hybrid, 0.5};
    plan_working_day(world, day);
    auto apply = [&](const std::vector<TrustUpdate>& u) {
      world.trust.apply(
          u, day, [&](StaffId a, StaffId b) { return world.baseline(a, b); },
          [&](StaffId b) { return world.staff.generation[b]; });
    };
    apply(hold_meetings(world, day, today, world.all_localities(), tally).trust);
    apply(make_informal_contacts(world, day, world.all_localities(), tally).trust);
    RaisedIssues raised = raise_issues(world, day, world.all_localities(), tally);
    apply(raised.trust_changes);
    settle_issues(world, day, raised);
    maintain_workarounds(world, day, tally);
    burn_out_and_leave(world, day, tally);
  }
  return world;
}

}  // namespace

TEST_CASE("mean trust from head counts and sparse ties equals the mean over every pair",
          "[observation]") {
  Parameters p = test::two_teams(5);
  p.system.localities = 2;
  p.staff.base_leave_per_day = 0.02;  // some vacancies and newcomers
  p.staff.vacancy_days = 3;
  const int day = 40;
  World world = lived_world(p, day);
  measure_trust(world, day);  // prunes ties decayed to within prune_below of baseline

  double within = 0, within_pairs = 0, between = 0, between_pairs = 0;
  const Staff& s = world.staff;
  for (StaffId i = 0; i < s.size(); ++i)
    for (StaffId j = 0; j < s.size(); ++j) {
      if (i == j || !s.active[i] || !s.active[j] || s.locality[i] != s.locality[j]) continue;
      const double t = world.trust_between(i, j, day);
      if (s.team[i] == s.team[j])
        within += t, within_pairs += 1;
      else
        between += t, between_pairs += 1;
    }
  const TrustLevels levels = measure_trust(world, day);
  CHECK(levels.within == Approx(within / within_pairs).epsilon(1e-9));
  CHECK(levels.between == Approx(between / between_pairs).epsilon(1e-9));

  const auto matrix = team_trust_matrix(world, day);
  const std::size_t teams = world.teams.size();
  for (std::size_t a = 0; a < teams; ++a)
    for (std::size_t b = 0; b < teams; ++b) {
      double sum = 0, pairs = 0;
      for (StaffId i = 0; i < s.size(); ++i)
        for (StaffId j = 0; j < s.size(); ++j)
          if (i != j && s.active[i] && s.active[j] && std::size_t(s.team[i]) == a &&
              std::size_t(s.team[j]) == b)
            sum += world.trust_between(i, j, day), pairs += 1;
      CHECK(matrix[a * teams + b] == Approx(sum / pairs).epsilon(1e-9));
    }
}

TEST_CASE("a network snapshot lists active staff and their ties", "[observation]") {
  World world = lived_world(test::two_teams(4), 10);
  const auto snap = network_snapshot(world, 10);
  CHECK(snap.staff_id.size() == world.teams[0].members.size() + world.teams[1].members.size());
  REQUIRE_FALSE(snap.source.empty());
  for (std::size_t k = 0; k < snap.source.size(); ++k) {
    CHECK(snap.trust[k] == Approx(world.trust_between(snap.source[k], snap.target[k], 10)));
    CHECK(snap.trust[k] >= 0.0);
    CHECK(snap.trust[k] <= 1.0);
  }
}
