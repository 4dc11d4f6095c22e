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
//
// Paired differences. With common random numbers (sweep_plan.hpp), a
// variant's run and the baseline's run at the same design point and
// replicate share their seed, so every draw of a mechanism the variant
// leaves alone coincides (draws are addressed by purpose, day and subject).
// Their difference then carries less noise than two independent runs', and
// the paired interval (the t interval of the mean of the per-pair
// differences) is narrower than Welch's by as much as the pairs are
// correlated. It assumes the pairs are exchangeable: each pair's difference
// is an independent draw of the same effect, which holds because pairs use
// distinct seeds. Pairing helps when the variant changes little (a small
// intervention, a small parameter step); once the runs diverge (a change
// early in the run that reshuffles later draws) the correlation fades and
// the paired interval becomes as wide as the unpaired one, never wrong.
// Without common random numbers the paired columns are NaN.
//
// Parameter uncertainty. With `parameters_from` (posterior_draw.hpp) each
// replicate runs under its own parameter set drawn from a calibration's
// posterior, the same set in every variant: runs pair by (design point,
// replicate) as they do with common random numbers, and the spread between
// runs, hence every interval, includes the parameter uncertainty. They are
// still intervals for a mean over the posterior, and narrow as replicates
// grow; how much the effect itself varies over the posterior is what
// prob_improves says.
//
// prob_improves: of the paired differences (variant minus baseline, each
// pair at one design point and replicate, so one parameter set), the share
// in the outcome's better direction (outcome_direction.hpp), a tie counting
// one half. It estimates the probability that the variant improves the
// outcome in one run drawn like these (over the posterior and the model's
// noise). NaN on baseline rows, for outcomes without a better direction,
// and when runs are not paired.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "model/metrics.hpp"
#include "sweep/interval_estimate.hpp"
#include "sweep/outcome_direction.hpp"

namespace trustsim {

// The /summary rows of a sweep, as the comparison needs them.
struct SweepOutcomes {
  std::vector<std::string> variant;                         // per run
  std::vector<std::vector<double>> grid_values;             // per run, the grid keys' values
  std::vector<std::array<double, outcome_count>> outcomes;  // per run
  // Per run, what pairs it with a baseline run of the same cell: every
  // swept value and the replicate. Empty unless runs are paired.
  std::vector<std::vector<double>> pair_keys;
};

struct ComparisonRow {
  std::string variant;
  std::vector<double> grid_values;  // the grid cell
  std::size_t outcome = 0;          // index into outcome_info
  MeanInterval mean;
  DifferenceInterval difference;  // NaN on the baseline's own rows
  DifferenceInterval paired;      // NaN there too, and without pair keys
  double prob_improves = std::numeric_limits<double>::quiet_NaN();
};

// The share of pairs (treated[i], reference[i]) where treated is better,
// ties counting one half; NaN if there are no pairs or `better` is neither.
double probability_improves(std::span<const double> treated, std::span<const double> reference,
                            Better better);

// Rows grouped by grid cell (in order of first appearance), then variant
// (in `variant_order`), then outcome.
std::vector<ComparisonRow> compare_variants(const std::vector<std::string>& variant_order,
                                            const SweepOutcomes& runs);

}  // namespace trustsim
