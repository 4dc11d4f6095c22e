#include "model/partner_choice.hpp"

namespace trustsim {

namespace {

constexpr int max_partner_tries = 4;
// Enough that a row mostly of faint ties still yields a meaningful one.
constexpr int max_tie_tries = 16;

// A random meaningful tie whose holder is still in post, if one turns up.
bool existing_tie(const World& world, StaffId i, bool in_person, int day, RandomStream& rng,
                  StaffId& partner) {
  const auto& ties = world.trust.ties_of(i);
  if (ties.empty()) return false;
  const auto& c = world.p.contacts;
  for (int attempt = 0; attempt < max_tie_tries; ++attempt) {
    const TrustTie tie = ties[rng.below(ties.size())];
    if (!world.staff.active[tie.to] || tie.to_generation != world.staff.generation[tie.to])
      continue;
    if (tie.excess * world.trust.decay(day - tie.day) < c.tie_floor) continue;
    if (in_person && world.staff.site[tie.to] != world.staff.site[i] &&
        !rng.chance(c.cross_site_factor))
      return false;
    partner = tie.to;
    return true;
  }
  return false;
}

// Someone reachable: a teammate, or anyone else in the locality, met more
// rarely across organisations and sites.
bool reachable_stranger(const World& world, StaffId i, bool in_person, RandomStream& rng,
                        StaffId& partner) {
  const auto& c = world.p.contacts;
  const Staff& s = world.staff;
  const bool teammate = rng.chance(c.own_team_share);
  const auto& pool = teammate ? world.teams[static_cast<std::size_t>(s.team[i])].members
                              : world.locality_members[static_cast<std::size_t>(s.locality[i])];
  for (int attempt = 0; attempt < max_partner_tries; ++attempt) {
    const StaffId j = pool[rng.below(pool.size())];
    if (j == i || (!teammate && s.team[j] == s.team[i])) continue;
    double accept = 1.0;
    if (s.organisation[j] != s.organisation[i]) accept *= c.cross_organisation_factor;
    if (in_person && s.site[j] != s.site[i]) accept *= c.cross_site_factor;
    if (!rng.chance(accept)) return false;
    partner = j;
    return true;
  }
  return false;
}

}  // namespace

bool choose_informal_partner(const World& world, StaffId i, bool in_person, int day,
                             RandomStream& rng, StaffId& partner) {
  if (rng.chance(world.p.contacts.tie_preference) &&
      existing_tie(world, i, in_person, day, rng, partner))
    return true;
  return reachable_stranger(world, i, in_person, rng, partner);
}

}  // namespace trustsim
