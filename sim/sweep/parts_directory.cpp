#include "sweep/parts_directory.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
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

Json manifest_json(const PartsManifest& m) {
  return {{"format", "trustsim sweep parts"},
          {"format_version", 1},
          {"fingerprint", m.fingerprint},
          {"run_count", m.run_count},
          {"program_version", m.program_version},
          {"git_commit", m.git_commit},
          {"sweep_file", m.sweep_file}};
}

// Written like a part: whole or not at all, each write checked.
void write_manifest(const fs::path& directory, const PartsManifest& manifest) {
  try {
    write_small_file(directory / manifest_name, manifest_json(manifest).dump(2) + "\n");
  } catch (const WriteError& problem) {
    throw WriteError(std::string("cannot write the sweep manifest: ") + problem.what());
  } catch (const FileError& problem) {
    throw FileError(std::string("cannot write the sweep manifest: ") + problem.what());
  }
}

// Whether the manifest can be read as a JSON object at all (a kill before
// it was written, or a full disk while writing it, leaves none).
bool manifest_is_readable(const fs::path& directory) {
  const fs::path path = directory / manifest_name;
  try {
    return parse_json_document(read_input_bytes(path.string()), path.string()).is_object();
  } catch (const ScenarioError&) {
    return false;
  }
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

// Whether `name` is `prefix`, at least `digits` digits, then `suffix`.
bool is_numbered(const std::string& name, const std::string& prefix, std::size_t digits) {
  const std::string suffix = part_suffix;
  if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  const std::string number =
      name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  return number.size() >= digits && number.find_first_not_of("0123456789") == std::string::npos;
}

// Whether `name` is a file of the work directory that trustsim writes: the
// manifest, the lock, a sweep's run part, a calibration's committed
// population (sim/calibrate/population_store.cpp), or a temporary file of
// one of these.
bool is_ours(const std::string& name) {
  std::string final_name;
  if (is_temporary_file_name(name, final_name)) return is_ours(final_name);
  if (name == manifest_name || name == lock_name) return true;
  return is_numbered(name, part_prefix, 6) || is_numbered(name, "population_", 3);
}

// Removes trustsim's own files from the work directory (the caller holds
// its lock, so no other trustsim writes there), then the directory if that
// leaves it empty. Returns the name of a file it left, or "" if none.
std::string remove_our_files(const fs::path& directory) {
  std::error_code error;
  std::string foreign;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (is_ours(name) && !entry.is_directory(error) && !entry.is_symlink(error))
      fs::remove(entry.path(), error);
    else if (foreign.empty())
      foreign = name;
  }
  if (foreign.empty()) fs::remove(directory, error);
  return foreign;
}

// A work directory that is a symbolic link would make trustsim write and
// remove files wherever it points: refused, never followed.
void refuse_symbolic_link(const fs::path& directory) {
  std::error_code error;
  if (fs::is_symlink(fs::symlink_status(directory, error)))
    throw FileError(directory.string() +
                    ": is a symbolic link; a sweep's work directory must be a real directory "
                    "(not following it)");
}

}  // namespace

fs::path PartsDirectory::path_for(const fs::path& output) { return output.string() + ".parts"; }

PartsDirectory::PartsDirectory(const fs::path& output, const PartsManifest& manifest,
                               PartsMode mode)
    : path_(path_for(output)), run_count_(manifest.run_count) {
  try {
    open(manifest, mode);
  } catch (...) {
    // No destructor runs for a constructor that throws: let the lock go.
    if (lock_fd_ >= 0) ::close(lock_fd_);
    lock_fd_ = -1;
    throw;
  }
}

void PartsDirectory::open(const PartsManifest& manifest, PartsMode mode) {
  std::error_code error;
  refuse_symbolic_link(path_);
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
    const std::string foreign = remove_our_files(path_);
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (!foreign.empty())
      throw FileError(path_.string() + ": holds " + foreign +
                      ", which trustsim did not write; move it away or choose another output");
  }
  if (fs::exists(path_, error)) {
    lock_fd_ = take_lock(path_);
    // A kill between creating the directory and writing its manifest, or a
    // disk that filled while writing it, leaves no readable manifest: with
    // no finished part there is nothing to check, start it properly.
    if (!manifest_is_readable(path_) && finished_count() == 0) write_manifest(path_, manifest);
    check_manifest(path_, manifest);
    // Temporary files of a killed process (ours by name and content, and
    // with the directory locked no live trustsim writes them, whatever
    // their age): never a finished part.
    for (const auto& entry : fs::directory_iterator(path_, error)) {
      std::string final_name;
      if (is_temporary_file_name(entry.path().filename().string(), final_name) &&
          is_ours(final_name))
        remove_abandoned_temporaries(path_ / final_name, /*min_age_seconds=*/0);
    }
    return;
  }
  fs::create_directories(path_, error);
  if (error) throw FileError(path_.string() + ": cannot create directory: " + error.message());
  lock_fd_ = take_lock(path_);
  try {
    write_manifest(path_, manifest);
  } catch (...) {  // a full disk: the directory just made goes, so nothing is left
    ::close(lock_fd_);
    lock_fd_ = -1;
    (void)remove_our_files(path_);
    fs::remove(path_, error);
    throw;
  }
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
  const std::size_t affixes = std::strlen(part_prefix) + std::strlen(part_suffix);
  for (const auto& entry : fs::directory_iterator(path_)) {
    const std::string name = entry.path().filename().string();
    if (!is_numbered(name, part_prefix, 6) || name.size() > affixes + 12) continue;
    // Only a run id's own name counts (run_000007.h5, not run_0000007.h5).
    const long long id = std::stoll(name.substr(std::strlen(part_prefix)));
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

std::string PartsDirectory::remove() {
  const std::string foreign = remove_our_files(path_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
  return foreign;
}

}  // namespace trustsim
