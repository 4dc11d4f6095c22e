// `trustsim merge`: the shard files of one sweep combined into the file a
// single `trustsim sweep` would have written. The parts are checked as a
// set first (shard_coverage.hpp); the sweep's plan is then rebuilt from the
// resolved sweep they carry and must have their fingerprint, so every run
// is checked against its plan and the /summary and /comparison are made by
// the same code, in the same order, as a sweep's (combine_parts.hpp).
#pragma once

#include <atomic>
#include <filesystem>
#include <vector>

#include "io/result_writer.hpp"

namespace trustsim {

struct MergeReport {
  std::int64_t run_count = 0;
  std::size_t part_count = 0;
};

// `provenance` is the merging invocation's (program, time, command line);
// kind, seed and the scenario are taken from the parts. The merged file
// also gets `merged_from`: a JSON list of the parts, each with its file
// name, shard and provenance. Written to `output` as every combined file is
// (write_combined, combine_parts.hpp): throws FileError, WriteError or
// hdf5::Error, and Cancelled (model/simulation.hpp) between runs once
// `cancel` is raised (a signal), leaving no output. The parts, and then
// the output, are read back whole by `processes` processes at once.
MergeReport merge_shards(const std::vector<std::filesystem::path>& parts,
                         const std::filesystem::path& output, bool force, Provenance provenance,
                         int processes, const std::atomic<bool>& cancel);

}  // namespace trustsim
