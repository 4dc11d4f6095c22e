// A sweep run's seed comes from what the run *is*: the sweep's seed, its
// variant, its design point (the swept keys and their values) and its
// replicate, never its position in the plan. Adding a variant, a grid value
// or replicates therefore leaves every other run's seed, and so its
// results, unchanged.
//
//   point      = fold over the (key, value) pairs sorted by key:
//                h = mix(mix(h ^ fnv1a64(key)) ^ bits(value))
//   point_seed = no swept keys ? sweep_seed : mix(sweep_seed ^ point)
//   run_seed   = derive_run_seed(point_seed, variant, replicate)
//
// with mix and derive_run_seed from runner/seed_derivation.hpp. Without a
// grid or sample a sweep run has the seed `trustsim run` gives the same
// variant and replicate, so a one-variant sweep reproduces a plain run.
// Values are hashed as doubles (so 3 and 3.0 are one coordinate, and -0.0
// is 0.0). Changing this changes every published sweep result: don't.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trustsim {

std::uint64_t design_point_hash(const std::vector<std::string>& keys,
                                const std::vector<double>& values);

std::uint64_t coordinate_seed(std::uint64_t sweep_seed, std::string_view variant,
                              const std::vector<std::string>& keys,
                              const std::vector<double>& values, std::uint64_t replicate);

}  // namespace trustsim
