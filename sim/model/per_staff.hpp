// Runs a per-person rule in parallel over fixed blocks of staff and joins
// what the blocks produce in staff order, so the joined result is the same
// whatever the number of threads or the order blocks finish in.
#pragma once

#include <tbb/parallel_for.h>

#include <vector>

#include "model/day.hpp"

namespace trustsim {

inline constexpr std::size_t staff_block = 64;

// rule(StaffId, std::vector<Item>& out, DayTally& tally)
template <class Item, class Rule>
std::vector<Item> collect_per_staff(std::size_t staff_count, DayTally& tally, const Rule& rule) {
  const std::size_t blocks = (staff_count + staff_block - 1) / staff_block;
  std::vector<std::vector<Item>> produced(blocks);
  std::vector<DayTally> tallies(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    const std::size_t end = std::min(staff_count, (b + 1) * staff_block);
    for (std::size_t i = b * staff_block; i < end; ++i)
      rule(static_cast<StaffId>(i), produced[b], tallies[b]);
  });
  std::size_t total = 0;
  for (const auto& block : produced) total += block.size();
  std::vector<Item> joined;
  joined.reserve(total);
  for (std::size_t b = 0; b < blocks; ++b) {
    joined.insert(joined.end(), produced[b].begin(), produced[b].end());
    tally += tallies[b];
  }
  return joined;
}

}  // namespace trustsim
