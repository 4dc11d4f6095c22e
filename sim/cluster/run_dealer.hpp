// Rank 0 of an MPI sweep deals out run ids, one at a time, to whichever
// worker asks next: its own oneTBB workers take them directly, other ranks'
// workers ask by message. A rank that drew cheap runs asks again sooner,
// so the ranks finish together however unequal the runs' costs (a grid
// over team sizes or horizons), which a fixed division cannot promise when
// there are few replicates per scenario. The price is one small message
// per run, nothing beside runs that take tens of milliseconds or more.
//
// Which rank computes a run does not change its result: each run's
// randomness is addressed by its own seed (model/random_stream.hpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "cluster/mpi_session.hpp"

namespace trustsim::cluster {

// How a rank's share of the work ended, as reported to rank 0 and agreed
// by all (the largest wins).
enum class RankOutcome : int { finished = 0, cancelled = 1, failed = 2 };

struct RankReport {
  std::int64_t runs_computed = 0;
  RankOutcome outcome = RankOutcome::finished;
};

class RunDealer {
 public:
  explicit RunDealer(std::vector<std::int64_t> run_ids);

  // Rank 0's own workers: the next run id, or nothing when all are dealt
  // (or dealing has stopped). Thread-safe.
  std::optional<std::int64_t> take();

  // No more runs are dealt, to anyone (a failure or cancellation).
  void stop();

  // On rank 0's main thread: answers the other ranks' requests until each
  // has reported its end; stops dealing when `cancel` is raised or a rank
  // reports a failure. Returns every rank's report (rank 0's own left
  // empty, for the caller to fill in).
  std::vector<RankReport> serve(const MpiSession& session, const std::atomic<bool>& cancel);

 private:
  std::mutex mutex_;
  std::vector<std::int64_t> run_ids_;
  std::size_t next_ = 0;
  bool stopped_ = false;
};

// On any rank but 0: asks rank 0 for a run id; nothing when there are no
// more. Not thread-safe: one call at a time per rank.
std::optional<std::int64_t> request_run(const MpiSession& session);

// On any rank but 0, once its workers are done: how it went.
void report_to_dealer(const MpiSession& session, const RankReport& report);

}  // namespace trustsim::cluster
