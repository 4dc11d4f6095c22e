#include "runner/ensemble.hpp"

#include <map>
#include <mutex>
#include <optional>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

namespace trustsim {

namespace {

// Holds finished runs until every earlier one is finished, then passes the
// whole ready prefix to the sink, in order; or, when order does not matter,
// passes each run on as it comes. Either way one at a time, and without
// holding up the other workers: whichever thread finds runs ready passes
// them on, with the lock released while the sink writes, and a thread that
// finishes a run meanwhile leaves it for that thread and goes back to
// simulating. (Waiting for the write instead idled a core for much of every
// write when many small runs share a small machine.)
class InOrderDelivery {
 public:
  InOrderDelivery(const std::vector<RunPlan>& plans, const ResultSink& sink, bool in_order)
      : plans_(plans), sink_(sink), in_order_(in_order) {}

  void deliver(std::size_t index, RunResult&& result) {
    std::unique_lock lock(mutex_);
    waiting_.emplace(index, std::move(result));
    if (delivering_) return;  // the thread delivering will pass this one on too
    delivering_ = true;
    try {
      while (!waiting_.empty() && (!in_order_ || waiting_.begin()->first == next_)) {
        auto ready = waiting_.extract(waiting_.begin());
        lock.unlock();
        sink_(plans_[ready.key()], std::move(ready.mapped()));
        lock.lock();
        ++next_;
      }
    } catch (...) {
      if (!lock.owns_lock()) lock.lock();
      delivering_ = false;
      throw;
    }
    delivering_ = false;
  }

 private:
  const std::vector<RunPlan>& plans_;
  const ResultSink& sink_;
  const bool in_order_;
  std::mutex mutex_;
  std::map<std::size_t, RunResult> waiting_;
  std::size_t next_ = 0;  // in order: the run the sink takes next
  bool delivering_ = false;
};

}  // namespace

void run_ensemble(const std::vector<RunPlan>& plans, const Simulate& simulate,
                  const ResultSink& sink, const EnsembleOptions& options) {
  std::optional<tbb::global_control> thread_limit;
  if (options.threads > 0)
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism,
                         static_cast<std::size_t>(options.threads));

  RunControl control;
  control.cancel = options.cancel;
  control.on_day = options.on_day;
  control.summary_only = options.summary_only;
  InOrderDelivery delivery(plans, sink, options.in_plan_order);

  // One run per task: runs are long and uneven, so no batching.
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, plans.size(), 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          if (options.cancel && options.cancel->load()) throw Cancelled();
          RunResult result = simulate(*plans[i].parameters, plans[i].seed, control);
          if (options.on_run_done) options.on_run_done();
          delivery.deliver(i, std::move(result));
        }
      },
      tbb::simple_partitioner());
  if (options.cancel && options.cancel->load()) throw Cancelled();
}

}  // namespace trustsim
