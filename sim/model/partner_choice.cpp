#include "model/partner_choice.hpp"

namespace trustsim {

namespace {

constexpr int max_partner_tries = 4;

// A random existing tie whose holder is still in post, if any.
bool existing_tie(const World& world, StaffId i, RandomStream& rng, StaffId& partner) {
  const auto& ties = world.trust.ties_of(i);
  if (ties.empty()) return false;
  const TrustTie& tie = ties[rng.below(ties.size())];
  if (!world.staff.active[tie.to] || tie.to_generation != world.staff.generation[tie.to])
    return false;
  partner = tie.to;
  return true;
}

// Someone reachable: a teammate, or anyone else in the locality, met more
// rarely across organisations and sites.
bool reachable_stranger(const World& world, StaffId i, RandomStream& rng, StaffId& partner) {
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
    if (s.site[j] != s.site[i]) accept *= c.cross_site_factor;
    if (!rng.chance(accept)) return false;
    partner = j;
    return true;
  }
  return false;
}

}  // namespace

bool choose_informal_partner(const World& world, StaffId i, RandomStream& rng, StaffId& partner) {
  return rng.chance(world.p.contacts.tie_preference) ? existing_tie(world, i, rng, partner)
                                                     : reachable_stranger(world, i, rng, partner);
}

}  // namespace trustsim
