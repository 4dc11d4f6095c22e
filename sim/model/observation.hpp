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

// Each slot's stored excess over baseline towards its own team and towards
// the other teams of its locality, as measured today (0 for a vacant slot).
struct ExcessSums {
  explicit ExcessSums(std::size_t slots);
  std::vector<double> within;
  std::vector<double> between;
};

// Sums the rows of `slots` into `sums`, dropping stale and fully decayed
// ties, which the scan visits anyway. Summing a row twice on one day gives
// the same sums (and drops nothing more).
void sum_excess(World& world, SlotRange slots, int day, ExcessSums& sums);

// Mean trust: the closed-form baseline over head counts plus the sums.
TrustLevels mean_trust(const World& world, const ExcessSums& sums);

// sum_excess over every slot, then mean_trust. run_day measures as it goes;
// this is for a world stepped phase by phase.
TrustLevels measure_trust(World& world, int day);

// Mean T(i->j) for i in team a, j in team b, row-major, NaN where no pair.
std::vector<double> team_trust_matrix(const World& world, int day);

NetworkSnapshot network_snapshot(const World& world, int day);

}  // namespace trustsim
