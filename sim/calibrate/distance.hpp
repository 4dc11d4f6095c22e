// How far a particle's simulated outcomes lie from the targets: each
// target's miss in units of its sd or tolerance (targets_file.hpp), combined
// as the Euclidean norm (every miss counts) or the largest miss (the worst
// target decides). A tolerance of 1 therefore means "within one sd of every
// target" under "max".
#pragma once

#include <array>
#include <vector>

#include "calibrate/calibration_file.hpp"
#include "model/metrics.hpp"

namespace trustsim {

using Outcomes = std::array<double, outcome_count>;

// Per target, its miss.
std::vector<double> target_misses(const CalibrationDefinition& calibration,
                                  const Outcomes& simulated);

double combine_misses(const std::vector<double>& misses, DistanceKind kind);

double distance_to_targets(const CalibrationDefinition& calibration, const Outcomes& simulated);

}  // namespace trustsim
