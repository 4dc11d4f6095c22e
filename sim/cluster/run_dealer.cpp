#include "cluster/run_dealer.hpp"

#include <chrono>
#include <thread>

namespace trustsim::cluster {

namespace {

enum Tag : int { request_tag = 1, reply_tag = 2, report_tag = 3 };
constexpr std::int64_t no_more_runs = -1;

}  // namespace

RunDealer::RunDealer(std::vector<std::int64_t> run_ids) : run_ids_(std::move(run_ids)) {}

std::optional<std::int64_t> RunDealer::take() {
  std::lock_guard lock(mutex_);
  if (stopped_ || next_ >= run_ids_.size()) return std::nullopt;
  return run_ids_[next_++];
}

void RunDealer::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
}

std::vector<RankReport> RunDealer::serve(const MpiSession& session,
                                         const std::atomic<bool>& cancel) {
  std::vector<RankReport> reports(static_cast<std::size_t>(session.size()));
  int still_working = session.size() - 1;
  while (still_working > 0) {
    if (cancel.load()) stop();
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, session.communicator(), &waiting, &status);
    if (!waiting) {
      // Polling with a short sleep, not a blocking receive: Open MPI's
      // blocking calls spin, and this thread shares its cores with rank
      // 0's own workers. Half a millisecond is nothing beside a run.
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      continue;
    }
    if (status.MPI_TAG == request_tag) {
      std::int64_t ignored = 0;
      MPI_Recv(&ignored, 1, MPI_INT64_T, status.MPI_SOURCE, request_tag, session.communicator(),
               MPI_STATUS_IGNORE);
      const std::int64_t run_id = take().value_or(no_more_runs);
      MPI_Send(&run_id, 1, MPI_INT64_T, status.MPI_SOURCE, reply_tag, session.communicator());
    } else {
      std::int64_t report[2] = {0, 0};
      MPI_Recv(report, 2, MPI_INT64_T, status.MPI_SOURCE, report_tag, session.communicator(),
               MPI_STATUS_IGNORE);
      RankReport& from = reports[static_cast<std::size_t>(status.MPI_SOURCE)];
      from.runs_computed = report[0];
      from.outcome = static_cast<RankOutcome>(report[1]);
      if (from.outcome != RankOutcome::finished) stop();  // the sweep will not complete
      --still_working;
    }
  }
  return reports;
}

std::optional<std::int64_t> request_run(const MpiSession& session) {
  const std::int64_t ask = 0;
  std::int64_t run_id = no_more_runs;
  MPI_Send(&ask, 1, MPI_INT64_T, 0, request_tag, session.communicator());
  MPI_Recv(&run_id, 1, MPI_INT64_T, 0, reply_tag, session.communicator(), MPI_STATUS_IGNORE);
  if (run_id == no_more_runs) return std::nullopt;
  return run_id;
}

void report_to_dealer(const MpiSession& session, const RankReport& report) {
  const std::int64_t message[2] = {report.runs_computed, static_cast<std::int64_t>(report.outcome)};
  MPI_Send(message, 2, MPI_INT64_T, 0, report_tag, session.communicator());
}

}  // namespace trustsim::cluster
