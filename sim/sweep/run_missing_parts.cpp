#include "sweep/run_missing_parts.hpp"

#include "sweep/run_part.hpp"

namespace trustsim {

std::vector<RunPlan> missing_runs(const std::vector<RunPlan>& runs, const PartsDirectory& parts) {
  const std::vector<bool> finished = parts.finished_runs();
  std::vector<RunPlan> missing;
  for (const RunPlan& run : runs)
    if (!finished[static_cast<std::size_t>(run.run_id)]) missing.push_back(run);
  return missing;
}

namespace {

EnsembleOptions ensemble_options(const PartRunOptions& options) {
  EnsembleOptions ensemble;
  ensemble.threads = options.threads;
  ensemble.summary_only = options.summary_only;
  ensemble.cancel = options.cancel;
  ensemble.on_day = options.on_day;
  ensemble.on_run_done = options.on_run_done;
  return ensemble;
}

// Each finished run goes to its part at once. The sink is called one at a
// time: HDF5 (a serial build) is never entered from two threads.
ResultSink part_writer(const SweepPlan& plan, const PartsDirectory& parts,
                       const Provenance& provenance, const PartRunOptions& options) {
  return [&plan, &parts, &provenance, &options, fingerprint = fingerprint_text(plan.fingerprint)](
             const RunPlan& run, RunResult&& result) {
    const hdf5::StringStretch strings = write_run_part(parts.part_path(run.run_id), run, result,
                                                       plan.swept_keys, provenance, fingerprint);
    if (options.on_part_written) options.on_part_written(run.run_id, result, strings);
  };
}

}  // namespace

void run_missing_parts(const std::vector<RunPlan>& runs, const SweepPlan& plan,
                       const PartsDirectory& parts, const Simulate& simulate,
                       const Provenance& provenance, const PartRunOptions& options) {
  EnsembleOptions ensemble = ensemble_options(options);
  // Each part is complete in itself and named by its run id, so order does
  // not matter; writing at once keeps nothing waiting in memory and loses
  // nothing finished to a kill.
  ensemble.in_plan_order = false;
  // One tbb::parallel_for over the runs (inside run_ensemble). The model's
  // own parallel_for loops inside each run are nested in the same task
  // arena, so oneTBB schedules both levels on one pool of `threads`
  // workers: idle workers steal a run's inner tasks, and nothing is
  // oversubscribed. Results do not depend on the thread count because each
  // run's randomness is addressed by its seed (model/random_stream.hpp).
  run_ensemble(runs, simulate, part_writer(plan, parts, provenance, options), ensemble);
}

std::int64_t run_parts_on_demand(const NextRun& next, const SweepPlan& plan,
                                 const PartsDirectory& parts, const Simulate& simulate,
                                 const Provenance& provenance, const PartRunOptions& options) {
  return run_on_demand(next, simulate, part_writer(plan, parts, provenance, options),
                       ensemble_options(options));
}

}  // namespace trustsim
