// The /sensitivity table of a Morris or Sobol' sweep: for each variant,
// outcome and sampled parameter, the method's two indices (μ* and σ for
// Morris, S1 and ST for Sobol'), each with a 95% percentile bootstrap
// interval over the design's units (trajectories, or rows of A, B, AB_i).
//
// Replicate noise. A run's outcome is the model's response to its
// parameters plus noise from its random numbers. Three things keep that
// noise from being read as sensitivity:
//   1. The estimators work on each design point's mean over replicates,
//      whose noise variance is s²/R (s² the variance between replicates of
//      one point, R the replicates).
//   2. Every design point uses the same seeds (replicate r of a variant has
//      one seed at all points, sweep_plan.hpp): noise that does not depend
//      on the parameters cancels in the differences the estimators take,
//      and a parameter the model ignores gets indices of exactly zero.
//   3. A row for the parameter "(replicate noise)" shows the indices that
//      noise alone would produce were it independent between points (an
//      upper reference, since common seeds make it partly cancel):
//      Morris, from the difference of two independent point means:
//        μ*_noise = √(2 s²/R) · √(2/π) / Δ,  σ_noise = √(2 s²/R) / Δ
//      Sobol', the share of the variance of point means that is noise,
//        (s²/R) / V, in both columns (what it would add to every ST).
//      A parameter whose interval lies below the noise row's value is not
//      distinguishable from noise. With one replicate s² cannot be
//      estimated and the row holds NaN.
// The price of common seeds: the indices are those of the model averaged
// over these R seeds, and the bootstrap (over design units, not seeds)
// does not show how they would move with other seeds. A count that is a
// step function of a parameter under fixed seeds can then look exact (a
// zero-width interval); the noise row is the check, and more replicates
// the remedy.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/metrics.hpp"
#include "sweep/design.hpp"

namespace trustsim {

inline constexpr const char* replicate_noise_parameter = "(replicate noise)";

struct IndexEstimate {
  double value = 0.0;
  double low = 0.0;  // bootstrap 95% interval
  double high = 0.0;
};

struct SensitivityRow {
  std::string variant;
  std::size_t outcome = 0;               // index into outcome_info
  std::string parameter;                 // a sampled key, or replicate_noise_parameter
  std::array<IndexEstimate, 2> indices;  // (mu_star, sigma) or (S1, ST)
};

struct SensitivityTable {
  std::string method;  // "morris" or "sobol"
  int replicates = 1;
  std::vector<SensitivityRow> rows;  // by variant, then outcome, then parameter
};

// The names of the two indices of a method: {"mu_star", "sigma"} or {"S1", "ST"}.
std::array<std::string, 2> index_names(const std::string& method);

// `outcomes` in plan order: the run of design point p, variant v (in
// `variants`) and replicate r at (p · variants + v) · replicates + r.
SensitivityTable sensitivity_analysis(
    const SensitivityDesign& design, const std::vector<std::string>& variants, int replicates,
    const std::vector<std::array<double, outcome_count>>& outcomes, std::uint64_t seed);

}  // namespace trustsim
