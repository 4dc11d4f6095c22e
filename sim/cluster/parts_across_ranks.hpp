// A sweep's missing runs computed by every rank of an MPI job into the
// sweep's shared work directory (OUT.h5.parts/, one part file per run, as
// a single process writes them), rank 0 dealing out the run ids
// (run_dealer.hpp). Rank 0 alone then combines the parts into OUT.h5, with
// the very code a single-process sweep uses, so the output is the same.
//
// Per-rank part files rather than parallel HDF5: the parts already exist
// for kill-safe resume, they need only the serial HDF5 every system has,
// a failed rank loses only its runs in progress, and the final copy of
// finished runs is cheap beside computing them (README, Running on a
// cluster).
#pragma once

#include <exception>
#include <vector>

#include "cluster/mpi_session.hpp"
#include "cluster/run_dealer.hpp"
#include "sweep/run_missing_parts.hpp"

namespace trustsim::cluster {

struct RanksOutcome {
  RankOutcome agreed = RankOutcome::finished;  // the worst over all ranks
  std::exception_ptr problem;                  // this rank's own failure, if any
  std::vector<RankReport> reports;             // per rank, on rank 0 only
};

// Collective. `missing` is used on rank 0 (it deals them); the other ranks
// take their runs from `plan` by the ids dealt to them.
RanksOutcome run_parts_across_ranks(const MpiSession& session, const std::vector<RunPlan>& missing,
                                    const SweepPlan& plan, const PartsDirectory& parts,
                                    const Simulate& simulate, const Provenance& provenance,
                                    const PartRunOptions& options);

}  // namespace trustsim::cluster
