// The design points of a sweep: every combination of the grid's values
// (full factorial, the first axis varying slowest), each crossed with every
// point of the sampled design when there is one. A point's coordinates are
// the values of the swept keys; they become /summary columns.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sweep/placed_override.hpp"
#include "sweep/sweep_definition.hpp"

namespace trustsim {

struct DesignPoint {
  // Which combination of grid values this is: points that share it are
  // compared with each other (sampled points are pooled, see comparison.hpp).
  std::size_t grid_cell = 0;
  std::vector<double> values;             // one per Design::keys; true/false as 1/0
  std::vector<PlacedOverride> overrides;  // setting those values
};

struct Design {
  std::vector<std::string> keys;  // the grid's keys, then the sampled keys
  std::size_t grid_key_count = 0;
  std::vector<DesignPoint> points;  // one point with no keys when nothing is swept
};

Design expand_design(const SweepDefinition& sweep);

}  // namespace trustsim
