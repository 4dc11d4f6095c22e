#include "calibrate/prior.hpp"

#include <algorithm>
#include <cmath>

namespace trustsim {

const std::vector<std::string>& prior_kind_names() {
  static const std::vector<std::string> names{"uniform", "log_uniform"};
  return names;
}

double Prior::to_internal(double value) const {
  return kind == PriorKind::log_uniform ? std::log(value) : value;
}

double Prior::from_internal(double internal) const {
  if (integer) {
    // The ends of the widened range round to low - 1 or high + 1: clamp.
    const double value = kind == PriorKind::uniform ? internal : std::exp(internal);
    return std::clamp(std::round(value), low, high);
  }
  if (kind == PriorKind::uniform) return internal;
  // exp(log(x)) may differ from x in the last bit: keep the ends exact.
  if (internal == internal_low()) return low;
  if (internal == internal_high()) return high;
  return std::exp(internal);
}

bool Prior::contains_internal(double internal) const {
  return internal >= internal_low() && internal <= internal_high();
}

double Prior::internal_at(double u) const {
  return internal_low() + u * (internal_high() - internal_low());
}

bool inside_priors(const std::vector<Prior>& priors, const std::vector<double>& internal) {
  for (std::size_t k = 0; k < priors.size(); ++k)
    if (!priors[k].contains_internal(internal[k])) return false;
  return true;
}

}  // namespace trustsim
