// The comparison table of a sweep: for each variant and outcome, the mean
// over replicates with its 95% t interval, and the difference from the
// `baseline` variant with its 95% Welch interval.
//
// Which runs are compared: variants are compared within the same grid cell
// (the same values of every grid key), because a grid asks "what does this
// intervention do at each of these settings"; the points of a sampled
// design are pooled, because a Latin hypercube asks "what does it do on
// average over these ranges", and has typically one replicate per point.
// The pooled spread then includes the spread over the sampled ranges, which
// is the uncertainty that question has.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "model/metrics.hpp"
#include "sweep/interval_estimate.hpp"

namespace trustsim {

// The /summary rows of a sweep, as the comparison needs them.
struct SweepOutcomes {
  std::vector<std::string> variant;                         // per run
  std::vector<std::vector<double>> grid_values;             // per run, the grid keys' values
  std::vector<std::array<double, outcome_count>> outcomes;  // per run
};

struct ComparisonRow {
  std::string variant;
  std::vector<double> grid_values;  // the grid cell
  std::size_t outcome = 0;          // index into outcome_info
  MeanInterval mean;
  DifferenceInterval difference;  // NaN on the baseline's own rows
};

// Rows grouped by grid cell (in order of first appearance), then variant
// (in `variant_order`), then outcome.
std::vector<ComparisonRow> compare_variants(const std::vector<std::string>& variant_order,
                                            const SweepOutcomes& runs);

}  // namespace trustsim
