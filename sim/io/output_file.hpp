// An output file that never exists half-written under its real name, and
// never replaces what it was not asked to replace:
//  - it is written to "NAME.tmp-XXXXXXXXXXXX" in the same directory (so the
//    final rename is atomic), a name nobody can guess (12 random letters),
//    created exclusively (O_EXCL: never through a symlink, a hard link or
//    over an existing file);
//  - the writer holds a lock on it for its whole life, so a later trustsim
//    can tell an abandoned temporary file (killed writer, any host or
//    container) from a live one and remove it;
//  - commit() renames it into place without replacing anything that
//    appeared meanwhile (renameat2 RENAME_NOREPLACE, or link + unlink),
//    unless overwriting was asked for (--force).
// Destroying an uncommitted OutputFile (an exception, a cancelled run)
// removes the temporary file.
#pragma once

#include <ctime>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"
#include "io/string_checksum.hpp"

namespace trustsim {

// A problem with a file the user named (it exists already, it is not a
// trustsim file): bad input, exit code 2.
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The output could not be written (disk full, file size limit, I/O error):
// reported in one line, exit code 1, and nothing under the final name.
struct WriteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Whether a failed system call's errno says the storage failed (no space,
// no inodes, quota, file too large, read-only file system, I/O error, out
// of memory or file handles) rather than that the user named a bad place.
bool is_storage_failure(int error_number);

// Throws WriteError if is_storage_failure(error_number), else FileError.
[[noreturn]] void throw_file_problem(const std::string& message, int error_number);

// Throws FileError if `path` may not be an output: it names a directory
// (also "x.h5/"), it exists and is not a regular file or a symbolic link,
// or it exists (a symbolic link, even a dangling one, counts) and
// `overwrite` is false.
void refuse_existing_output(const std::filesystem::path& path, bool overwrite);

// Throws FileError if `output` is the same file as one of `inputs`:
// writing it would destroy what is being read.
void refuse_input_as_output(const std::vector<std::filesystem::path>& inputs,
                            const std::filesystem::path& output);

// Throws WriteError if about `bytes` cannot be written beside `final_path`:
// more than the file size limit (ulimit -f) or than the free space of its
// file system. Checked before copying runs between files, so that a sweep
// that cannot fit says so at once; a disk filled meanwhile by others fails
// the write itself, which is reported too (exit 1, nothing under the name).
void refuse_if_no_room(const std::filesystem::path& final_path, std::uintmax_t bytes);

// Removes the temporary files a killed writer of `final_path` left beside
// it: those named like OutputFile's, beginning as HDF5 files do (or empty),
// not locked by a live writer (the lock, unlike a process id, is seen from
// every host sharing the file system's locks and every container of the
// kernel), and at least `min_age_seconds` old: a younger file's writer may
// be between creating it and locking it. Returns how many were removed.
int remove_abandoned_temporaries(const std::filesystem::path& final_path,
                                 std::time_t min_age_seconds = 10);

// Writes a small text file (a manifest) whole or not at all: an exclusive
// temporary file of unguessable name, written, closed and forced to disk
// (each step checked: a full disk is reported with the system's reason),
// then renamed over `path`. Throws WriteError or FileError (throw_file_problem).
void write_small_file(const std::filesystem::path& path, const std::string& text);

// Whether `name` is the name of one of our temporary files (NAME.tmp- and
// twelve random letters); if so, `final_name` gets NAME.
bool is_temporary_file_name(const std::string& name, std::string& final_name);

class OutputFile {
 public:
  // Checks the output (refuse_existing_output), creates missing
  // directories and creates the temporary file. (The commands call
  // remove_abandoned_temporaries for their outputs first; a sweep's parts,
  // thousands in one directory, are cleaned once, by PartsDirectory.)
  OutputFile(std::filesystem::path final_path, bool overwrite);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  hid_t id() const { return file_.get(); }
  // Stretches of the string checksum written on commit, for objects whose
  // strings are known without reading them back (string_checksum.hpp).
  hdf5::StringStretches& string_stretches() { return string_stretches_; }
  const std::filesystem::path& final_path() const { return final_path_; }
  const std::filesystem::path& temporary_path() const { return temporary_path_; }

  // Closes the file here, runs `write` on it opened afresh in a forked
  // child process, and opens it here again once the child has closed it:
  // for writes that crash HDF5 1.10 when they fail (H5Ocopy on a full
  // disk), so that the failure is reported like any other. Throws
  // hdf5::Error with what `write` threw, or saying that the child crashed
  // or was stopped (the file is then left closed, to be abandoned). No
  // object in the file may be open; string stretches stay the parent's to
  // record. The child ignores Ctrl-C; it is stopped (killed) as soon as
  // `stop` returns true (trustsim's flag of a signal received).
  void write_in_child(
      const std::function<void(hid_t file)>& write,
      const std::function<bool()>& stop = [] { return false; });

  // Closes the file, forces it to disk, calls `verify` on the closed
  // temporary file (which throws if it is not as written) and renames it to
  // its final name. Throws FileError, without replacing it, if the final
  // name appeared meanwhile and overwriting was not asked for.
  void commit(const std::function<void(const std::filesystem::path&)>& verify = {});
  // Closes and removes the temporary file now.
  void abandon() noexcept;

 private:
  void publish();
  void close_checked(const char* when);
  hdf5::Handle open_again() const;

  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  bool overwrite_ = false;
  hdf5::Handle file_;
  int lock_fd_ = -1;  // our own descriptor of the temporary file, locked
  bool committed_ = false;
  hdf5::StringStretches string_stretches_;
};

}  // namespace trustsim
