#include "sweep/coordinate_seed.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

#include "runner/seed_derivation.hpp"

namespace trustsim {

std::uint64_t design_point_hash(const std::vector<std::string>& keys,
                                const std::vector<double>& values) {
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::uint64_t h = 0;
  for (std::size_t k : order) {
    const double value = values[k] == 0.0 ? 0.0 : values[k];  // one zero
    h = splitmix64(splitmix64(h ^ fnv1a64(keys[k])) ^ std::bit_cast<std::uint64_t>(value));
  }
  return h;
}

std::uint64_t coordinate_seed(std::uint64_t sweep_seed, std::string_view variant,
                              const std::vector<std::string>& keys,
                              const std::vector<double>& values, std::uint64_t replicate) {
  const std::uint64_t point_seed =
      keys.empty() ? sweep_seed : splitmix64(sweep_seed ^ design_point_hash(keys, values));
  return derive_run_seed(point_seed, variant, replicate);
}

}  // namespace trustsim
