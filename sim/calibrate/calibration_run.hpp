// A whole calibration: the populations of ABC-SMC (abc_smc.hpp), each
// committed to the work directory before the next starts and picked up
// again on resume, until the stopping rule holds; then the posterior
// predictive: draws of particles by weight, each run once with a fresh
// seed, to set against the targets.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/particle_runs.hpp"
#include "calibrate/population_store.hpp"
#include "runner/ensemble.hpp"

namespace trustsim {

struct PredictiveDraw {
  std::uint32_t draw = 0;
  std::size_t particle = 0;  // in the posterior (the last population)
  std::uint64_t seed = 0;
  Outcomes outcomes{};
};

struct CalibrationResult {
  std::vector<Population> populations;  // the last is the posterior
  std::string stop_reason;
  std::vector<PredictiveDraw> predictive;
  int resumed_populations = 0;  // read back from the work directory
};

struct CalibrationRunOptions {
  int threads = 0;  // 0: all cores
  const std::atomic<bool>* cancel = nullptr;
  std::function<void()> on_run_done;  // from worker threads
  std::function<void(const Population&)> on_population_committed;
  // How the runs are computed; empty: on this process's threads. Under MPI
  // every rank runs the same calibration (each step is determined by the
  // last) and computes its share of each batch of runs
  // (cluster/share_across_ranks.hpp); only one commits the populations.
  ComputeRuns compute_runs;
  bool commit_populations = true;
};

// Throws Cancelled if options.cancel is raised (committed populations stay).
CalibrationResult run_calibration(const CalibrationDefinition& calibration,
                                  const PopulationStore& store, const Simulate& simulate,
                                  const CalibrationRunOptions& options);

// The posterior predictive draws of `posterior` (its particles by weight).
std::vector<PredictiveDraw> posterior_predictive(const CalibrationDefinition& calibration,
                                                 const Population& posterior,
                                                 const ComputeRuns& compute);

}  // namespace trustsim
