#include "calibrate/distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace trustsim {

std::vector<double> target_misses(const CalibrationDefinition& calibration,
                                  const Outcomes& simulated) {
  std::vector<double> misses;
  for (std::size_t t = 0; t < calibration.targets.targets.size(); ++t)
    misses.push_back(
        calibration.targets.targets[t].miss(simulated[calibration.target_outcomes[t]]));
  return misses;
}

double combine_misses(const std::vector<double>& misses, DistanceKind kind) {
  double combined = 0.0;
  for (double miss : misses) {
    if (std::isnan(miss)) return std::numeric_limits<double>::infinity();
    combined = kind == DistanceKind::maximum ? std::max(combined, miss) : combined + miss * miss;
  }
  return kind == DistanceKind::maximum ? combined : std::sqrt(combined);
}

double distance_to_targets(const CalibrationDefinition& calibration, const Outcomes& simulated) {
  return combine_misses(target_misses(calibration, simulated), calibration.method.distance);
}

}  // namespace trustsim
