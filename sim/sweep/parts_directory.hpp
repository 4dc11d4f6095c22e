// The work directory of a sweep in progress, next to its output:
// OUT.h5.parts/ holds one small trustsim file per finished run
// (run_NNNNNN.h5, each written under a temporary name and renamed, so a
// kill at any moment leaves whole runs or none) and manifest.json, which
// says which sweep the parts belong to. `--resume` continues from it; the
// directory is removed once the parts are combined into OUT.h5.
//
// Shards and MPI ranks can share one directory: a part's name is its run
// id, which no two workers are given.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace trustsim {

struct PartsManifest {
  std::string fingerprint;  // sweep_plan.hpp's plan fingerprint, 16 hex digits
  std::int64_t run_count = 0;
  std::string program_version;
  std::string git_commit;
  std::string sweep_file;  // for the user's orientation only
};

enum class PartsMode {
  fresh,   // the directory must not exist
  resume,  // continue one that matches, or start one
  force,   // discard any existing directory and start again
};

class PartsDirectory {
 public:
  // Opens or creates the directory for `output`. Throws FileError (exit 2)
  // when it exists and mode is fresh, when it belongs to another sweep or
  // program version, or when another trustsim process is using it.
  PartsDirectory(const std::filesystem::path& output, const PartsManifest& manifest,
                 PartsMode mode);
  ~PartsDirectory();
  PartsDirectory(const PartsDirectory&) = delete;
  PartsDirectory& operator=(const PartsDirectory&) = delete;

  static std::filesystem::path path_for(const std::filesystem::path& output);

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path part_path(std::int64_t run_id) const;

  // Whether each run id in [0, run_count) has its finished part.
  std::vector<bool> finished_runs() const;
  std::int64_t finished_count() const;

  // After the combined output is in place: removes the directory.
  void remove();

 private:
  void open(const std::filesystem::path& output, const PartsManifest& manifest, PartsMode mode);

  std::filesystem::path path_;
  std::int64_t run_count_ = 0;
  int lock_fd_ = -1;
};

}  // namespace trustsim
