// Whether a set of shard files makes one whole sweep, checked before
// anything is merged: all of the same sweep (same plan fingerprint) and
// computed by the same program, each shard complete, and together holding
// every run id of the sweep exactly once. Pure logic on what the files say
// of themselves (shard_file.hpp), so each refusal is tested on its own.
#pragma once

#include <cstddef>
#include <vector>

#include "sweep/shard_file.hpp"

namespace trustsim {

// For each run id 0..sweep_run_count-1, the index in `parts` of the part
// holding it. Throws FileError with one line naming the problem and the
// file(s): parts of different sweeps or programs, a shard given twice, an
// incomplete shard, a run in two parts, a missing shard or run.
std::vector<std::size_t> assign_runs_to_parts(const std::vector<ShardDescription>& parts);

}  // namespace trustsim
