// The comparison table as text for a terminal (`trustsim summary`): one
// block per outcome (and grid cell), one line per variant with the mean, its
// 95% interval, and the difference from baseline with its interval, marked
// with `*` when that interval excludes zero. Each block is printed with as
// many decimals as its narrowest interval needs, so trust (0.40 ± 0.001)
// and issue counts (1810 ± 15) are both readable.
#pragma once

#include <string>

#include "sweep/comparison_file.hpp"

namespace trustsim {

std::string comparison_text(const ComparisonTable& table);

// Decimals that show an interval of this half-width to two significant
// digits (0 for 15, 1 for 2.1, 4 for 0.0014), capped at 6.
int decimals_for(double half_width);

// A value with fixed decimals ("" for NaN), signed on request, and an
// interval "[low, high]" of two such values: the one formatting of every
// table `trustsim summary` prints (comparison, response, sensitivity).
std::string fixed_number(double value, int decimals, bool sign = false);
std::string interval_text(double low, double high, int decimals, bool sign = false);

}  // namespace trustsim
