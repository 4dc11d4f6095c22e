#include "sweep/latin_hypercube.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/random_stream.hpp"
#include "runner/seed_derivation.hpp"
#include "sweep/design_streams.hpp"

namespace trustsim {

std::vector<std::vector<double>> latin_hypercube(const std::vector<SampledRange>& ranges, int count,
                                                 std::uint64_t seed) {
  const auto n = static_cast<std::size_t>(std::max(count, 0));
  std::vector<std::vector<double>> points(n, std::vector<double>(ranges.size()));
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    const SampledRange& range = ranges[k];
    RandomStream stream(seed, design_stream::design_sample, design_stream::latin_hypercube,
                        Subject(static_cast<std::uint32_t>(fnv1a64(range.key))));
    // Which stratum each point falls in: a uniformly random permutation
    // (Fisher-Yates), then a uniform position inside the stratum.
    std::vector<std::size_t> stratum(n);
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(stratum[i - 1], stratum[stream.below(i)]);
    const double low = range.integer ? range.low - 0.5 : range.low;
    const double high = range.integer ? range.high + 0.5 : range.high;
    for (std::size_t i = 0; i < n; ++i) {
      const double u =
          (static_cast<double>(stratum[i]) + stream.uniform()) / static_cast<double>(n);
      double value = low + u * (high - low);
      if (range.integer) value = std::clamp(std::round(value), range.low, range.high);
      points[i][k] = std::min(value, range.high);  // u < 1, but rounding may touch high
    }
  }
  return points;
}

}  // namespace trustsim
