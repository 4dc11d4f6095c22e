// The model's one way to run a loop in parallel: oneTBB's parallel_for over
// chunks of at least `grain` items, except that a range of a single chunk
// runs inline. A small world (the baseline's 45 staff, one locality) is one
// chunk in nearly every loop of its day, where setting up a parallel_for
// (a task group context and a task) costs more than the loop: about 2% of
// a small run (docs/benchmarks.md). Either way each chunk runs the same
// body over the same items, so results do not change.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace trustsim {

// body(first, end) for consecutive chunks covering [first, end).
template <class Body>
void parallel_chunks(std::size_t first, std::size_t end, std::size_t grain, const Body& body) {
  if (end - first <= grain) {
    if (first < end) body(first, end);
    return;
  }
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(first, end, grain),
      [&](const tbb::blocked_range<std::size_t>& chunk) { body(chunk.begin(), chunk.end()); });
}

// each(k) for every k in [first, end), in parallel.
template <class Each>
void parallel_each(std::size_t first, std::size_t end, const Each& each) {
  parallel_chunks(first, end, 1, [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) each(k);
  });
}

}  // namespace trustsim
