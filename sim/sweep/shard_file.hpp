// A shard's file: a normal trustsim file (kind `sweep_shard`) holding the
// runs of one slice of a sweep, with root attributes that say which sweep
// and which slice it is, so that `trustsim merge` can check a set of them
// before combining anything:
//   sweep_fingerprint  the plan's fingerprint (same in every shard)
//   shard              "I/N";  shard_index I, shard_count N (int64)
//   sweep_run_count    runs in the whole sweep (int64)
// Its /summary and /runs hold the shard's runs under their sweep run ids; it
// has no /comparison (a comparison over a slice would look like the
// sweep's and be wrong).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"
#include "sweep/shard.hpp"

namespace trustsim {

inline constexpr const char* shard_kind = "sweep_shard";

// Writes the shard attributes (not sweep_fingerprint, which every file of
// a sweep carries: combine_parts.hpp).
void write_shard_identity(hid_t file, const Shard& shard, std::int64_t sweep_run_count);

// What merging needs to know of a shard file, read without the sweep.
struct ShardDescription {
  std::filesystem::path path;
  std::string fingerprint;
  Shard shard;
  std::int64_t sweep_run_count = 0;
  std::vector<std::int64_t> run_ids;  // /summary/run_id
  // Its provenance, kept in the merged file.
  std::string program_version;
  std::string git_commit;
  std::string created_utc;
  std::string command_line;
  std::string scenario_given;
  std::string scenario_resolved;
};

// Throws FileError (one line naming the file) if it is missing, not HDF5,
// damaged, or not a shard of a sweep.
ShardDescription read_shard_description(const std::filesystem::path& path);

}  // namespace trustsim
