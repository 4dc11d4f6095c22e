// The Morris (1991) screening design: r random one-at-a-time trajectories
// through a grid of p levels in the unit cube [0, 1]^k. Each trajectory
// starts at a random grid point and moves every factor once, in random
// order, by ±Δ with Δ = p / (2 (p - 1)), so it has k + 1 points and the
// whole design r (k + 1). The difference of the outcome between two
// consecutive points, divided by the step, is an elementary effect of the
// factor that moved (morris_effects.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace trustsim {

struct MorrisDesign {
  std::size_t factors = 0;  // k
  int trajectories = 0;     // r
  int levels = 0;           // p, even
  double step = 0.0;        // Δ, in units of each factor's range
  // r (k + 1) points in [0, 1]^k: trajectory t is points t(k+1) .. t(k+1)+k.
  std::vector<std::vector<double>> points;
};

// Trajectory t draws from its own stream (the sweep's seed, the trajectory),
// so adding trajectories keeps the first ones.
MorrisDesign morris_design(std::size_t factors, int trajectories, int levels, std::uint64_t seed);

}  // namespace trustsim
