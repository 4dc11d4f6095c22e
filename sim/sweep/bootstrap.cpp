#include "sweep/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/random_stream.hpp"
#include "sweep/design_streams.hpp"
#include "sweep/interval_estimate.hpp"

namespace trustsim {

namespace {

// The p-quantile of sorted values, linear between order statistics (R's
// default, type 7).
double quantile(const std::vector<double>& sorted, double p) {
  const double at = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

std::vector<BootstrapInterval> bootstrap_intervals(
    std::size_t units, std::uint64_t seed,
    const std::function<std::vector<double>(const std::vector<std::size_t>& units)>& statistics,
    int resamples) {
  std::vector<std::vector<double>> draws;  // [statistic][resample]
  std::vector<std::size_t> chosen(units);
  for (int b = 0; b < resamples; ++b) {
    RandomStream stream(seed, design_stream::design_sample, design_stream::bootstrap, Subject(b));
    for (auto& unit : chosen) unit = stream.below(units);
    const std::vector<double> values = statistics(chosen);
    draws.resize(values.size());
    for (std::size_t s = 0; s < values.size(); ++s)
      if (std::isfinite(values[s])) draws[s].push_back(values[s]);
  }
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const double tail = (1.0 - confidence_level) / 2.0;
  std::vector<BootstrapInterval> intervals;
  for (auto& values : draws) {
    if (values.empty()) {
      intervals.push_back({nan, nan});
      continue;
    }
    std::sort(values.begin(), values.end());
    intervals.push_back({quantile(values, tail), quantile(values, 1.0 - tail)});
  }
  return intervals;
}

}  // namespace trustsim
