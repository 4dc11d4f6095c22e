// The /sensitivity table as text for a terminal (`trustsim summary`): a
// block per variant and outcome, parameters ranked by importance (μ* for
// Morris, ST for Sobol'), each index with its bootstrap 95% interval, and
// the replicate-noise row last for scale.
#pragma once

#include <string>

#include "sweep/sensitivity.hpp"

namespace trustsim {

std::string sensitivity_text(const SensitivityTable& table);

}  // namespace trustsim
