// A parameter to calibrate and its prior, uniform or log-uniform on
// [low, high]. ABC-SMC works on each parameter's internal scale: the value
// itself for a uniform prior, its natural logarithm for a log-uniform one.
// On that scale every prior is uniform on an interval, so the joint prior is
// uniform on a box: a proposal's prior density is a constant inside the box
// and zero outside, and perturbing a rate that spans decades moves it by
// factors rather than by amounts.
//
// An integer setting (staff.vacancy_days) is calibrated through a
// continuous value on [low - 1/2, high + 1/2] that the model sees rounded
// to the nearest integer: the model's outcome is a step function of the
// continuous value, so ABC-SMC's kernels and weights apply unchanged, and
// under a uniform prior every integer in [low, high] has the same prior
// mass (under a log-uniform one, mass falling as 1/value).
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
  bool integer = false;  // low and high whole; values rounded to the nearest integer

  double internal_low() const { return to_internal(integer ? low - 0.5 : low); }
  double internal_high() const { return to_internal(integer ? high + 0.5 : high); }
  double to_internal(double value) const;
  double from_internal(double internal) const;
  bool contains_internal(double internal) const;
  // The point a fraction `u` in [0, 1) of the way across the internal range.
  double internal_at(double u) const;
};

// Whether every coordinate lies inside its prior's range.
bool inside_priors(const std::vector<Prior>& priors, const std::vector<double>& internal);

}  // namespace trustsim
