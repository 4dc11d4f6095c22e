#include "sweep/morris_effects.hpp"

#include <cmath>
#include <limits>

namespace trustsim {

std::vector<std::vector<double>> elementary_effects(const MorrisDesign& design,
                                                    std::span<const double> outcome) {
  const std::size_t k = design.factors;
  std::vector<std::vector<double>> effects(static_cast<std::size_t>(design.trajectories),
                                           std::vector<double>(k));
  for (std::size_t t = 0; t < effects.size(); ++t) {
    const std::size_t start = t * (k + 1);
    for (std::size_t s = 0; s < k; ++s) {
      const auto& before = design.points[start + s];
      const auto& after = design.points[start + s + 1];
      // The factor that moved: the one coordinate that differs.
      std::size_t moved = 0;
      for (std::size_t i = 1; i < k; ++i)
        if (std::fabs(after[i] - before[i]) > std::fabs(after[moved] - before[moved])) moved = i;
      effects[t][moved] =
          (outcome[start + s + 1] - outcome[start + s]) / (after[moved] - before[moved]);
    }
  }
  return effects;
}

MorrisIndices morris_indices(const std::vector<std::vector<double>>& effects,
                             std::span<const std::size_t> trajectories) {
  const std::size_t k = effects.empty() ? 0 : effects[0].size();
  const auto r = static_cast<double>(trajectories.size());
  MorrisIndices indices{std::vector<double>(k), std::vector<double>(k), std::vector<double>(k)};
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0.0, absolute = 0.0;
    for (std::size_t t : trajectories) {
      sum += effects[t][i];
      absolute += std::fabs(effects[t][i]);
    }
    indices.mu[i] = sum / r;
    indices.mu_star[i] = absolute / r;
    double squares = 0.0;
    for (std::size_t t : trajectories)
      squares += (effects[t][i] - indices.mu[i]) * (effects[t][i] - indices.mu[i]);
    indices.sigma[i] = trajectories.size() < 2 ? std::numeric_limits<double>::quiet_NaN()
                                               : std::sqrt(squares / (r - 1.0));
  }
  return indices;
}

}  // namespace trustsim
