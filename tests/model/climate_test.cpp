// Team climate (climate.cpp): raised issues that are resolved build a
// team's psychological safety, rebuffs and blame after incidents erode it,
// a just culture stops the blame, and climate shifts the will to raise.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

Parameters quiet() {
  Parameters p = test::two_teams(4);
  p.climate.initial = 0.5;
  return p;
}

}  // namespace

TEST_CASE("a resolved issue builds the raiser's team climate, a rebuff erodes it", "[climate]") {
  const Parameters p = quiet();
  World world(p, 1);
  update_climate(world, {{0, true}});
  CHECK(world.teams[0].psychological_safety == Approx(0.5 + p.climate.resolved_gain * 0.5));
  CHECK(world.teams[1].psychological_safety == 0.5);
  update_climate(world, {{1, false}, {1, false}});
  CHECK(world.teams[1].psychological_safety ==
        Approx(0.5 * (1 - p.climate.rebuff_loss) * (1 - p.climate.rebuff_loss)));
}

TEST_CASE("blame after an incident erodes the team's climate, unless the culture is just",
          "[climate][interventions]") {
  Parameters p = quiet();
  DayTally tally;
  tally.team_incidents = {2, 0};
  World blaming(p, 1);
  blame_after_incidents(blaming, 0, tally);
  CHECK(blaming.teams[0].psychological_safety ==
        Approx(0.5 * (1 - p.climate.blame_loss) * (1 - p.climate.blame_loss)));
  CHECK(blaming.teams[1].psychological_safety == 0.5);
  p.interventions.just_culture.enabled = true;
  p.interventions.just_culture.start_day = 3;
  World just(p, 1);
  blame_after_incidents(just, 2, tally);  // not yet on
  CHECK(just.teams[0].psychological_safety < 0.5);
  const double before = just.teams[0].psychological_safety;
  blame_after_incidents(just, 3, tally);
  CHECK(just.teams[0].psychological_safety == before);
}

TEST_CASE("a safer climate lowers the bar to raising an issue", "[climate][issues]") {
  const Parameters p = quiet();
  CHECK(raise_probability(p, 0.4, 0, false, 0.9) > raise_probability(p, 0.4, 0, false, 0.5));
  CHECK(raise_probability(p, 0.4, 0, false, 0.1) < raise_probability(p, 0.4, 0, false, 0.5));
  CHECK(raise_probability(p, 0.4, 0, false, 0.5) == raise_probability(p, 0.4, 0));
}

TEST_CASE("climate emerges from issues: it rises where raising succeeds and falls where it fails",
          "[climate][issues]") {
  // Everyone trusts everyone, so issues are raised; only the resolution differs.
  auto climate_after = [](double resolve) {
    Parameters p = quiet();
    p.trust.stranger_baseline = 0.9;
    p.issues.per_person_per_day = 1.0;
    p.issues.resolve_probability = resolve;
    p.interventions.data_sharing.enabled = p.interventions.aligned_incentives.enabled = true;
    World world(p, 2);
    for (int day = 0; day < 30; ++day) run_day_in_phases(world, day);
    return world.teams[0].psychological_safety;
  };
  CHECK(climate_after(1.0) > 0.7);
  CHECK(climate_after(0.0) < 0.3);
}

TEST_CASE("learning reviews take every member's time while just culture is on", "[climate][time]") {
  Parameters p = quiet();
  p.interventions.just_culture.enabled = true;
  p.interventions.just_culture.review_interval_days = 1;
  World world(p, 1);
  DayTally tally;
  plan_working_day(world, 0, tally);
  hold_learning_reviews(world, 0, tally);
  for (StaffId i = 0; i < world.staff.size(); ++i)
    CHECK(world.staff.hours[i] ==
          Approx(p.time.routine_hours + p.interventions.just_culture.review_hours));
  // Counted as the intervention's hours.
  CHECK(
      tally.hours_spent[static_cast<std::size_t>(Spent::interventions)] ==
      Approx(static_cast<double>(world.staff.size()) * p.interventions.just_culture.review_hours));
}

TEST_CASE("each team's climate is in the day's tally", "[climate]") {
  Parameters p = quiet();
  World world(p, 1);
  const DayResult r = run_day(world, 0);
  REQUIRE(r.tally.team_psychological_safety.size() == 2);
  CHECK(r.tally.team_psychological_safety[1] == world.teams[1].psychological_safety);
}
