// The /comparison group of a sweep's output file (docs/output-format.md): a
// table of equal-length columns, like /summary, that pandas reads as is.
// Columns: variant, one float64 column per grid key (the grid cell), then
// outcome, n, mean, ci_low, ci_high, diff, diff_ci_low, diff_ci_high,
// paired_diff, paired_diff_ci_low, paired_diff_ci_high (NaN unless the
// sweep used common random numbers; absent from files before them),
// better ("higher", "lower" or "": outcome_direction.hpp) and prob_improves
// (comparison.hpp; NaN unless runs are paired; absent from older files).
// With parameters_from the attributes parameter_uncertainty = "true",
// parameters_from (the posterior file) and parameters_from_digest say so.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"
#include "sweep/comparison.hpp"

namespace trustsim {

struct ComparisonTable {
  std::vector<std::string> grid_keys;
  std::vector<ComparisonRow> rows;
  bool common_random_numbers = false;
  std::string parameters_from{};  // the posterior file, or "" without one
  std::string parameters_from_digest{};
  // The measurement window every outcome was measured over, in words
  // (window_text), or "" where the runs' windows are not known.
  std::string window{};
  // Whether the paired columns and prob_improves hold numbers: runs pair by
  // shared seed, or by shared posterior parameter set, or both.
  bool paired() const { return common_random_numbers || !parameters_from.empty(); }
  bool parameter_uncertainty() const { return !parameters_from.empty(); }
};

void write_comparison(hid_t file, const ComparisonTable& table);

// "every outcome measured from day 180 to the end of each run", or, when
// variants differ, each variant's first day: from (variant, first day)
// pairs, one per run.
std::string window_text(const std::vector<std::pair<std::string, int>>& variant_from_day);

// The table of a trustsim file, or nothing if it has none (a plain run).
// Throws FileError if the file cannot be read.
std::optional<ComparisonTable> read_comparison(const std::filesystem::path& path);

}  // namespace trustsim
