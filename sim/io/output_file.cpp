#include "io/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <string>

namespace trustsim {

void refuse_existing_output(const std::filesystem::path& path, bool overwrite) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw FileError(path.string() + ": is a directory");
  if (std::filesystem::exists(path, error) && !overwrite)
    throw FileError(path.string() + ": already exists (use --force to overwrite it)");
}

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path) {
  return final_path.string() + ".tmp-" + std::to_string(::getpid());
}

OutputFile::OutputFile(std::filesystem::path final_path, bool overwrite)
    : final_path_(std::move(final_path)), temporary_path_(temporary_path_for(final_path_)) {
  refuse_existing_output(final_path_, overwrite);
  if (final_path_.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(final_path_.parent_path(), error);
    if (error)
      throw FileError(final_path_.parent_path().string() +
                      ": cannot create directory: " + error.message());
  }
  const hid_t id = H5Fcreate(temporary_path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) throw FileError(temporary_path_.string() + ": cannot create file");
  file_ = hdf5::Handle(id, H5Fclose);
}

OutputFile::~OutputFile() {
  if (!committed_) abandon();
}

void OutputFile::commit() {
  hdf5::check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush the output file");
  file_.reset();
  // The data must be on disk before the name says the file is complete.
  const int fd = ::open(temporary_path_.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  std::error_code error;
  std::filesystem::rename(temporary_path_, final_path_, error);
  if (error) {
    abandon();
    throw FileError(final_path_.string() +
                    ": cannot rename the finished file into place: " + error.message());
  }
  committed_ = true;
}

void OutputFile::abandon() noexcept {
  file_.reset();
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
}

}  // namespace trustsim
