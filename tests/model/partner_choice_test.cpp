#include <catch2/catch.hpp>

#include <algorithm>

#include "fixtures.hpp"
#include "model/partner_choice.hpp"

using namespace trustsim;

namespace {

bool has_tie(const World& world, StaffId from, StaffId to) {
  const auto& ties = world.trust.ties_of(from);
  return std::any_of(ties.begin(), ties.end(), [&](const TrustTie& t) { return t.to == to; });
}

}  // namespace

TEST_CASE("a partner drawn from ties is someone already trusted and still in post", "[contacts]") {
  Parameters p = test::two_teams(4);
  p.contacts.tie_preference = 1.0;
  p.contacts.tie_floor = 0.0;  // every stored tie counts
  World world(p, 5);
  world.staff.active[1] = 0;  // a colleague who left: their ties must not be met
  world.refresh_membership();
  int met = 0;
  for (std::uint32_t draw = 0; draw < 2000; ++draw) {
    RandomStream rng(world.seed, Purpose::informal_contact, Day(draw), Subject(0));
    StaffId partner = 0;
    if (!choose_informal_partner(world, 0, false, 0, rng, partner)) continue;
    ++met;
    CHECK(partner != 0);
    CHECK(partner != 1);
    CHECK(has_tie(world, 0, partner));
  }
  CHECK(met > 1900);  // the leaver's tie is passed over for another
}

TEST_CASE("a stranger outside the own team is another team of the same locality", "[contacts]") {
  Parameters p = test::two_teams(4);
  p.system.localities = 2;
  p.contacts.tie_preference = 0.0;
  p.contacts.own_team_share = 0.0;
  const World world(p, 5);
  for (std::uint32_t draw = 0; draw < 2000; ++draw) {
    RandomStream rng(world.seed, Purpose::informal_contact, Day(draw), Subject(3));
    StaffId partner = 3;
    if (!choose_informal_partner(world, 3, false, 0, rng, partner)) continue;
    CHECK(world.staff.team[partner] != world.staff.team[3]);
    CHECK(world.staff.locality[partner] == world.staff.locality[3]);
  }
}

TEST_CASE("a tie fainter than tie_floor is never sought out: a stranger is met instead",
          "[contacts][prune]") {
  Parameters p = test::two_teams(4);
  p.contacts.tie_preference = 1.0;
  p.contacts.own_team_share = 0.0;  // strangers from the other team only
  p.contacts.cross_organisation_factor = 1.0;
  p.trust.initial_within_team = 0.0;
  World world(p, 5);
  world.trust.set_excess(0, 1, world.staff.generation[1], 0.5 * p.contacts.tie_floor, 0);
  for (std::uint32_t draw = 0; draw < 500; ++draw) {
    RandomStream rng(world.seed, Purpose::informal_contact, Day(draw), Subject(0));
    StaffId partner = 0;
    if (!choose_informal_partner(world, 0, false, 0, rng, partner)) continue;
    CHECK(partner != 1);
    CHECK(world.staff.team[partner] != world.staff.team[0]);
  }
  world.trust.set_excess(0, 1, world.staff.generation[1], 2.0 * p.contacts.tie_floor, 0);
  RandomStream rng(world.seed, Purpose::informal_contact, Day(0), Subject(0));
  StaffId partner = 0;
  REQUIRE(choose_informal_partner(world, 0, false, 0, rng, partner));
  CHECK(partner == 1);
}
