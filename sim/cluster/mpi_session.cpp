#include "cluster/mpi_session.hpp"

#include <cstdlib>
#include <stdexcept>

namespace trustsim::cluster {

bool launched_by_mpi() {
  // Open MPI's mpirun, PMIx-based launchers (srun, prrte), MPICH's hydra.
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
    if (const char* value = std::getenv(variable); value && *value) return true;
  return false;
}

MpiSession::MpiSession() {
  int provided = MPI_THREAD_SINGLE;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
    throw std::runtime_error("MPI_Init_thread failed");
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    throw std::runtime_error(
        "this MPI library does not allow calls from more than one thread "
        "(MPI_THREAD_SERIALIZED), which trustsim's worker threads need");
  }
  MPI_Comm_dup(MPI_COMM_WORLD, &communicator_);
  MPI_Comm_rank(communicator_, &rank_);
  MPI_Comm_size(communicator_, &size_);
}

MpiSession::~MpiSession() {
  MPI_Comm_free(&communicator_);
  MPI_Finalize();
}

void MpiSession::agree(std::exception_ptr problem) const {
  const int mine = problem ? rank_ : size_;
  int first = size_;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, communicator_);
  if (first == size_) return;
  if (first == rank_) std::rethrow_exception(problem);
  throw OtherRankFailed();
}

int MpiSession::max_over_ranks(int value) const {
  int largest = value;
  MPI_Allreduce(&value, &largest, 1, MPI_INT, MPI_MAX, communicator_);
  return largest;
}

}  // namespace trustsim::cluster
