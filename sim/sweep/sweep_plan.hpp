// A sweep expanded into its runs, as data, before anything runs: for each
// design point, each variant, each replicate, one RunPlan with its seed and
// fully resolved parameters. Running, resuming, sharding and combining all
// work on this list. Every (design point, variant) scenario is validated
// here, so a bad override stops the sweep before any run starts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/run_plan.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_definition.hpp"

namespace trustsim {

// Seeds. A run's seed is its coordinate seed (coordinate_seed.hpp), with
// two exceptions that make runs share random numbers on purpose:
//  - in a Morris or Sobol' design every design point has the same seeds
//    (the coordinates are left out), so that noise independent of the
//    parameters cancels in the estimators' differences (sensitivity.hpp);
//  - with common_random_numbers, every variant's replicate r takes the
//    baseline's seed, so the comparison can pair them (comparison.hpp).
// A posterior (`parameters_from`) does not change seeds, only parameters.
// Runs are in the order design point, variant, replicate: run id
// (p · variants + v) · replicates + r.
struct SweepPlan {
  std::vector<std::string> swept_keys;  // /summary columns, in Design order
  std::size_t grid_key_count = 0;       // the first swept keys that are grid axes
  std::vector<std::string> variant_names;
  int replicates = 1;
  std::uint64_t seed = 1;  // the sweep's: also the sensitivity bootstrap's
  bool common_random_numbers = false;
  // With `parameters_from`: the posterior file as opened and its digest
  // (empty without). Replicate r of every variant and design point then
  // runs under the posterior particle drawn for r (posterior_draw.hpp), so
  // variant and baseline runs pair by (design point, replicate).
  std::string parameters_from;
  std::string parameters_from_digest;
  std::optional<SensitivityDesign> sensitivity;  // of a Morris or Sobol' sample
  std::vector<RunPlan> runs;                     // run_id == index
  // The sweep with its base scenario resolved (every default filled in),
  // the seed and replicates explicit: the output's `scenario_resolved`.
  std::string resolved_json;
  // A hash of every run's identity and parameters: parts of a killed sweep
  // are resumed only into the very same plan.
  std::uint64_t fingerprint = 0;
};

SweepPlan expand_sweep(const SweepDefinition& sweep);

// `trustsim run`'s plan: `replicates` runs of one scenario as one variant
// (seeds as replicate_plans gives them), no design. `resolved_json` is the
// scenario resolved, for every run and the output. The fingerprint covers
// `summary_only` too, so that parts of a full run and of a summary-only one
// are never combined.
SweepPlan one_variant_plan(std::shared_ptr<const Parameters> parameters, std::string resolved_json,
                           std::uint64_t seed, const std::string& variant, int replicates,
                           bool summary_only);

// The fingerprint as 16 hex digits, as stored in manifests and files.
std::string fingerprint_text(std::uint64_t fingerprint);

// The root attribute holding that text in every file of a sweep (its
// parts, its shards and its output): how a file says which sweep it is of.
inline constexpr const char* sweep_fingerprint_attribute = "sweep_fingerprint";

}  // namespace trustsim
