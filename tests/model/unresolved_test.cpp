#include <catch2/catch.hpp>
#include <cmath>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

TEST_CASE("open unresolved issues cause incidents at the daily hazard", "[incidents]") {
  Parameters p = test::two_teams(3);
  p.issues.incident_hazard_per_day = 0.01;
  p.issues.unresolved_mean_days = 1e12;  // none closes by itself
  World world(p, 4);
  const IssueCause causes[] = {IssueCause::unraised, IssueCause::delayed,
                               IssueCause::failed_workaround, IssueCause::lost_workaround};
  for (int k = 0; k < 10000; ++k) leave_unresolved(world, causes[k % 4], k % 2, 0);
  DayTally tally;
  age_unresolved_issues(world, 0, tally);
  // Each incident is counted once by cause and once by team.
  std::int64_t by_cause = 0;
  for (auto n : tally.incidents_by_cause) {
    CHECK(n > 5);
    by_cause += n;
  }
  CHECK(by_cause == tally.incidents);
  REQUIRE(tally.team_incidents.size() == world.teams.size());
  CHECK(tally.team_incidents[0] + tally.team_incidents[1] == tally.incidents);
  // Binomial(10000, 0.01): mean 100, sd ~10.
  CHECK(tally.incidents > 60);
  CHECK(tally.incidents < 140);
  CHECK(world.unresolved.size() == 10000 - static_cast<std::size_t>(tally.incidents));
}

TEST_CASE("unresolved issues close by themselves after their mean lifetime", "[incidents]") {
  Parameters p = test::two_teams(3);
  p.issues.incident_hazard_per_day = 0.0;
  p.issues.unresolved_mean_days = 10.0;
  World world(p, 4);
  for (int k = 0; k < 10000; ++k) leave_unresolved(world, IssueCause::unraised, 0, 0);
  DayTally tally;
  for (int day = 0; day < 10; ++day) age_unresolved_issues(world, day, tally);
  // (1 - 1/10)^10 = 0.349 still open.
  CHECK(world.unresolved.size() / 10000.0 == Approx(0.349).margin(0.02));
  CHECK(tally.incidents == 0);
}

TEST_CASE("an open issue causes an incident, or its need passes, at the two daily rates",
          "[incidents]") {
  // Each day an incident with probability h, or else the need passes with
  // probability q: in all a share h / (1 - (1 - h)(1 - q)) ends in an
  // incident, and (1 - h)(1 - q) is still open after the first day.
  Parameters p = test::two_teams(3);
  const double h = 0.05, q = 0.1;
  p.issues.incident_hazard_per_day = h;
  p.issues.unresolved_mean_days = 1 / q;
  World world(p, 4);
  const int left = 10000;
  for (int k = 0; k < left; ++k) leave_unresolved(world, IssueCause::unraised, 0, 0);
  const auto within_4_sd = [&](double count, double share) {
    return std::abs(count - left * share) < 4 * std::sqrt(left * share * (1 - share));
  };
  DayTally tally;
  age_unresolved_issues(world, 0, tally);
  CHECK(within_4_sd(double(world.unresolved.size()), (1 - h) * (1 - q)));
  for (int day = 1; day < 400; ++day) age_unresolved_issues(world, day, tally);
  CHECK(world.unresolved.empty());
  CHECK(within_4_sd(double(tally.incidents), h / (1 - (1 - h) * (1 - q))));
}
