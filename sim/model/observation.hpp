// What is measured each day. Mean trust over all pairs is the closed-form
// baseline sum (from head counts by profession and organisation) plus the
// stored ties' decayed excess, so measuring never visits absent pairs.
#pragma once

#include <vector>

#include "model/run_result.hpp"
#include "model/world.hpp"

namespace trustsim {

struct TrustLevels {
  double within = 0.0;   // same team
  double between = 0.0;  // different teams of the same locality
};

// Also drops stale and fully decayed ties, which the scan visits anyway.
TrustLevels measure_trust(World& world, int day);

// Mean T(i->j) for i in team a, j in team b, row-major, NaN where no pair.
std::vector<double> team_trust_matrix(const World& world, int day);

NetworkSnapshot network_snapshot(const World& world, int day);

}  // namespace trustsim
