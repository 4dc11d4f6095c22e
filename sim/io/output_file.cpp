#include "io/output_file.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace trustsim {

void refuse_existing_output(const std::filesystem::path& path, bool overwrite) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (std::filesystem::is_directory(status)) throw FileError(path.string() + ": is a directory");
  if (!std::filesystem::exists(status)) return;
  // --force replaces an earlier result, never a device or a FIFO: renaming
  // over /dev/null, as root, would replace the device with our file.
  if (!std::filesystem::is_regular_file(status))
    throw FileError(path.string() + ": exists and is not a regular file; not replacing it");
  if (!overwrite) throw FileError(path.string() + ": already exists (use --force to overwrite it)");
}

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path) {
  return final_path.string() + ".tmp-" + std::to_string(::getpid());
}

OutputFile::OutputFile(std::filesystem::path final_path, bool overwrite)
    : final_path_(std::move(final_path)), temporary_path_(temporary_path_for(final_path_)) {
  hdf5::silence_library_errors();
  refuse_existing_output(final_path_, overwrite);
  if (final_path_.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(final_path_.parent_path(), error);
    if (error)
      throw FileError(final_path_.parent_path().string() +
                      ": cannot create directory: " + error.message());
  }
  const hid_t id = H5Fcreate(temporary_path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) {
    const std::string cause = hdf5::take_failure_cause();
    // HDF5 may have created the file before failing to write its first
    // bytes (a file size limit of zero): the name is ours, so is the file.
    std::error_code ignored;
    std::filesystem::remove(temporary_path_, ignored);
    throw FileError(temporary_path_.string() + ": cannot create file" +
                    (cause.empty() ? "" : " (" + cause + ")"));
  }
  file_ = hdf5::Handle(id, H5Fclose);
}

OutputFile::~OutputFile() {
  if (!committed_) abandon();
}

namespace {

// Rounded up, in the larger unit that keeps a whole number readable.
std::string megabytes(std::uintmax_t bytes) {
  if (bytes < (1u << 20)) return std::to_string((bytes + 1023) >> 10) + " kB";
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

}  // namespace

void refuse_if_no_room(const std::filesystem::path& final_path, std::uintmax_t bytes) {
  const std::string name = final_path.string();
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      bytes > limit.rlim_cur)
    throw WriteError(name + ": the output would be about " + megabytes(bytes) +
                     ", more than the file size limit (ulimit -f) of " + megabytes(limit.rlim_cur) +
                     "; no output written");
  const std::filesystem::path directory =
      final_path.has_parent_path() ? final_path.parent_path() : std::filesystem::path(".");
  struct statvfs space {};
  if (::statvfs(directory.c_str(), &space) == 0) {
    const auto free_bytes = static_cast<std::uintmax_t>(space.f_bavail) * space.f_frsize;
    if (bytes > free_bytes)
      throw WriteError(name + ": the output would be about " + megabytes(bytes) + ", but only " +
                       megabytes(free_bytes) + " are free on its file system; no output written");
  }
}

namespace {

// Forces the file's bytes to disk; a failure here (EIO, ENOSPC on some file
// systems) is a failure to write the file.
void sync_to_disk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw hdf5::Error("cannot force the file to disk (" + reason + ")");
  }
  ::close(fd);
}

}  // namespace

void OutputFile::commit() {
  // With the default close degree HDF5 would keep the file open while any
  // object in it is open, and finish writing it after the rename.
  const ssize_t open_objects = H5Fget_obj_count(
      file_, H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR | H5F_OBJ_LOCAL);
  if (open_objects != 0)
    throw std::logic_error("output file committed with " + std::to_string(open_objects) +
                           " HDF5 objects still open");
  hdf5::check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush the output file");
  // Closing writes the last metadata: its failure is a failed write too.
  file_.close("close the output file");
  // The data must be on disk before the name says the file is complete.
  sync_to_disk(temporary_path_);
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
