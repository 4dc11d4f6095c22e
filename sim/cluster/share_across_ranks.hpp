// A batch of items computed across the ranks of an MPI job, every rank
// ending with every item's values: rank k computes the items i with
// i mod size = k, then all values are gathered on all ranks in item order.
// For work whose next step depends on the whole of this one (a
// calibration's populations): every rank takes the same next step, so no
// rank waits for another to tell it what to do. A fixed division suits
// it: a batch's runs share one scenario and cost about the same.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "cluster/mpi_session.hpp"

namespace trustsim::cluster {

// `compute(indices)` returns `width` values per index, in the order given.
// If it throws on any rank, every rank stops (MpiSession::agree): the
// lowest failing rank rethrows its problem, the others throw
// OtherRankFailed.
std::vector<double> share_across_ranks(
    const MpiSession& session, std::size_t items, std::size_t width,
    const std::function<std::vector<double>(const std::vector<std::size_t>&)>& compute);

}  // namespace trustsim::cluster
