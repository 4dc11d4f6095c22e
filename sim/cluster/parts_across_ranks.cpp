#include "cluster/parts_across_ranks.hpp"

#include <thread>

namespace trustsim::cluster {

namespace {

// Runs `work`, turning how it ended into a report.
template <class Work>
RankReport report_of(Work&& work, std::exception_ptr& problem) {
  RankReport report;
  try {
    report.runs_computed = work();
  } catch (const Cancelled&) {
    report.outcome = RankOutcome::cancelled;
  } catch (...) {
    report.outcome = RankOutcome::failed;
    problem = std::current_exception();
  }
  return report;
}

}  // namespace

RanksOutcome run_parts_across_ranks(const MpiSession& session, const std::vector<RunPlan>& missing,
                                    const SweepPlan& plan, const PartsDirectory& parts,
                                    const Simulate& simulate, const Provenance& provenance,
                                    const PartRunOptions& options) {
  RanksOutcome outcome;
  RankReport mine;
  const auto run_of = [&plan](std::optional<std::int64_t> id) -> std::optional<RunPlan> {
    if (!id) return std::nullopt;
    return plan.runs.at(static_cast<std::size_t>(*id));
  };
  if (session.is_root()) {
    std::vector<std::int64_t> ids;
    for (const RunPlan& run : missing) ids.push_back(run.run_id);
    RunDealer dealer(std::move(ids));
    // Rank 0's own runs on a thread of their own, so that its main thread
    // (which alone talks MPI here) can answer the other ranks meanwhile.
    std::thread workers([&] {
      mine = report_of(
          [&] {
            return run_parts_on_demand([&] { return run_of(dealer.take()); }, plan, parts, simulate,
                                       provenance, options);
          },
          outcome.problem);
      if (mine.outcome != RankOutcome::finished) dealer.stop();
    });
    static const std::atomic<bool> never{false};
    outcome.reports = dealer.serve(session, options.cancel ? *options.cancel : never);
    workers.join();
    outcome.reports.front() = mine;
  } else {
    mine = report_of(
        [&] {
          return run_parts_on_demand([&] { return run_of(request_run(session)); }, plan, parts,
                                     simulate, provenance, options);
        },
        outcome.problem);
    report_to_dealer(session, mine);
  }
  outcome.agreed = static_cast<RankOutcome>(session.max_over_ranks(static_cast<int>(mine.outcome)));
  return outcome;
}

}  // namespace trustsim::cluster
