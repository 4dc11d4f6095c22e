// One of N disjoint slices of a sweep's runs, for the array jobs of a batch
// scheduler (`trustsim sweep SWEEP.json --shard I/N`): each array task runs
// its slice into a file of its own and `trustsim merge` puts them together.
//
// Shard I of N holds the runs whose id leaves remainder I-1 when divided by
// N: an interleave, not N contiguous blocks. Runs are ordered design point,
// then variant, then replicate, so neighbouring ids are replicates of the
// same scenario and cost about the same; dealing them out in turn gives
// every shard an equal share of every variant and design point, where
// blocks would give one shard all the expensive variants (a bigger team, a
// face-to-face regime with more contacts) and leave the others waiting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/run_plan.hpp"

namespace trustsim {

struct Shard {
  int index = 1;  // 1-based, as array task ids and humans count
  int count = 1;

  bool holds(std::int64_t run_id) const { return run_id % count == index - 1; }
  std::string text() const;  // "I/N"
};

// "I/N" with 1 <= I <= N. Throws std::invalid_argument with a message fit
// to follow "--shard: ".
Shard parse_shard(std::string_view text);

// The runs of `runs` that the shard holds, in their order.
std::vector<RunPlan> runs_of_shard(const std::vector<RunPlan>& runs, const Shard& shard);

// How many of the run ids [0, run_count) the shard holds.
std::int64_t shard_run_count(std::int64_t run_count, const Shard& shard);

}  // namespace trustsim
