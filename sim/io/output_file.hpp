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

// Throws FileError if `path` exists and may not be replaced.
void refuse_existing_output(const std::filesystem::path& path, bool overwrite);

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

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
