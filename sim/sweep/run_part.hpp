// One finished run of a sweep in a file of its own: a complete trustsim
// file (kind `sweep_part`) with the run's group and a one-row /summary, and
// the sweep's plan fingerprint, so that a part is only ever combined into
// the sweep it was computed for.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "io/result_writer.hpp"
#include "runner/run_plan.hpp"

namespace trustsim {

struct FinishedRun {
  RunRecord record;  // parameters_json left empty: it stays in the run's group
  std::array<double, outcome_count> outcomes{};
};

// Writes under a temporary name and renames, so the part exists whole or
// not at all. `provenance` is the sweep's; its kind becomes `sweep_part`.
void write_run_part(const std::filesystem::path& path, const RunPlan& plan, const RunResult& result,
                    const std::vector<std::string>& swept_keys, Provenance provenance,
                    const std::string& fingerprint);

// Reads a part back and checks that it belongs to the sweep with this
// fingerprint and is the run `plan` describes. Throws FileError if not.
FinishedRun read_run_part(const std::filesystem::path& path, const RunPlan& plan,
                          const std::vector<std::string>& swept_keys,
                          const std::string& fingerprint);

}  // namespace trustsim
