// A sweep expanded into its runs, as data, before anything runs: for each
// design point, each variant, each replicate, one RunPlan with its seed and
// fully resolved parameters. Running, resuming, sharding and combining all
// work on this list. Every (design point, variant) scenario is validated
// here, so a bad override stops the sweep before any run starts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runner/run_plan.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_definition.hpp"

namespace trustsim {

struct SweepPlan {
  std::vector<std::string> swept_keys;  // /summary columns, in Design order
  std::size_t grid_key_count = 0;       // the first swept keys that are grid axes
  std::vector<std::string> variant_names;
  std::vector<RunPlan> runs;  // run_id == index
  // The sweep with its base scenario resolved (every default filled in),
  // the seed and replicates explicit: the output's `scenario_resolved`.
  std::string resolved_json;
  // A hash of every run's identity and parameters: parts of a killed sweep
  // are resumed only into the very same plan.
  std::uint64_t fingerprint = 0;
};

SweepPlan expand_sweep(const SweepDefinition& sweep);

// The fingerprint as 16 hex digits, as stored in manifests and files.
std::string fingerprint_text(std::uint64_t fingerprint);

}  // namespace trustsim
