// Runs plans handed out one at a time as workers fall free, rather than a
// list fixed beforehand: for a sweep spread over MPI ranks, where rank 0
// deals run ids to whichever rank asks next, so a rank that drew cheap runs
// simply asks more often (cluster/run_dealer.hpp). Each worker thread asks
// for its next run only when it has finished one, so a rank never holds
// runs that another, idle rank could be computing.
#pragma once

#include <functional>
#include <optional>

#include "runner/ensemble.hpp"

namespace trustsim {

// Called from worker threads, one call at a time; nothing when there is no
// more work.
using NextRun = std::function<std::optional<RunPlan>()>;

// Results go to `sink` in the order runs finish, one at a time.
// options.in_plan_order is ignored (there is no plan order here). Throws
// Cancelled if options.cancel is raised; rethrows the first exception of
// any run, of `next` or of the sink. Returns the number of runs computed.
std::int64_t run_on_demand(const NextRun& next, const Simulate& simulate, const ResultSink& sink,
                           const EnsembleOptions& options = {});

}  // namespace trustsim
