// Where the sweep's own random draws come from: every one is a stream of
// the sweep's purpose, design_sample, keyed by the sweep's seed, and told
// apart by its "day", which here names the use. Never renumber: that would
// change every published design.
#pragma once

#include <cstdint>

#include "model/random_stream.hpp"

namespace trustsim::design_stream {

// The purpose number 13, marked taken in the model's list (it was the
// model's Purpose::sweep_design_sample): a design is not the model's draw.
inline constexpr StreamPurpose design_sample = StreamPurpose::outside_the_model(13);

inline constexpr Day latin_hypercube{0};  // subject: hash of the key
inline constexpr Day morris{1};           // subject: the trajectory
inline constexpr Day bootstrap{2};        // subject: the resample
inline constexpr Day posterior{3};        // subject: the replicate

}  // namespace trustsim::design_stream
