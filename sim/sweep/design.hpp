// The design points of a sweep: every combination of the grid's values
// (full factorial, the first axis varying slowest), each crossed with every
// point of the sampled design when there is one (a Latin hypercube, or the
// Morris or Sobol' design of a sensitivity analysis). A point's coordinates are
// the values of the swept keys; they become /summary columns.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sweep/morris_design.hpp"
#include "sweep/placed_override.hpp"
#include "sweep/sobol_design.hpp"
#include "sweep/sweep_definition.hpp"

namespace trustsim {

// The unit-cube design behind a Morris or Sobol' sample: the estimators of
// sensitivity.hpp need its structure (trajectories, or the rows of A, B and
// AB_i), not only the parameter values it became.
struct SensitivityDesign {
  std::string method;  // "morris" or "sobol"
  std::vector<std::string> parameters;
  MorrisDesign morris;  // when method is "morris"
  SobolDesign sobol;    // when method is "sobol"

  const std::vector<std::vector<double>>& unit_points() const {
    return method == "morris" ? morris.points : sobol.points;
  }
};

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
  // A Morris or Sobol' sample (never with a grid): points[i] is its i-th
  // unit point scaled to the parameters' ranges.
  std::optional<SensitivityDesign> sensitivity;
};

// The value of `range` at unit coordinate u. Closed designs (Morris's
// levels include both ends) map [0, 1] onto [low, high]; open ones (Latin
// hypercube, Sobol', in [0, 1)) give an integer setting's every whole
// number an equal share, as latin_hypercube.hpp does.
double scaled_value(const SampledRange& range, double u, bool closed);

Design expand_design(const SweepDefinition& sweep);

}  // namespace trustsim
