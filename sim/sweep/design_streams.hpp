// Where the sweep's own random draws come from: every one is a stream of
// Purpose::sweep_design_sample (model/random_stream.hpp) keyed by the
// sweep's seed, and told apart by its "day", which here names the use.
// Never renumber: that would change every published design.
#pragma once

#include <cstdint>

namespace trustsim::design_stream {

inline constexpr std::uint32_t latin_hypercube = 0;  // subject: hash of the key
inline constexpr std::uint32_t morris = 1;           // subject: the trajectory
inline constexpr std::uint32_t bootstrap = 2;        // subject: the resample
inline constexpr std::uint32_t posterior = 3;        // subject: the replicate

}  // namespace trustsim::design_stream
