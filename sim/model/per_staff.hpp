// Runs a per-person rule in parallel over fixed blocks of staff and joins
// what the blocks produce in staff order, so the joined result is the same
// whatever the number of threads or the order blocks finish in.
#pragma once

#include <vector>

#include "model/day.hpp"
#include "model/parallel.hpp"

namespace trustsim {

inline constexpr std::size_t staff_block = 64;

// rule(StaffId, std::vector<Item>& out, DayTally& tally) for every slot of
// `slots`, in blocks counted from slots.begin. Each block's list starts
// with room for `expected_per_staff` items a person, so that a list that
// grows to about that size is allocated once rather than a dozen times.
template <class Item, class Rule>
std::vector<Item> collect_per_staff(SlotRange slots, DayTally& tally, const Rule& rule,
                                    double expected_per_staff = 0.0) {
  const std::size_t blocks = (slots.end - slots.begin + staff_block - 1) / staff_block;
  std::vector<std::vector<Item>> produced(blocks);
  std::vector<DayTally> tallies(blocks);
  parallel_each(0, blocks, [&](std::size_t b) {
    const std::size_t begin = slots.begin + b * staff_block;
    const std::size_t end = std::min<std::size_t>(slots.end, begin + staff_block);
    produced[b].reserve(static_cast<std::size_t>(expected_per_staff * double(end - begin)));
    for (std::size_t i = begin; i < end; ++i)
      rule(static_cast<StaffId>(i), produced[b], tallies[b]);
  });
  if (blocks == 1) {  // a small world: its one block is the result, as it stands
    tally += tallies.front();
    return std::move(produced.front());
  }
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

// Runs rule(StaffId) for every slot of `slots`, in parallel over blocks of
// at least staff_block slots: a small world (the baseline's 45 staff) is one
// block and pays nothing for splitting work it cannot share.
template <class Rule>
void for_each_staff(SlotRange slots, const Rule& rule) {
  parallel_chunks(slots.begin, slots.end, staff_block, [&](std::size_t first, std::size_t end) {
    for (std::size_t i = first; i != end; ++i) rule(static_cast<StaffId>(i));
  });
}

}  // namespace trustsim
