// An output file that never exists half-written under its real name: it is
// written to "NAME.tmp-PID" in the same directory (so the final rename is
// atomic) and renamed only by commit(). Destroying an uncommitted
// OutputFile (an exception, a cancelled run) removes the temporary file.
#pragma once

#include <filesystem>
#include <stdexcept>

#include "io/hdf5_handles.hpp"

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

// Throws FileError if `path` exists and may not be replaced: it is a
// directory or not a regular file, or it exists and `overwrite` is false.
void refuse_existing_output(const std::filesystem::path& path, bool overwrite);

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

// Throws WriteError if about `bytes` cannot be written beside `final_path`:
// more than the file size limit (ulimit -f) or than the free space of its
// file system. Checked before copying runs between files, because HDF5 1.10
// crashes inside H5Ocopy when a write fails part way; the check cannot see
// other writers filling the disk meanwhile, but those fail before the
// rename, so the final name is never a half-written file either way.
void refuse_if_no_room(const std::filesystem::path& final_path, std::uintmax_t bytes);

class OutputFile {
 public:
  OutputFile(std::filesystem::path final_path, bool overwrite);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  hid_t id() const { return file_.get(); }
  const std::filesystem::path& final_path() const { return final_path_; }
  const std::filesystem::path& temporary_path() const { return temporary_path_; }

  // Closes the file, forces it to disk and renames it to its final name.
  void commit();
  // Closes and removes the temporary file now.
  void abandon() noexcept;

 private:
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  hdf5::Handle file_;
  bool committed_ = false;
};

}  // namespace trustsim
