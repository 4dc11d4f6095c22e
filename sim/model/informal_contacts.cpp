// Informal contacts: corridor, kitchen, phone. Seed 1: trust "requires
// numerous informal interactions that are often overlooked". How many
// depends on how much of the working week is spent in person (the regime);
// partners are partly existing ties, partly whoever is reachable, and
// contact is rarer across organisations and sites.
#include "model/day.hpp"
#include "model/partner_choice.hpp"
#include "model/per_staff.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

// Seed 1, "account for informal facilitation between teams": a boundary
// spanner introduces a teammate to someone in another team, and knows both.
void facilitate(const World& world, StaffId f, RandomStream& rng, std::vector<TrustUpdate>& out,
                DayTally& tally) {
  const Staff& s = world.staff;
  const auto& team = world.teams[static_cast<std::size_t>(s.team[f])].members;
  const auto& locality = world.locality_members[static_cast<std::size_t>(s.locality[f])];
  const int introductions = rng.poisson(world.p.interventions.facilitators.extra_contacts_per_day);
  for (int k = 0; k < introductions; ++k) {
    const StaffId other = locality[rng.below(locality.size())];
    const StaffId teammate = team[rng.below(team.size())];
    if (s.team[other] == s.team[f]) continue;
    informal_contact(world, f, other, out);
    ++tally.informal_contacts;
    if (teammate != f) {
      informal_contact(world, teammate, other, out);
      ++tally.informal_contacts;
    }
  }
}

}  // namespace

std::vector<TrustUpdate> make_informal_contacts(const World& world, int day,
                                                const RegimeToday& regime, Localities localities,
                                                DayTally& tally) {
  const auto& c = world.p.contacts;
  const double rate = regime.face_to_face_fraction * c.per_day_in_person +
                      (1.0 - regime.face_to_face_fraction) * c.per_day_remote;
  const bool facilitation = world.p.interventions.facilitators.active_on(day);

  return collect_per_staff<TrustUpdate>(
      world.slots_of(localities), tally, [&](StaffId i, std::vector<TrustUpdate>& out, DayTally& t) {
        if (!world.staff.active[i]) return;
        RandomStream rng(world.seed, Purpose::informal_contact, static_cast<std::uint32_t>(day), i);
        const int contacts = rng.poisson(rate);
        for (int k = 0; k < contacts; ++k) {
          StaffId partner = i;
          if (!choose_informal_partner(world, i, rng, partner)) continue;
          informal_contact(world, i, partner, out);
          ++t.informal_contacts;
        }
        if (facilitation && world.staff.facilitator[i]) {
          RandomStream frng(world.seed, Purpose::facilitation, static_cast<std::uint32_t>(day), i);
          facilitate(world, i, frng, out, t);
        }
      });
}

}  // namespace trustsim
