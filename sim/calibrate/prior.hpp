// A parameter to calibrate and its prior, uniform or log-uniform on
// [low, high]. ABC-SMC works on each parameter's internal scale: the value
// itself for a uniform prior, its natural logarithm for a log-uniform one.
// On that scale every prior is uniform on an interval, so the joint prior is
// uniform on a box: a proposal's prior density is a constant inside the box
// and zero outside, and perturbing a rate that spans decades moves it by
// factors rather than by amounts.
#pragma once

#include <string>
#include <vector>

namespace trustsim {

enum class PriorKind { uniform, log_uniform };

const std::vector<std::string>& prior_kind_names();  // "uniform", "log_uniform"

struct Prior {
  std::string key;      // dotted scenario key: "trust.half_life_days"
  std::string pointer;  // where the calibration file sets it: "/parameters/trust.half_life_days"
  PriorKind kind = PriorKind::uniform;
  double low = 0.0;  // on the parameter's own scale; low < high (and 0 < low if log-uniform)
  double high = 1.0;

  double internal_low() const { return to_internal(low); }
  double internal_high() const { return to_internal(high); }
  double to_internal(double value) const;
  double from_internal(double internal) const;
  bool contains_internal(double internal) const;
  // The point a fraction `u` in [0, 1) of the way across the internal range.
  double internal_at(double u) const;
};

// Whether every coordinate lies inside its prior's range.
bool inside_priors(const std::vector<Prior>& priors, const std::vector<double>& internal);

}  // namespace trustsim
