// Response curves as text (`trustsim summary`): for a grid over one or two
// keys, one table per outcome with a row per grid cell (the grid values)
// and, per variant, the mean and its 95% interval in that cell. Each cell's
// numbers are its own replicates' (comparison.hpp): cells are never pooled.
#pragma once

#include <string>

#include "sweep/comparison_file.hpp"

namespace trustsim {

// Empty unless the table has one or two grid keys.
std::string response_text(const ComparisonTable& table);

}  // namespace trustsim
