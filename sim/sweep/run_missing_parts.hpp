// Runs every run of a sweep that has no finished part yet, in parallel,
// and writes each run's part the moment it finishes (in whatever order runs
// finish), so that a kill loses at most the runs still in progress.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "io/result_writer.hpp"
#include "runner/ensemble.hpp"
#include "runner/runs_on_demand.hpp"
#include "sweep/parts_directory.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

struct PartRunOptions {
  int threads = 0;            // 0: all cores
  bool summary_only = false;  // RunControl::summary_only for every run
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(int day)> on_day;  // from worker threads
  std::function<void()> on_run_done;    // from worker threads
  // One at a time, with the run group's stretch of its part's string checksum.
  std::function<void(std::int64_t run_id, const RunResult& result,
                     const hdf5::StringStretch& strings)>
      on_part_written;
};

// The runs of `runs` (a sweep's, or a shard's slice of them) whose part is
// missing, in their order.
std::vector<RunPlan> missing_runs(const std::vector<RunPlan>& runs, const PartsDirectory& parts);

// Throws Cancelled if options.cancel is raised; the parts written by then stay.
void run_missing_parts(const std::vector<RunPlan>& runs, const SweepPlan& plan,
                       const PartsDirectory& parts, const Simulate& simulate,
                       const Provenance& provenance, const PartRunOptions& options);

// The same for runs handed out one at a time by `next` as workers fall
// free (a sweep dealt out across MPI ranks). Returns how many were
// computed here.
std::int64_t run_parts_on_demand(const NextRun& next, const SweepPlan& plan,
                                 const PartsDirectory& parts, const Simulate& simulate,
                                 const Provenance& provenance, const PartRunOptions& options);

}  // namespace trustsim
