// Morris's elementary effects and their summaries: for each factor, μ* (the
// mean absolute effect, Campolongo, Cariboni & Saltelli 2007, which does
// not let effects of opposite sign cancel, so it ranks factors by
// importance), σ (their standard deviation: large when the factor acts
// non-linearly or through interactions) and μ (the signed mean, for the
// direction).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sweep/morris_design.hpp"

namespace trustsim {

// effects[t][i]: the elementary effect of factor i on trajectory t,
// (y(after) - y(before)) / (x_i(after) - x_i(before)), the step in units of
// the factor's range. `outcome` has one value per design point.
std::vector<std::vector<double>> elementary_effects(const MorrisDesign& design,
                                                    std::span<const double> outcome);

struct MorrisIndices {
  std::vector<double> mu_star;  // per factor
  std::vector<double> sigma;    // NaN with fewer than two trajectories
  std::vector<double> mu;
};

// Over the trajectories listed (a bootstrap resample may list one twice).
MorrisIndices morris_indices(const std::vector<std::vector<double>>& effects,
                             std::span<const std::size_t> trajectories);

}  // namespace trustsim
