// Rituals (rituals.cpp): an established gathering is held on its ritual
// day among those on site, bringing contacts, climate and time; a
// disruption breaks the habit, which re-forms slowly, and faster when the
// team convenes its gatherings (new_rituals).
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

Parameters everyone_in() {
  Parameters p = test::two_teams(4);
  p.work.on_site_share = 1.0;
  p.rituals.interval_days = 1;
  p.issues.per_person_per_day = 0.0;  // nothing else moves the climate
  return p;
}

// The ritual phase alone, over `days` days; the habit of team 0 each day.
std::vector<double> strengths(World& world, int first, int days) {
  std::vector<double> out;
  for (int day = first; day < first + days; ++day) {
    plan_working_day(world, day);
    disrupt_rituals(world, day);
    DayTally tally;
    settle_rituals(world, hold_rituals(world, day, world.all_localities(), tally));
    out.push_back(world.teams[0].ritual_strength);
  }
  return out;
}

}  // namespace

TEST_CASE("an established ritual is held among those on site, with contacts, climate and time",
          "[rituals]") {
  Parameters p = everyone_in();
  World world(p, 1);
  plan_working_day(world, 0);
  DayTally tally;
  const RitualsHeld held = hold_rituals(world, 0, world.all_localities(), tally);
  CHECK(held.held == std::vector<std::int32_t>{0, 1});
  CHECK(tally.rituals_held == 2);
  CHECK(held.time.size() == world.staff.size());  // every attendee, nobody organising
  for (const TimeCharge& c : held.time) CHECK(c.hours == p.rituals.hours);
  CHECK(!held.trust.empty());
  for (const TrustUpdate& u : held.trust) CHECK(world.staff.team[u.from] == world.staff.team[u.to]);
  settle_rituals(world, held);
  CHECK(world.teams[0].psychological_safety ==
        Approx(p.climate.initial + p.rituals.climate_gain * (1 - p.climate.initial)));
}

TEST_CASE("nobody on site, no gathering", "[rituals]") {
  Parameters p = everyone_in();
  p.work.on_site_share = 0.0;
  World world(p, 1);
  plan_working_day(world, 0);
  DayTally tally;
  const RitualsHeld held = hold_rituals(world, 0, world.all_localities(), tally);
  CHECK(held.held.empty());
  CHECK(held.lapsed.size() == 2);
}

TEST_CASE("a disruption breaks the rituals, which re-form only slowly", "[rituals]") {
  Parameters p = everyone_in();
  p.rituals.disruption_days = {5};
  World world(p, 3);
  const auto r = strengths(world, 0, 200);
  CHECK(r[4] > 0.99);
  CHECK(r[5] < 0.15);  // broken at a stroke (the day's gathering may add a little)
  // Re-forming takes weeks of ritual days, not one.
  CHECK(r[15] < 0.6);
  CHECK(r[199] > 0.9);
}

TEST_CASE("a move of meetings online disrupts the rituals, a move back does not",
          "[rituals][meetings]") {
  Parameters p = everyone_in();
  p.meetings.regime = Regime::face_to_face;
  p.meetings.schedule = {{3, Regime::online, 0.0}, {50, Regime::face_to_face, 1.0}};
  World world(p, 3);
  const auto r = strengths(world, 0, 52);
  CHECK(r[2] > 0.99);
  CHECK(r[3] < 0.15);
  CHECK(r[50] >= r[49]);
}

TEST_CASE("new rituals convene the gathering, at an organiser's time, and re-form the habit sooner",
          "[rituals][interventions]") {
  Parameters p = everyone_in();
  p.rituals.initial_strength = 0.0;
  World lapsed(p, 4);
  p.interventions.new_rituals.enabled = true;
  p.interventions.new_rituals.organise_hours = 0.3;  // told apart from attending
  p.interventions.new_rituals.interval_days = 1;
  World convened(p, 4);
  plan_working_day(convened, 0);
  DayTally tally;
  const RitualsHeld held = hold_rituals(convened, 0, convened.all_localities(), tally);
  CHECK(held.held.size() == 2);
  int organisers = 0;
  for (const TimeCharge& c : held.time)
    organisers += c.hours == p.interventions.new_rituals.organise_hours;
  CHECK(organisers == 2);
  const auto slow = strengths(lapsed, 0, 30), fast = strengths(convened, 0, 30);
  CHECK(fast[29] > 0.9);
  CHECK(slow[9] < fast[9] - 0.2);
}
