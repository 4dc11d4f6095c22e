#include "runner/runs_on_demand.hpp"

#include <mutex>
#include <vector>

#include <tbb/global_control.h>
#include <tbb/parallel_for_each.h>
#include <tbb/task_arena.h>

namespace trustsim {

std::int64_t run_on_demand(const NextRun& next, const Simulate& simulate, const ResultSink& sink,
                           const EnsembleOptions& options) {
  std::optional<tbb::global_control> thread_limit;
  if (options.threads > 0)
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism,
                         static_cast<std::size_t>(options.threads));
  const auto workers = std::min<std::size_t>(
      static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));

  RunControl control;
  control.cancel = options.cancel;
  control.on_day = options.on_day;
  control.summary_only = options.summary_only;
  std::mutex asking, delivering;
  std::int64_t computed = 0;

  // One task per run, as in run_ensemble; a task that finishes its run
  // feeds in the task for the next one, so `workers` runs are in flight.
  // The model's own parallel loops run in the same arena, so a worker left
  // without a run of its own helps the others' days along.
  std::vector<int> first_tasks(workers, 0);
  tbb::parallel_for_each(first_tasks.begin(), first_tasks.end(),
                         [&](int, tbb::feeder<int>& feeder) {
                           if (options.cancel && options.cancel->load()) throw Cancelled();
                           std::optional<RunPlan> plan;
                           {
                             std::lock_guard lock(asking);
                             plan = next();
                           }
                           if (!plan) return;
                           RunResult result = simulate(*plan->parameters, plan->seed, control);
                           if (options.on_run_done) options.on_run_done();
                           {
                             std::lock_guard lock(delivering);
                             sink(*plan, std::move(result));
                             ++computed;
                           }
                           feeder.add(0);
                         });
  if (options.cancel && options.cancel->load()) throw Cancelled();
  return computed;
}

}  // namespace trustsim
