#include "sweep/parts_directory.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/output_file.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

namespace {

namespace fs = std::filesystem;
constexpr const char* manifest_name = "manifest.json";
constexpr const char* lock_name = ".lock";
constexpr const char* part_prefix = "run_";
constexpr const char* part_suffix = ".h5";

nlohmann::json manifest_json(const PartsManifest& m) {
  return {{"format", "trustsim sweep parts"},
          {"format_version", 1},
          {"fingerprint", m.fingerprint},
          {"run_count", m.run_count},
          {"program_version", m.program_version},
          {"git_commit", m.git_commit},
          {"sweep_file", m.sweep_file}};
}

// Written like a part: temporary name, then rename.
void write_manifest(const fs::path& directory, const PartsManifest& manifest) {
  const fs::path final_path = directory / manifest_name;
  const fs::path temporary = temporary_path_for(final_path);
  {
    std::ofstream out(temporary);
    out << manifest_json(manifest).dump(2) << '\n';
    if (!out) throw FileError(temporary.string() + ": cannot write the sweep manifest");
  }
  fs::rename(temporary, final_path);
}

std::string restart_hint(const fs::path& directory) {
  return "; pass --force to discard " + directory.string() + " and start again";
}

void check_manifest(const fs::path& directory, const PartsManifest& expected) {
  const fs::path path = directory / manifest_name;
  // Read like any input (bounded, never blocking on a FIFO); anything but a
  // JSON object is not a manifest. A value of the wrong type (a hand-edited
  // or damaged file) reads as absent, which fails the checks below, instead
  // of escaping as a JSON type error (an internal error, exit 1).
  Json found;
  try {
    found = parse_json_document(read_input_bytes(path.string()), path.string());
  } catch (const ScenarioError& problem) {
    throw FileError(directory.string() + ": not a sweep work directory (no readable " +
                    manifest_name + ": " + problem.what() + ")" + restart_hint(directory));
  }
  if (!found.is_object())
    throw FileError(directory.string() + ": not a sweep work directory (" + manifest_name +
                    " is not a JSON object)" + restart_hint(directory));
  const auto text = [&](const char* key) {
    return found.contains(key) && found[key].is_string() ? found[key].get<std::string>()
                                                         : std::string();
  };
  const auto count = [&](const char* key) {
    return found.contains(key) && found[key].is_number_integer() ? found[key].get<std::int64_t>()
                                                                 : std::int64_t{-1};
  };
  if (text("fingerprint") != expected.fingerprint || count("run_count") != expected.run_count)
    throw FileError(directory.string() + ": holds the runs of a different sweep (plan " +
                    text("fingerprint") + " of " + text("sweep_file") + "; this sweep's plan is " +
                    expected.fingerprint + ")" + restart_hint(directory));
  if (text("program_version") != expected.program_version ||
      text("git_commit") != expected.git_commit)
    throw FileError(directory.string() + ": was started by trustsim " + text("program_version") +
                    " (git " + text("git_commit") + "), this is " + expected.program_version +
                    " (git " + expected.git_commit +
                    "); resuming would mix results of two programs" + restart_hint(directory));
}

// An exclusive lock for the life of the process: a second trustsim on the
// same output would otherwise redo the same runs and remove the directory
// under the first one's feet. The kernel drops it when the process dies, so
// a killed sweep never leaves it behind.
int take_lock(const fs::path& directory) {
  const fs::path path = directory / lock_name;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw FileError(path.string() + ": cannot create the lock file");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw FileError(directory.string() +
                    ": another trustsim process is running this sweep (it holds the lock)");
  }
  return fd;
}

// A combine killed with -9 leaves OUT.h5.tmp-PID beside the output. With
// the lock held no other sweep writes this output, and a PID that is no
// longer alive cannot be a `trustsim run` writing it either.
void remove_stale_outputs(const fs::path& output) {
  const fs::path directory = output.has_parent_path() ? output.parent_path() : fs::path(".");
  const std::string prefix = output.filename().string() + ".tmp-";
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == -1 && errno == ESRCH)
      fs::remove(entry.path(), error);
  }
}

}  // namespace

fs::path PartsDirectory::path_for(const fs::path& output) { return output.string() + ".parts"; }

PartsDirectory::PartsDirectory(const fs::path& output, const PartsManifest& manifest,
                               PartsMode mode)
    : path_(path_for(output)), run_count_(manifest.run_count) {
  try {
    open(output, manifest, mode);
  } catch (...) {
    // No destructor runs for a constructor that throws: let the lock go.
    if (lock_fd_ >= 0) ::close(lock_fd_);
    lock_fd_ = -1;
    throw;
  }
}

void PartsDirectory::open(const fs::path& output, const PartsManifest& manifest, PartsMode mode) {
  std::error_code error;
  const bool exists = fs::exists(path_, error);
  if (mode == PartsMode::join) {
    if (!exists || !fs::is_directory(path_, error))
      throw FileError(path_.string() +
                      ": not found, though rank 0 created it: the ranks must share one file "
                      "system for the output's directory");
    check_manifest(path_, manifest);
    return;
  }
  if (exists && !fs::is_directory(path_, error))
    throw FileError(path_.string() + ": exists and is not a directory");
  if (exists && mode == PartsMode::fresh)
    throw FileError(path_.string() +
                    ": holds an unfinished sweep; pass --resume to continue it "
                    "or --force to discard it and start again");
  if (exists && mode == PartsMode::force) {
    lock_fd_ = take_lock(path_);  // not while another process works in it
    ::close(lock_fd_);
    lock_fd_ = -1;
    fs::remove_all(path_, error);
    if (error) throw FileError(path_.string() + ": cannot remove: " + error.message());
  }
  if (fs::exists(path_, error)) {
    lock_fd_ = take_lock(path_);
    // A kill between creating the directory and writing its manifest
    // leaves an empty directory: nothing to check, start it properly.
    if (!fs::exists(path_ / manifest_name, error) && finished_count() == 0)
      write_manifest(path_, manifest);
    check_manifest(path_, manifest);
    remove_stale_outputs(output);
    // Temporary files of a killed process: never a finished part.
    for (const auto& entry : fs::directory_iterator(path_))
      if (entry.path().filename().string().find(".tmp-") != std::string::npos)
        fs::remove(entry.path(), error);
    return;
  }
  fs::create_directories(path_, error);
  if (error) throw FileError(path_.string() + ": cannot create directory: " + error.message());
  lock_fd_ = take_lock(path_);
  write_manifest(path_, manifest);
}

PartsDirectory::~PartsDirectory() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

fs::path PartsDirectory::part_path(std::int64_t run_id) const {
  char name[40];
  std::snprintf(name, sizeof name, "%s%06lld%s", part_prefix, static_cast<long long>(run_id),
                part_suffix);
  return path_ / name;
}

std::vector<bool> PartsDirectory::finished_runs() const {
  std::vector<bool> finished(static_cast<std::size_t>(run_count_), false);
  const std::string prefix = part_prefix, suffix = part_suffix;
  for (const auto& entry : fs::directory_iterator(path_)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() + suffix.size() ||
        name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string digits =
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 12) continue;
    const long long id = std::stoll(digits);
    if (id < run_count_ && part_path(id) == entry.path())
      finished[static_cast<std::size_t>(id)] = true;
  }
  return finished;
}

std::int64_t PartsDirectory::finished_count() const {
  std::int64_t count = 0;
  for (bool done : finished_runs()) count += done;
  return count;
}

void PartsDirectory::remove() {
  std::error_code error;
  fs::remove_all(path_, error);
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
  if (error) throw FileError(path_.string() + ": cannot remove: " + error.message());
}

}  // namespace trustsim
