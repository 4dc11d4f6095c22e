// Whom a person meets in an informal contact. SPEC: partners are "chosen
// partly by existing ties, partly at random among reachable staff; fewer
// across organisations and sites". Its own file because it is the inner
// loop of the contact phase, and benchmarked as such (bench/model/).
#pragma once

#include "model/random_stream.hpp"
#include "model/world.hpp"

namespace trustsim {

// With probability contacts.tie_preference a random existing tie (met only
// if its holder is still in post), otherwise someone reachable: a teammate
// (own_team_share) or anyone else in the locality, accepted less often
// across organisations and sites. False when nobody is met.
bool choose_informal_partner(const World& world, StaffId i, RandomStream& rng, StaffId& partner);

}  // namespace trustsim
