// The /sensitivity group of a Morris or Sobol' sweep's output file
// (docs/output-format.md): a table of equal-length columns, like /summary.
// Columns: method, variant, outcome, parameter, then the method's two
// indices each with its interval: mu_star, mu_star_ci_low, mu_star_ci_high,
// sigma, sigma_ci_low, sigma_ci_high (Morris) or S1, S1_ci_low, S1_ci_high,
// ST, ST_ci_low, ST_ci_high (Sobol'). Attributes say how replicate noise
// was treated.
#pragma once

#include <filesystem>
#include <optional>

#include "io/hdf5_handles.hpp"
#include "sweep/sensitivity.hpp"

namespace trustsim {

void write_sensitivity(hid_t file, const SensitivityTable& table);

// The table of a trustsim file, or nothing if it has none. Throws FileError
// if the file cannot be read.
std::optional<SensitivityTable> read_sensitivity(const std::filesystem::path& path);

// What the table's attribute `replicate_noise` says, written once here.
std::string replicate_noise_note(const SensitivityTable& table);

}  // namespace trustsim
