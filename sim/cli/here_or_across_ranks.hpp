// How `sweep` and `calibrate` run: under mpirun, in an MPI session with
// their work shared across the ranks; otherwise in this process alone.
#pragma once

#include "cli/command_line.hpp"

#if TRUSTSIM_WITH_MPI
#include "cluster/mpi_session.hpp"
#endif

namespace trustsim::cli {

// `here()` without MPI; under mpirun `across_ranks(session)`. A rank
// stopped by another's failure exits 0: the failing rank says why and
// gives the job its exit status. mpirun aborts the whole job as soon as
// any rank exits non-zero, so a bystander exiting with the error's code
// could kill the failing rank before its message was written.
// `across_ranks` takes the session as `const auto&`: in a build without
// MPI it is never called, so never compiled.
template <class Here, class AcrossRanks>
int execute_here_or_across_ranks(Here here, [[maybe_unused]] AcrossRanks across_ranks) {
#if TRUSTSIM_WITH_MPI
  if (cluster::launched_by_mpi()) {
    cluster::MpiSession session;
    try {
      return across_ranks(session);
    } catch (const cluster::OtherRankFailed&) {
      return ok;
    }
  }
#endif
  return here();
}

}  // namespace trustsim::cli
