#include <catch2/catch.hpp>

#include <cmath>

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

TEST_CASE(
    "trust across organisations, working trust and each team's trust equal their "
    "means over the pairs",
    "[observation]") {
  Parameters p = test::two_teams(5);
  p.system.localities = 2;
  p.staff.base_leave_per_day = 0.02;
  p.staff.vacancy_days = 3;
  const int day = 40;
  World world = lived_world(p, day);
  // Today's contacts, so that some ties carry today's date.
  DayTally tally;
  const auto contacts = make_informal_contacts(world, day, world.all_localities(), tally);
  world.trust.apply(
      contacts.trust, day, [&](StaffId a, StaffId b) { return world.baseline(a, b); },
      [&](StaffId b) { return world.staff.generation[b]; });
  measure_trust(world, day);  // prunes, as the day's measurement does

  const Staff& s = world.staff;
  const std::size_t teams = world.teams.size();
  double across = 0, across_pairs = 0, working = 0, working_pairs = 0;
  std::vector<double> within(teams, 0), within_pairs(teams, 0), between(teams, 0),
      between_pairs(teams, 0), team_working(teams, 0), team_working_pairs(teams, 0);
  for (StaffId i = 0; i < s.size(); ++i) {
    if (!s.active[i]) continue;
    const auto a = static_cast<std::size_t>(s.team[i]);
    for (StaffId j = 0; j < s.size(); ++j) {
      if (i == j || !s.active[j] || s.locality[i] != s.locality[j]) continue;
      const double t = world.trust_between(i, j, day);
      if (s.organisation[i] != s.organisation[j]) across += t, across_pairs += 1;
      if (s.team[i] == s.team[j])
        within[a] += t, within_pairs[a] += 1;
      else
        between[a] += t, between_pairs[a] += 1;
    }
    for (const auto& tie : world.trust.ties_of(i))
      if (tie.day == day && s.active[tie.to] && tie.to_generation == s.generation[tie.to]) {
        const double t = world.trust_between(i, tie.to, day);
        working += t, working_pairs += 1;
        team_working[a] += t, team_working_pairs[a] += 1;
      }
  }
  REQUIRE(working_pairs > 0);
  const TrustLevels levels = measure_trust(world, day);
  CHECK(levels.across_organisations == Approx(across / across_pairs).epsilon(1e-9));
  CHECK(levels.working == Approx(working / working_pairs).epsilon(1e-9));
  CHECK(levels.working_pairs == working_pairs);
  REQUIRE(levels.team.size() == teams);
  for (std::size_t a = 0; a < teams; ++a) {
    CHECK(levels.team[a].within == Approx(within[a] / within_pairs[a]).epsilon(1e-9));
    CHECK(levels.team[a].between == Approx(between[a] / between_pairs[a]).epsilon(1e-9));
    CHECK(levels.team[a].working_pairs == team_working_pairs[a]);
    if (team_working_pairs[a] > 0)
      CHECK(levels.team[a].working == Approx(team_working[a] / team_working_pairs[a]));
  }
}

TEST_CASE("an emptied team's trust is its posts' mean baseline, never NaN", "[observation]") {
  Parameters p = test::two_teams(3);  // alpha: 3 nurses (community), 3 GPs (primary care)
  World world = lived_world(p, 5);
  for (StaffId i : world.teams[0].members) world.staff.active[i] = 0;
  world.refresh_membership();
  const TrustLevels levels = measure_trust(world, 5);
  // Alpha's 6 posts: 30 ordered pairs, 12 of the same profession and employer.
  const auto& t = p.trust;
  const double posts =
      (30 * t.stranger_baseline + 12 * (t.same_profession_bonus + t.same_organisation_bonus)) / 30;
  CHECK(levels.team[0].within == Approx(posts));
  CHECK(levels.team[0].working == t.stranger_baseline);  // nobody there to deal with anyone
  // Beta is still staffed, so the run's mean within teams is beta's alone.
  CHECK(std::isfinite(levels.within));
  CHECK(levels.within == Approx(levels.team[1].within));
  // No pairs between teams are left: the posts' pairs between alpha and beta.
  CHECK(std::isfinite(levels.between));
  CHECK(levels.between == Approx(t.stranger_baseline));  // no shared profession or employer
  for (double v : team_trust_matrix(world, 5)) CHECK(std::isfinite(v));
}

TEST_CASE("the day's measurement from running sums equals the means over every pair, day after day",
          "[observation][sums]") {
  // run_day measures through the trust network's running sums, updated
  // where ties change; here every fifth day's result is checked against
  // the pairs themselves, in a world where people leave, are hired and are
  // seconded (changes of standing) and ties decay past prune_below.
  Parameters p = test::two_teams(5);
  p.system.localities = 2;
  p.staff.base_leave_per_day = 0.02;
  p.staff.vacancy_days = 3;
  p.trust.half_life_days = 10.0;
  p.trust.prune_below = 0.01;
  p.interventions.fluid_teams.enabled = true;
  p.interventions.fluid_teams.rotation_interval_days = 7;
  p.interventions.fluid_teams.share = 0.3;
  p.interventions.fluid_teams.secondment_days = 10;
  World world(p, 8);
  double working_pairs_seen = 0, leavers = 0;
  for (int day = 0; day < 100; ++day) {
    const DayResult today = run_day(world, day);
    leavers += today.tally.leavers;
    if (day % 5 != 4) continue;
    const Staff& s = world.staff;
    double within = 0, within_pairs = 0, between = 0, between_pairs = 0, across = 0,
           across_pairs = 0, working = 0, working_pairs = 0;
    for (StaffId i = 0; i < s.size(); ++i) {
      if (!s.active[i]) continue;
      for (StaffId j = 0; j < s.size(); ++j) {
        if (i == j || !s.active[j] || s.locality[i] != s.locality[j]) continue;
        const double t = world.trust_between(i, j, day);
        if (s.organisation[i] != s.organisation[j]) across += t, across_pairs += 1;
        if (s.team[i] == s.team[j])
          within += t, within_pairs += 1;
        else
          between += t, between_pairs += 1;
      }
      for (const auto& tie : world.trust.ties_of(i))
        if (tie.day == day && s.active[tie.to] && tie.to_generation == s.generation[tie.to])
          working += world.trust_between(i, tie.to, day), working_pairs += 1;
    }
    INFO("day " << day);
    CHECK(today.trust.within == Approx(within / within_pairs).epsilon(1e-12));
    CHECK(today.trust.between == Approx(between / between_pairs).epsilon(1e-12));
    CHECK(today.trust.across_organisations == Approx(across / across_pairs).epsilon(1e-12));
    CHECK(today.trust.working_pairs == working_pairs);
    if (working_pairs > 0) CHECK(today.trust.working == Approx(working / working_pairs));
    working_pairs_seen += working_pairs;
  }
  CHECK(leavers > 5);  // standing changed along the way
  CHECK(working_pairs_seen > 100);
}
