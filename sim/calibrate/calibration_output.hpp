// The output file of `trustsim calibrate` (docs/calibration.md): the
// posterior particles with their weights and outcomes as /summary (one row
// per particle, so `trustsim summary` and analysis/ read it like any
// trustsim table), and under /calibration the priors, the targets with
// their sources, every population and its tolerance and acceptance rate,
// and the posterior predictive draws; provenance on the root.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "calibrate/calibration_run.hpp"
#include "io/output_file.hpp"
#include "io/result_writer.hpp"

namespace trustsim {

inline constexpr const char* calibration_kind = "calibration";

// provenance.kind is set to "calibration"; scenario_given and
// scenario_resolved hold the calibration file as given and resolved.
void write_calibration_output(OutputFile& file, const CalibrationDefinition& calibration,
                              const CalibrationResult& result, Provenance provenance);

// What `trustsim summary` prints of a calibration file.
struct CalibrationReport {
  struct Parameter {
    std::string key;
    std::string prior;
    double low = 0.0, high = 0.0;
    std::vector<double> posterior;  // the last population's values
  };
  struct TargetRow {
    std::string name, outcome, source, scale_kind;
    double observed = 0.0, low = 0.0, high = 0.0, scale = 0.0;
    bool interval = false;
    std::vector<double> predictive;  // the outcome in each predictive draw
  };
  std::vector<Parameter> parameters;
  std::vector<double> weights;
  std::vector<TargetRow> targets;
  std::vector<double> tolerances, acceptance_rates, effective_sizes;
  std::vector<std::int64_t> sizes;  // particles per population
  std::string stop_reason;
};

// Throws FileError if the file is not a complete calibration output.
CalibrationReport read_calibration_report(const std::filesystem::path& path);

// The posterior (weighted median and 90% interval per parameter, beside its
// prior) and the posterior predictive of each target against its observation.
std::string calibration_report_text(const CalibrationReport& report);

}  // namespace trustsim
