// Percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13): the
// statistics recomputed on resamples of the units (trajectories of a Morris
// design, rows of a Saltelli design) drawn with replacement, and the 2.5%
// and 97.5% quantiles of each. The units are resampled whole, so whatever
// ties the points of one unit together stays tied.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace trustsim {

inline constexpr int bootstrap_resamples = 1000;

struct BootstrapInterval {
  double low = 0.0;  // NaN when no resample gave a number
  double high = 0.0;
};

// statistics(units) -> one value per statistic, always as many. Resample b
// draws from its own stream (the seed, b), so results do not depend on
// threads or on how many statistics there are.
std::vector<BootstrapInterval> bootstrap_intervals(
    std::size_t units, std::uint64_t seed,
    const std::function<std::vector<double>(const std::vector<std::size_t>& units)>& statistics,
    int resamples = bootstrap_resamples);

}  // namespace trustsim
