// MPI for the life of one `trustsim sweep` or `calibrate` launched by mpirun (or srun):
// initialised with MPI_THREAD_SERIALIZED, because a rank's oneTBB workers
// ask rank 0 for runs (one at a time, under a lock), and finalised however
// the sweep ends. The same binary run by hand does not touch MPI at all.
#pragma once

#include <mpi.h>

#include <exception>
#include <string>

namespace trustsim::cluster {

// Whether an MPI launcher started this process (its environment says so).
// Deciding before MPI_Init keeps a plain `trustsim sweep` on a machine
// with an MPI build from starting an MPI singleton.
bool launched_by_mpi();

// Thrown on the ranks that did not fail when another rank did (see
// MpiSession::agree): the failing rank reports the problem and sets the
// job's exit status; these stop quietly (cli/here_or_across_ranks.hpp).
struct OtherRankFailed : std::exception {
  const char* what() const noexcept override { return "another MPI rank failed"; }
};

class MpiSession {
 public:
  MpiSession();   // MPI_Init_thread; throws std::runtime_error if unusable
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  // trustsim's own communicator (a duplicate of MPI_COMM_WORLD), so its
  // messages never meet anyone else's.
  MPI_Comm communicator() const { return communicator_; }

  // Collective: every rank says whether its step failed (`problem`). If
  // none did, returns. Otherwise the lowest failing rank rethrows its
  // problem (so it is reported once) and the others throw OtherRankFailed,
  // so that no rank goes on to wait for one that has stopped.
  void agree(std::exception_ptr problem) const;

  // Collective: the largest of every rank's `value`.
  int max_over_ranks(int value) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  MPI_Comm communicator_ = MPI_COMM_NULL;
};

// Runs `step` on every rank; if it fails on any, the lowest failing rank
// reports it and every rank stops (none is left waiting for another).
template <class Step>
void on_every_rank(const MpiSession& session, Step&& step) {
  std::exception_ptr problem;
  try {
    step();
  } catch (...) {
    problem = std::current_exception();
  }
  session.agree(problem);
}

}  // namespace trustsim::cluster
