// The time budget (working_day.cpp and every phase that charges hours):
// what each task takes adds up to the hours a person works, and what goes
// beyond hours_per_day is overload.
#include <catch2/catch.hpp>

#include <numeric>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

// Nothing happens but routine work and a daily team meeting everyone attends.
Parameters quiet_days() {
  Parameters p = test::two_teams(3);
  p.issues.per_person_per_day = 0.0;
  p.contacts.per_on_site_day = p.contacts.remote_per_day = 0.0;
  p.staff.base_leave_per_day = p.staff.burnout_leave_per_day = 0.0;
  p.meetings.team_meeting_interval_days = 1;
  p.meetings.cross_team_representatives = 0;
  p.meetings.online.attendance = p.meetings.face_to_face.attendance = 1.0;
  p.rituals.initial_strength = 0.0;  // no team gatherings
  return p;
}

double total_hours(const World& world) {
  double sum = 0;
  for (StaffId i = 0; i < world.staff.size(); ++i)
    if (world.staff.active[i]) sum += world.staff.hours[i];
  return sum;
}

}  // namespace

TEST_CASE("routine work and an online meeting add up to each person's day", "[time]") {
  Parameters p = quiet_days();
  p.meetings.regime = Regime::online;
  World world(p, 1);
  const DayResult r = run_day_in_phases(world, 0);
  for (StaffId i = 0; i < world.staff.size(); ++i)
    CHECK(world.staff.hours[i] == Approx(p.time.routine_hours + p.time.team_meeting_hours));
  CHECK(r.tally.hours_worked == Approx(total_hours(world)));
  CHECK(r.tally.overloaded_staff == 0);
}

TEST_CASE("in-person meetings cost those based elsewhere the journey", "[time][meetings]") {
  Parameters p = quiet_days();
  p.meetings.regime = Regime::face_to_face;
  p.system.teams[0].staff[1].site = "elsewhere";  // the alpha GPs travel
  World world(p, 1);
  run_day_in_phases(world, 0);
  for (StaffId i = 0; i < world.staff.size(); ++i) {
    const bool travels = world.staff.site[i] != world.teams[std::size_t(world.staff.team[i])].site;
    CHECK(world.staff.hours[i] == Approx(p.time.routine_hours + p.time.team_meeting_hours +
                                         (travels ? p.time.travel_hours : 0.0)));
  }
}

TEST_CASE("raising and resolving issues take the hours they are given", "[time][issues]") {
  Parameters p = quiet_days();
  p.meetings.online.attendance = p.meetings.face_to_face.attendance = 0.0;
  p.issues.per_person_per_day = 2.0;
  p.trust.stranger_baseline = 0.9;
  p.issues.resolve_probability = 1.0;
  p.interventions.data_sharing.enabled = p.interventions.aligned_incentives.enabled = true;
  p.interventions.data_sharing.hours_per_request = 0.0;
  World world(p, 2);
  const DayResult r = run_day_in_phases(world, 0);
  REQUIRE(r.tally.issues_resolved > 5);
  const double expected = double(world.staff.size()) * p.time.routine_hours +
                          double(r.tally.issues_raised) * p.time.raise_hours +
                          double(r.tally.issues_resolved) * p.time.resolve_hours +
                          std::accumulate(world.held_load.begin(), world.held_load.end(), 0.0);
  CHECK(r.tally.hours_worked == Approx(expected));
}

TEST_CASE("hours beyond the day are overload, which builds burnout", "[time][attrition]") {
  Parameters p = quiet_days();
  p.meetings.regime = Regime::online;
  p.time.team_meeting_hours = 3.0;  // 5.6 + 3 > 7.5
  World world(p, 1);
  const DayResult r = run_day_in_phases(world, 0);
  CHECK(r.tally.overloaded_staff == std::int64_t(world.staff.size()));
  const double overload = (p.time.routine_hours + 3.0) / p.time.hours_per_day - 1.0;
  CHECK(world.staff.burnout[0] == Approx(p.staff.burnout_gain * overload));
}

TEST_CASE("every intervention that takes staff time charges it", "[time][interventions]") {
  Parameters base = quiet_days();
  base.meetings.online.attendance = base.meetings.face_to_face.attendance = 0.0;
  base.issues.per_person_per_day = 1.0;
  base.trust.stranger_baseline = 0.9;
  base.workarounds.revisit_interval_days = 1;
  auto hours = [](const Parameters& p) {
    World world(p, 4);
    double sum = 0;
    for (int day = 0; day < 5; ++day) sum += run_day_in_phases(world, day).tally.hours_worked;
    return sum;
  };
  const double without = hours(base);
  auto with = [&](auto switch_on) {
    Parameters p = base;
    switch_on(p.interventions);
    return hours(p);
  };
  CHECK(with([](Interventions& i) { i.facilitators.enabled = true; }) > without);
  CHECK(with([](Interventions& i) { i.difficult_conversations.enabled = true; }) > without);
  CHECK(with([](Interventions& i) { i.data_sharing.enabled = true; }) > without);
}

TEST_CASE("new rituals and just culture take staff time", "[time][interventions]") {
  Parameters base = quiet_days();
  base.meetings.online.attendance = base.meetings.face_to_face.attendance = 0.0;
  base.work.on_site_share = 1.0;
  base.rituals.interval_days = 1;
  auto hours = [](const Parameters& p) {
    World world(p, 4);
    double sum = 0;
    for (int day = 0; day < 5; ++day) sum += run_day_in_phases(world, day).tally.hours_worked;
    return sum;
  };
  const double without = hours(base);
  Parameters rituals = base;
  rituals.interventions.new_rituals.enabled = true;
  rituals.interventions.new_rituals.interval_days = 1;
  CHECK(hours(rituals) > without);
  Parameters just = base;
  just.interventions.just_culture.enabled = true;
  just.interventions.just_culture.review_interval_days = 1;
  CHECK(hours(just) == Approx(without + 5 * double(just.interventions.just_culture.review_hours) *
                                            double(World(just, 4).staff.size())));
}
