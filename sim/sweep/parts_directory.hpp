// The work directory of a sweep in progress, next to its output:
// OUT.h5.parts/ holds one small trustsim file per finished run
// (run_NNNNNN.h5, each written under a temporary name and renamed, so a
// kill at any moment leaves whole runs or none) and manifest.json, which
// says which sweep the parts belong to. `--resume` continues from it; the
// directory is removed once the parts are combined into OUT.h5.
//
// The ranks of an MPI job share one directory (on a file system all their
// nodes see): a part's name is its run id, which no two ranks are given.
// A shard of an array job has its own, beside its own output file.
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
  // Another process of the same MPI job (rank 0) has opened the directory
  // and holds its lock for the job: it must exist with this sweep's
  // manifest. Nothing in it is created, removed or locked.
  join,
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

  // After the combined output is in place: removes the files trustsim
  // wrote there (manifest, lock, parts, temporary files), then the
  // directory if nothing else is in it. Returns the name of a file it left
  // (not trustsim's: never removed), or "" if the directory is gone.
  std::string remove();

 private:
  void open(const PartsManifest& manifest, PartsMode mode);

  std::filesystem::path path_;
  std::int64_t run_count_ = 0;
  int lock_fd_ = -1;
};

}  // namespace trustsim
