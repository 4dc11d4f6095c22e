// A run plan says everything about one run before anything runs: its id,
// variant, replicate, seed and parameters. `run` expands a scenario into
// replicate plans; `sweep` (later) into one set per design point. Resuming,
// sharding and MPI all work on this list.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/parameters.hpp"

namespace trustsim {

struct RunPlan {
  std::int64_t run_id = 0;
  std::string variant = "baseline";
  std::int64_t replicate = 0;
  std::uint64_t seed = 0;
  // Shared: replicates of a variant have the same parameters, which may
  // describe a large system.
  std::shared_ptr<const Parameters> parameters;
  std::shared_ptr<const std::string> parameters_json;  // resolved scenario, for provenance
  std::vector<double> swept_values;                    // sweeps only
};

// `replicates` plans for one variant, run ids from `first_run_id`, seeds
// from derive_run_seed(base_seed, variant, replicate).
std::vector<RunPlan> replicate_plans(std::shared_ptr<const Parameters> parameters,
                                     std::shared_ptr<const std::string> parameters_json,
                                     std::uint64_t base_seed, const std::string& variant,
                                     int replicates, std::int64_t first_run_id = 0);

// Working days the plans will simulate in total (for progress and ETA).
std::int64_t total_days(const std::vector<RunPlan>& plans);

}  // namespace trustsim
