// Informal contacts: corridor, kitchen, phone. Seed 1: trust "requires
// numerous informal interactions that are often overlooked". Corridor and
// kitchen contacts happen on a day on site and need the partner on site
// too (work.on_site_share), phone and chat ones any day; meetings do not
// set either. Partners are partly existing ties, partly whoever is
// reachable, and contact is rarer across organisations and, in person,
// across sites.
#include "model/day.hpp"
#include "model/partner_choice.hpp"
#include "model/per_staff.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

void contact(const World& world, StaffId a, StaffId b, std::vector<TrustUpdate>& out) {
  informal_contact(world, a, b, out);
}

// Seed 1, "account for informal facilitation between teams": a boundary
// spanner introduces a teammate to someone in another team, and knows both.
// Each introduction takes the facilitator time (charged from the same
// count, facilitation_hours).
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
    contact(world, f, other, out);
    ++tally.informal_contacts;
    if (teammate != f) {
      contact(world, teammate, other, out);
      ++tally.informal_contacts;
    }
  }
}

// The hours each facilitator of `slots` spent on today's introductions: the
// same Poisson count facilitate() drew first from the same stream.
std::vector<TimeCharge> facilitation_hours(const World& world, int day, SlotRange slots) {
  const auto& iv = world.p.interventions.facilitators;
  std::vector<TimeCharge> charges;
  for (StaffId i = slots.begin; i < slots.end; ++i) {
    if (!world.staff.active[i] || !world.staff.facilitator[i]) continue;
    RandomStream rng(world.seed, Purpose::facilitation, Day(day), Subject(i));
    const int introductions = rng.poisson(iv.extra_contacts_per_day);
    if (introductions > 0)
      charges.push_back({i, introductions * iv.hours_per_introduction, Spent::interventions});
  }
  return charges;
}

}  // namespace

ContactsMade make_informal_contacts(const World& world, int day, Localities localities,
                                    DayTally& tally) {
  const auto& c = world.p.contacts;
  const bool facilitation = world.p.interventions.facilitators.active_on(day);

  ContactsMade contacts;
  const SlotRange slots = world.slots_of(localities);
  const PoissonCount in_person_count(c.per_on_site_day), remote_count(c.remote_per_day);
  contacts.trust = collect_per_staff<TrustUpdate>(
      slots, tally,
      [&](StaffId i, std::vector<TrustUpdate>& out, DayTally& t) {
        const Staff& s = world.staff;
        // Partner choice will read that row. Only rows of these localities:
        // other localities' rows may be being pruned meanwhile (run_day).
        if (i + 2 < slots.end) world.trust.prefetch(i + 2);
        if (!s.active[i]) return;
        RandomStream rng(world.seed, Purpose::informal_contact, Day(day), Subject(i));
        const int in_person = s.on_site[i] ? in_person_count(rng) : 0;
        const int remote = remote_count(rng);
        for (int k = 0; k < in_person + remote; ++k) {
          const bool face_to_face = k < in_person;
          StaffId partner = i;
          if (!choose_informal_partner(world, i, face_to_face, day, rng, partner)) continue;
          if (face_to_face && !s.on_site[partner]) continue;  // not in today
          contact(world, i, partner, out);
          ++t.informal_contacts;
        }
        if (facilitation && s.facilitator[i]) {
          RandomStream frng(world.seed, Purpose::facilitation, Day(day), Subject(i));
          facilitate(world, i, frng, out, t);
        }
      },
      2.0 * (c.per_on_site_day + c.remote_per_day));  // each contact changes two ties
  if (facilitation) contacts.time = facilitation_hours(world, day, slots);
  return contacts;
}

}  // namespace trustsim
