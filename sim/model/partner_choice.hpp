// Whom a person meets in an informal contact. SPEC: partners are "chosen
// partly by existing ties, partly at random among reachable staff; fewer
// across organisations and sites". Its own file because it is the inner
// loop of the contact phase, and benchmarked as such (bench/model/).
#pragma once

#include "model/random_stream.hpp"
#include "model/world.hpp"

namespace trustsim {

// With probability contacts.tie_preference a random existing tie still in
// post whose excess today is at least contacts.tie_floor; otherwise, or
// when no such tie turns up, someone reachable: a teammate
// (own_team_share) or anyone else in the locality, accepted less often
// across organisations and, in person, across sites. False when nobody is
// met. Ties fainter than tie_floor never count, so whether the network
// stores them (trust.prune_below, at most tie_floor) changes whom one
// meets only through the random draws.
bool choose_informal_partner(const World& world, StaffId i, bool in_person, int day,
                             RandomStream& rng, StaffId& partner);

}  // namespace trustsim
