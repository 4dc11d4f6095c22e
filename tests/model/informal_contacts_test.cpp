#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

struct ContactCounts {
  double all = 0, same_organisation = 0, same_team = 0, with_facilitator_team = 0;
};

ContactCounts count_contacts(Parameters p, double on_site_share, int days = 300) {
  p.work.on_site_share = on_site_share;
  p.days = std::max(p.days, days);  // the world's decay table covers the days stepped
  World world(p, 11);
  ContactCounts counts;
  for (int day = 0; day < days; ++day) {
    DayTally tally;
    plan_working_day(world, day);
    const auto updates = make_informal_contacts(world, day, world.all_localities(), tally).trust;
    for (std::size_t k = 0; k < updates.size(); k += 2) {  // each contact is two updates
      const auto a = updates[k].from, b = updates[k].to;
      counts.all += 1;
      counts.same_organisation += world.staff.organisation[a] == world.staff.organisation[b];
      counts.same_team += world.staff.team[a] == world.staff.team[b];
    }
  }
  return counts;
}

}  // namespace

TEST_CASE("corridor contacts need both people on site, phone contacts do not", "[contacts]") {
  Parameters p = test::two_teams(6);
  p.contacts.remote_per_day = 0.0;
  CHECK(count_contacts(p, 0.0).all == 0);  // nobody in: no corridor contact at all
  // Each person is in with probability s and meets someone also in: about s^2.
  const double full = count_contacts(p, 1.0).all;
  const double half = count_contacts(p, 0.5).all;
  CHECK(half / full == Approx(0.25).margin(0.05));
  p.contacts.per_on_site_day = 0.0;
  p.contacts.remote_per_day = 0.5;
  const double remote_out = count_contacts(p, 0.0).all, remote_in = count_contacts(p, 1.0).all;
  CHECK(remote_out > 0);
  CHECK(remote_in == Approx(remote_out).epsilon(0.1));
}

TEST_CASE("a team's own on-site share overrides work.on_site_share", "[contacts]") {
  Parameters p = test::two_teams(6);
  p.system.teams[0].on_site_share = 1.0;
  p.system.teams[1].on_site_share = 0.0;
  p.work.on_site_share = 0.5;
  World world(p, 3);
  plan_working_day(world, 0);
  for (StaffId i : world.teams[0].members) CHECK(world.staff.on_site[i] == 1);
  for (StaffId i : world.teams[1].members) CHECK(world.staff.on_site[i] == 0);
}

TEST_CASE("contacts across organisations are rarer than their share of staff", "[contacts]") {
  Parameters p = test::two_teams(6);
  p.contacts.tie_preference = 0.0;
  p.contacts.own_team_share = 1.0;  // within a team, half are the other organisation
  p.contacts.remote_per_day = 0.0;
  const auto counts = count_contacts(p, 1.0);
  // Candidates: 5 same-organisation, 6 other; others accepted with factor 0.5.
  CHECK(counts.same_organisation / counts.all > 0.55);
  p.contacts.cross_organisation_factor = 1.0;
  const auto open = count_contacts(p, 1.0);
  CHECK(open.same_organisation / open.all == Approx(5.0 / 11.0).margin(0.03));
}

TEST_CASE("facilitators add contacts between teams, and each introduction takes time",
          "[contacts][interventions][time]") {
  Parameters p = test::two_teams(6);
  const auto without = count_contacts(p, 0.5);
  p.interventions.facilitators.enabled = true;
  const auto with = count_contacts(p, 0.5);
  CHECK(with.all - with.same_team > 1.5 * (without.all - without.same_team));

  World world(p, 2);
  plan_working_day(world, 0);
  DayTally tally;
  const auto made = make_informal_contacts(world, 0, world.all_localities(), tally);
  double hours = 0;
  for (const auto& c : made.time) {
    CHECK(world.staff.facilitator[c.who] == 1);
    hours += c.hours;
  }
  CHECK(hours > 0);
  CHECK(std::fmod(hours / p.interventions.facilitators.hours_per_introduction + 1e-9, 1.0) < 1e-6);
}
