// A Latin hypercube sample (McKay, Beckman & Conover 1979) over parameter
// ranges: each range is cut into `count` equal strata and every stratum of
// every parameter is used exactly once, so a few dozen points cover each
// parameter's whole range, which plain random sampling does not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace trustsim {

struct SampledRange {
  std::string key;  // dotted scenario key
  double low = 0.0;
  double high = 0.0;
  // An integer setting: sampled on [low - 0.5, high + 0.5] and rounded, so
  // each whole number in [low, high] gets an equal share of the strata.
  bool integer = false;
};

// points[i][k]: the value of ranges[k] at point i, for i < count. The draws
// for a parameter come from a stream addressed by the sweep's seed and the
// parameter's key, not its position, so reordering the parameters in the
// file reorders the columns without changing the values.
std::vector<std::vector<double>> latin_hypercube(const std::vector<SampledRange>& ranges, int count,
                                                 std::uint64_t seed);

}  // namespace trustsim
