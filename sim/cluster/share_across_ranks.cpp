#include "cluster/share_across_ranks.hpp"

#include <stdexcept>

namespace trustsim::cluster {

namespace {

std::vector<std::size_t> share_of(int rank, int size, std::size_t items) {
  std::vector<std::size_t> mine;
  for (std::size_t i = static_cast<std::size_t>(rank); i < items;
       i += static_cast<std::size_t>(size))
    mine.push_back(i);
  return mine;
}

}  // namespace

std::vector<double> share_across_ranks(
    const MpiSession& session, std::size_t items, std::size_t width,
    const std::function<std::vector<double>(const std::vector<std::size_t>&)>& compute) {
  const int size = session.size();
  std::vector<double> mine;
  std::exception_ptr problem;
  try {
    mine = compute(share_of(session.rank(), size, items));
    if (mine.size() != share_of(session.rank(), size, items).size() * width)
      throw std::logic_error("share_across_ranks: compute returned the wrong number of values");
  } catch (...) {
    problem = std::current_exception();
  }
  session.agree(problem);

  // Rank r's values arrive as one block; counts fit an int for any batch
  // a calibration makes (bounded by its population size and replicates).
  std::vector<int> counts(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size));
  int offset = 0;
  for (int r = 0; r < size; ++r) {
    counts[static_cast<std::size_t>(r)] = static_cast<int>(share_of(r, size, items).size() * width);
    offsets[static_cast<std::size_t>(r)] = offset;
    offset += counts[static_cast<std::size_t>(r)];
  }
  std::vector<double> blocks(static_cast<std::size_t>(offset));
  if (MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, blocks.data(),
                     counts.data(), offsets.data(), MPI_DOUBLE,
                     session.communicator()) != MPI_SUCCESS)
    throw std::runtime_error("MPI_Allgatherv failed");
  std::vector<double> values(items * width);
  for (int r = 0; r < size; ++r) {
    const auto ids = share_of(r, size, items);
    for (std::size_t k = 0; k < ids.size(); ++k)
      for (std::size_t w = 0; w < width; ++w)
        values[ids[k] * width + w] =
            blocks[static_cast<std::size_t>(offsets[static_cast<std::size_t>(r)]) + k * width + w];
  }
  return values;
}

}  // namespace trustsim::cluster
