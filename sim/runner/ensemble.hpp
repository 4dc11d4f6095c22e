// Runs a list of plans in parallel with oneTBB and hands each result to a
// sink in plan order, one at a time, as soon as it and every earlier run are
// done. The output therefore does not depend on the thread count, and at
// most the runs still waiting for an earlier one are held in memory.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "model/simulation.hpp"
#include "runner/run_plan.hpp"

namespace trustsim {

// The model's entry point (trustsim::simulate), passed in so that the runner
// does not depend on the model's implementation.
using Simulate = std::function<RunResult(const Parameters&, std::uint64_t seed, const RunControl&)>;

// Receives results in plan order (unless EnsembleOptions::in_plan_order is
// false); never called concurrently.
using ResultSink = std::function<void(const RunPlan& plan, RunResult&& result)>;

struct EnsembleOptions {
  int threads = 0;  // 0: all cores (oneTBB's default)
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(int day)> on_day;  // called from worker threads, after each day of any run
  std::function<void()> on_run_done;    // likewise, after each run
  // false: each result goes to the sink as soon as its run is done, in any
  // order (still one at a time), for sinks that store runs by id (sweeps).
  bool in_plan_order = true;
  bool summary_only = false;  // RunControl::summary_only for every run
};

// Throws Cancelled if `options.cancel` is raised; rethrows the first
// exception of any run or of the sink.
void run_ensemble(const std::vector<RunPlan>& plans, const Simulate& simulate,
                  const ResultSink& sink, const EnsembleOptions& options = {});

}  // namespace trustsim
