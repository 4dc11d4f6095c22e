#include "sweep/design.hpp"

#include <algorithm>
#include <cmath>

namespace trustsim {

namespace {

double coordinate(const Json& value) {
  return value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
}

}  // namespace

double scaled_value(const SampledRange& range, double u, bool closed) {
  if (!range.integer || closed) {
    const double value = range.low + u * (range.high - range.low);
    return range.integer ? std::round(value) : value;
  }
  const double value = range.low - 0.5 + u * (range.high - range.low + 1.0);
  return std::clamp(std::round(value), range.low, range.high);
}

Design expand_design(const SweepDefinition& sweep) {
  Design design;
  for (const auto& axis : sweep.grid) design.keys.push_back(axis.key);
  design.grid_key_count = design.keys.size();
  std::vector<std::vector<double>> sampled;
  if (sweep.sample) {
    for (const auto& range : sweep.sample->ranges) design.keys.push_back(range.key);
    const SampleDesign& sample = *sweep.sample;
    if (sample.method == "latin_hypercube") {
      sampled = latin_hypercube(sample.ranges, sample.count, sweep.seed);
    } else {
      SensitivityDesign unit{sample.method, {}, {}, {}};
      for (const auto& range : sample.ranges) unit.parameters.push_back(range.key);
      const std::size_t k = sample.ranges.size();
      if (sample.method == "morris")
        unit.morris = morris_design(k, sample.trajectories, sample.levels, sweep.seed);
      else
        unit.sobol = saltelli_design(k, sample.count);
      for (const auto& u : unit.unit_points()) {
        std::vector<double> values(k);
        for (std::size_t i = 0; i < k; ++i)
          values[i] = scaled_value(sample.ranges[i], u[i], sample.method == "morris");
        sampled.push_back(std::move(values));
      }
      design.sensitivity = std::move(unit);
    }
  } else {
    sampled.emplace_back();  // one "sample point" with no keys
  }

  std::size_t cells = 1;
  for (const auto& axis : sweep.grid) cells *= axis.values.size();
  for (std::size_t cell = 0; cell < cells; ++cell) {
    DesignPoint grid_point;
    grid_point.grid_cell = cell;
    // Mixed-radix digits of the cell number, the last axis fastest.
    std::vector<std::size_t> digit(sweep.grid.size());
    std::size_t rest = cell;
    for (std::size_t a = sweep.grid.size(); a-- > 0;) {
      digit[a] = rest % sweep.grid[a].values.size();
      rest /= sweep.grid[a].values.size();
    }
    for (std::size_t a = 0; a < sweep.grid.size(); ++a) {
      const GridAxis& axis = sweep.grid[a];
      const Json& value = axis.values[digit[a]];
      grid_point.values.push_back(coordinate(value));
      grid_point.overrides.push_back(PlacedOverride{make_override(axis.pointer, axis.key, value),
                                                    child_pointer(axis.pointer, digit[a])});
    }
    for (const auto& sample_point : sampled) {
      DesignPoint point = grid_point;
      for (std::size_t k = 0; k < sample_point.size(); ++k) {
        const SampledRange& range = sweep.sample->ranges[k];
        const double value = sample_point[k];
        const Json setting = range.integer ? Json(static_cast<std::int64_t>(value)) : Json(value);
        point.values.push_back(value);
        point.overrides.push_back(
            PlacedOverride{make_override(sweep.sample->pointers[k], range.key, setting),
                           sweep.sample->pointers[k]});
      }
      design.points.push_back(std::move(point));
    }
  }
  return design;
}

}  // namespace trustsim
