#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

struct ContactCounts {
  double all = 0, same_organisation = 0, same_team = 0, with_facilitator_team = 0;
};

ContactCounts count_contacts(Parameters p, double face_to_face, int days = 300) {
  World world(p, 11);
  ContactCounts counts;
  for (int day = 0; day < days; ++day) {
    DayTally tally;
    const auto updates = make_informal_contacts(world, day, {Regime::hybrid, face_to_face},
                                                 world.all_localities(), tally);
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

TEST_CASE("more informal contact when more work is in person", "[contacts]") {
  const auto remote = count_contacts(test::two_teams(6), 0.0);
  const auto in_person = count_contacts(test::two_teams(6), 1.0);
  CHECK(in_person.all > 2.5 * remote.all);  // rates 2.0 vs 0.5, less rejection noise
}

TEST_CASE("contacts across organisations are rarer than their share of staff", "[contacts]") {
  Parameters p = test::two_teams(6);
  p.contacts.tie_preference = 0.0;
  p.contacts.own_team_share = 1.0;  // within a team, half are the other organisation
  const auto counts = count_contacts(p, 1.0);
  // Candidates: 5 same-organisation, 6 other; others accepted with factor 0.5.
  CHECK(counts.same_organisation / counts.all > 0.55);
  p.contacts.cross_organisation_factor = 1.0;
  const auto open = count_contacts(p, 1.0);
  CHECK(open.same_organisation / open.all == Approx(5.0 / 11.0).margin(0.03));
}

TEST_CASE("facilitators add contacts between teams", "[contacts][interventions]") {
  Parameters p = test::two_teams(6);
  const auto without = count_contacts(p, 0.5);
  p.interventions.facilitators.enabled = true;
  const auto with = count_contacts(p, 0.5);
  CHECK(with.all - with.same_team > 1.5 * (without.all - without.same_team));
}
