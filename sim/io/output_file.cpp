#include "io/output_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>

#include "io/child_process.hpp"
#include "io/string_checksum.hpp"

namespace trustsim {

namespace fs = std::filesystem;

bool is_storage_failure(int error_number) {
  switch (error_number) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
    case EIO:
    case EROFS:
    case ENOMEM:
    case EMFILE:
    case ENFILE:
      return true;
    default:
      return false;
  }
}

void throw_file_problem(const std::string& message, int error_number) {
  if (is_storage_failure(error_number)) throw WriteError(message);
  throw FileError(message);
}

void refuse_existing_output(const fs::path& path, bool overwrite) {
  const std::string name = path.string();
  // "x.h5/" names a directory: refused before any work, not after it.
  if (name.empty() || name.back() == '/' || !path.has_filename() || path.filename() == "." ||
      path.filename() == "..")
    throw FileError(name + ": names a directory, not an output file");
  std::error_code error;
  const auto status = fs::symlink_status(path, error);
  if (fs::is_directory(status)) throw FileError(name + ": is a directory");
  if (!fs::exists(status)) return;
  // A symbolic link (even one pointing nowhere) is something the user put
  // there: without --force it is refused like a file; --force replaces
  // the link itself, never what it points to.
  if (fs::is_symlink(status)) {
    if (!overwrite)
      throw FileError(name +
                      ": already exists as a symbolic link (use --force to replace the link)");
    return;
  }
  // --force replaces an earlier result, never a device or a FIFO: renaming
  // over /dev/null, as root, would replace the device with our file.
  if (!fs::is_regular_file(status))
    throw FileError(name + ": exists and is not a regular file; not replacing it");
  if (!overwrite) throw FileError(name + ": already exists (use --force to overwrite it)");
}

void refuse_input_as_output(const std::vector<fs::path>& inputs, const fs::path& output) {
  for (const auto& input : inputs) {
    std::error_code error;
    if (fs::equivalent(input, output, error))
      throw FileError(output.string() + ": is also an input (" + input.string() +
                      "); writing it would destroy what is read; write elsewhere");
  }
}

namespace {

constexpr const char* temporary_marker = ".tmp-";
constexpr std::size_t random_letters = 12;
constexpr const char* letters = "abcdefghijklmnopqrstuvwxyz234567";  // 32: 5 bits each

// The temporary file's name is the final name, shortened (at a character
// boundary) if needed so that the suffix fits the longest file name.
std::string temporary_prefix(const fs::path& final_path) {
  std::string name = final_path.filename().string();
  const std::size_t room = NAME_MAX - std::strlen(temporary_marker) - random_letters;
  if (name.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
  }
  return name + temporary_marker;
}

std::string random_suffix() {
  unsigned char bytes[random_letters];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw WriteError(std::string("cannot draw a random name: ") + std::strerror(errno));
    got += static_cast<std::size_t>(n);
  }
  std::string text;
  for (unsigned char b : bytes) text += letters[b & 31];
  return text;
}

bool is_temporary_name(const std::string& name, const std::string& prefix) {
  if (name.size() != prefix.size() + random_letters || name.compare(0, prefix.size(), prefix) != 0)
    return false;
  return name.find_first_not_of(letters, prefix.size()) == std::string::npos;
}

hdf5::Handle access_properties() {
  // Our own locking (OutputFile's lock_fd_) replaces HDF5's, which would
  // refuse our lock.
  hdf5::Handle access = hdf5::property_list(H5Pcreate(H5P_FILE_ACCESS), "create file properties");
  hdf5::check_status(H5Pset_file_locking(access, false, true), "switch off HDF5's file locking");
  // The 1.8 format checksums the file's metadata (superblock, object
  // headers, B-trees, heaps' headers), so damage to it is found on reading.
  hdf5::check_status(H5Pset_libver_bounds(access, H5F_LIBVER_V110, H5F_LIBVER_V110),
                     "choose the file format");
  return access;
}

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Whether the open HDF5 file `file` is the file the descriptor `fd` holds
// (nobody put another file under its name between the two openings).
bool is_file_of(hid_t file, int fd) {
  int* hdf5_fd = nullptr;
  struct stat opened {
  }, held{};
  return fd >= 0 && H5Fget_vfd_handle(file, H5P_DEFAULT, reinterpret_cast<void**>(&hdf5_fd)) >= 0 &&
         hdf5_fd != nullptr && ::fstat(*hdf5_fd, &opened) == 0 && ::fstat(fd, &held) == 0 &&
         same_file(opened, held);
}

// The file size limit (ulimit -f), if any.
std::optional<std::uintmax_t> file_size_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return {};
  return limit.rlim_cur;
}

// The bytes an unprivileged writer may still use on the file system that
// `file` is (or would be) written to, if it can be told.
std::optional<std::uintmax_t> free_bytes_beside(const fs::path& file) {
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  struct statvfs space {};
  if (::statvfs(directory.c_str(), &space) != 0) return {};
  return static_cast<std::uintmax_t>(space.f_bavail) * space.f_frsize;
}

// Whether `fd` begins as every HDF5 file does, or is empty (killed while
// creating it): a file of any other content is not ours to remove.
bool looks_like_our_file(int fd, const struct stat& info) {
  if (info.st_size == 0) return true;
  static constexpr unsigned char signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  unsigned char head[8];
  return ::pread(fd, head, sizeof head, 0) == static_cast<ssize_t>(sizeof head) &&
         std::memcmp(head, signature, sizeof head) == 0;
}

void sync_directory(const fs::path& file) {
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename is done; its durability is the file system's
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool is_temporary_file_name(const std::string& name, std::string& final_name) {
  const std::size_t marker = std::strlen(temporary_marker);
  if (name.size() <= marker + random_letters) return false;
  const std::size_t at = name.size() - random_letters - marker;
  if (name.compare(at, marker, temporary_marker) != 0 ||
      name.find_first_not_of(letters, at + marker) != std::string::npos)
    return false;
  final_name = name.substr(0, at);
  return true;
}

int remove_abandoned_temporaries(const fs::path& final_path, std::time_t min_age_seconds) {
  const fs::path directory = final_path.has_parent_path() ? final_path.parent_path() : ".";
  const std::string prefix = temporary_prefix(final_path);
  int removed = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (!is_temporary_name(entry.path().filename().string(), prefix)) continue;
    const int fd = ::open(entry.path().c_str(), O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    struct stat opened {
    }, named{};
    // A live writer holds the lock (on any host that shares the file
    // system's locks, in any container of this kernel); a killed one
    // held it until its death. No age asked, none is compared: since
    // Linux 6.13 a file may be stamped from a finer clock than time()
    // reads (multigrain timestamps), up to a second in our future.
    const auto old_enough = [&] {
      return min_age_seconds <= 0 || std::time(nullptr) - opened.st_mtime >= min_age_seconds;
    };
    const bool abandoned = ::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode) && old_enough() &&
                           looks_like_our_file(fd, opened) && ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
                           ::lstat(entry.path().c_str(), &named) == 0 && same_file(opened, named);
    if (abandoned && ::unlink(entry.path().c_str()) == 0) ++removed;
    ::close(fd);
  }
  return removed;
}

void write_small_file(const fs::path& path, const std::string& text) {
  const fs::path temporary =
      (path.has_parent_path() ? path.parent_path() / "" : fs::path()).string() +
      temporary_prefix(path) + random_suffix();
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    throw_file_problem(temporary.string() + ": cannot create file: " + std::strerror(errno), errno);
  const auto fail = [&](const char* what) {
    const int problem = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    throw_file_problem(path.string() + ": cannot " + what + ": " + std::strerror(problem), problem);
  };
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      fail("write the file");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("force the file to disk");
  if (::close(fd) != 0) {
    const int problem = errno;
    ::unlink(temporary.c_str());
    throw_file_problem(path.string() + ": cannot close the file: " + std::strerror(problem),
                       problem);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int problem = errno;
    ::unlink(temporary.c_str());
    throw_file_problem(path.string() + ": cannot rename it into place: " + std::strerror(problem),
                       problem);
  }
  sync_directory(path);
}

OutputFile::OutputFile(fs::path final_path, bool overwrite)
    : final_path_(std::move(final_path)), overwrite_(overwrite) {
  hdf5::silence_library_errors();
  refuse_existing_output(final_path_, overwrite);
  if (final_path_.has_parent_path()) {
    std::error_code error;
    fs::create_directories(final_path_.parent_path(), error);
    if (error)
      throw_file_problem(
          final_path_.parent_path().string() + ": cannot create directory: " + error.message(),
          error.value());
  }

  const hdf5::Handle access = access_properties();
  const std::string prefix =
      (final_path_.has_parent_path() ? final_path_.parent_path() / "" : fs::path()).string() +
      temporary_prefix(final_path_);
  hid_t id = -1;
  int create_errno = 0;
  for (int attempt = 0; attempt < 8 && id < 0; ++attempt) {
    temporary_path_ = prefix + random_suffix();
    // H5F_ACC_EXCL: O_CREAT | O_EXCL, which never follows a symbolic link
    // nor opens an existing file.
    errno = 0;
    id = H5Fcreate(temporary_path_.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, access);
    create_errno = errno;
    if (id < 0 && create_errno != EEXIST) break;
  }
  if (id < 0) {
    const std::string cause = hdf5::take_failure_cause();
    // HDF5 may have created the file before failing to write its first
    // bytes (a file size limit of zero): O_EXCL made it ours.
    struct stat info {};
    if (create_errno != EEXIST && ::lstat(temporary_path_.c_str(), &info) == 0 &&
        S_ISREG(info.st_mode) && info.st_uid == ::geteuid() && info.st_size < 4096)
      ::unlink(temporary_path_.c_str());
    throw_file_problem(temporary_path_.string() + ": cannot create file" +
                           (cause.empty() ? "" : " (" + cause + ")"),
                       create_errno);
  }
  file_ = hdf5::Handle(id, H5Fclose);

  // Lock the file through a descriptor of our own, checked to be the file
  // HDF5 created (nobody swapped the name meanwhile).
  lock_fd_ = ::open(temporary_path_.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  const bool ours = is_file_of(file_, lock_fd_) && ::flock(lock_fd_, LOCK_EX | LOCK_NB) == 0;
  if (!ours) {
    const int problem = errno;
    abandon();
    throw_file_problem(temporary_path_.string() + ": cannot lock the file just created (" +
                           std::strerror(problem) + ")",
                       problem);
  }
}

OutputFile::~OutputFile() {
  if (!committed_) abandon();
}

namespace {

// Rounded up, in the larger unit that keeps a whole number readable.
std::string megabytes(std::uintmax_t bytes) {
  if (bytes < (1u << 20)) return std::to_string((bytes + 1023) >> 10) + " kB";
  if (bytes < (100u << 20)) {
    const auto tenths = (bytes * 10 + (1u << 20) - 1) >> 20;
    if (tenths % 10 == 0) return std::to_string(tenths / 10) + " MB";
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
  }
  return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

}  // namespace

void refuse_if_no_room(const fs::path& final_path, std::uintmax_t bytes) {
  const std::string name = final_path.string();
  if (const auto limit = file_size_limit(); limit && bytes > *limit)
    throw WriteError(name + ": the output would be about " + megabytes(bytes) +
                     ", more than the file size limit (ulimit -f) of " + megabytes(*limit) +
                     "; no output written");
  if (const auto free_bytes = free_bytes_beside(final_path); free_bytes && bytes > *free_bytes)
    throw WriteError(name + ": the output would be about " + megabytes(bytes) + ", but only " +
                     megabytes(*free_bytes) + " are free on its file system; no output written");
}

namespace {

// What the system would have said of a write to `file` that the library
// crashed on instead of reporting: its file system is full, or the file is
// at the file size limit (ulimit -f); empty if neither.
std::string storage_exhausted(const fs::path& file) {
  constexpr std::uintmax_t margin = 1u << 20;  // less than a chunk and its metadata
  std::error_code error;
  const std::uintmax_t size = fs::file_size(file, error);
  if (const auto limit = file_size_limit(); !error && limit && size + margin > *limit)
    return std::strerror(EFBIG);
  if (const auto free_bytes = free_bytes_beside(file); free_bytes && *free_bytes < margin)
    return std::strerror(ENOSPC);
  return {};
}

}  // namespace

void OutputFile::close_checked(const char* when) {
  // With the default close degree HDF5 would keep the file open while any
  // object in it is open, and go on writing it.
  const ssize_t open_objects = H5Fget_obj_count(
      file_, H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR | H5F_OBJ_LOCAL);
  if (open_objects != 0)
    throw std::logic_error(std::string("output file ") + when + " with " +
                           std::to_string(open_objects) + " HDF5 objects still open");
  hdf5::check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush the output file");
  // Closing writes the last metadata: its failure is a failed write too.
  file_.close("close the output file");
}

// The temporary file opened for writing, checked to be the one we created
// and lock (nobody put another file under its name meanwhile).
hdf5::Handle OutputFile::open_again() const {
  hdf5::Handle file = hdf5::file(
      H5Fopen(temporary_path_.c_str(), H5F_ACC_RDWR, access_properties()), "open the output file");
  if (!is_file_of(file, lock_fd_))
    throw hdf5::Error(temporary_path_.string() + ": is no longer the file this trustsim created");
  return file;
}

void OutputFile::write_in_child(const std::function<void(hid_t file)>& write,
                                const std::function<bool()>& stop) {
  close_checked("handed to a child process");
  constexpr int write_failed = 3;
  const auto in_child = [&](int pipe_fd) {
    // Ctrl-C reaches the child too: it is the parent's to act on (`stop`).
    for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) std::signal(signal, SIG_IGN);
    try {
      hdf5::silence_library_errors();
      hdf5::Handle file = open_again();
      write(file);
      file.close("close the output file");
    } catch (const std::exception& problem) {
      leave_child(pipe_fd, write_failed, problem.what());
    }
  };
  std::string said;
  int status = 0;
  try {
    status = finish_child_unless(start_child(in_child), said, stop);
  } catch (const ChildProcessFailure& problem) {
    throw hdf5::Error(std::string(problem.what()) + " (" + std::strerror(problem.error) + ")");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == write_failed) throw hdf5::Error(said);
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && stop())
    throw hdf5::Error("HDF5: writing the output was stopped");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    // A crash: a signal, or a sanitizer's exit status for the crash it caught.
    const std::string crash = WIFSIGNALED(status)
                                  ? std::string(strsignal(WTERMSIG(status)))
                                  : "exit status " + std::to_string(WEXITSTATUS(status));
    const std::string cause = storage_exhausted(temporary_path_);
    if (!cause.empty())
      throw hdf5::Error("HDF5: cannot write the output (" + cause +
                        "; the library crashed on it: " + crash + ")");
    throw hdf5::Error("HDF5: writing the output crashed the library (" + crash +
                      "): a full disk, a file size limit or no memory?");
  }
  file_ = open_again();
}

void OutputFile::commit(const std::function<void(const fs::path&)>& verify) {
  // Last, over everything written: the strings' checksum (string_checksum.hpp).
  hdf5::write_string_checksum(file_, &string_stretches_);
  close_checked("committed");
  // The data must be on disk before the name says the file is complete.
  if (::fsync(lock_fd_) != 0)
    throw hdf5::Error(std::string("cannot force the file to disk (") + std::strerror(errno) + ")");
  try {
    if (verify) verify(temporary_path_);
    publish();
  } catch (...) {
    abandon();  // a file that failed its check, or that may not take the name, goes now
    throw;
  }
  committed_ = true;
  ::close(lock_fd_);
  lock_fd_ = -1;
  sync_directory(final_path_);
}

void OutputFile::publish() {
  const char* from = temporary_path_.c_str();
  const char* to = final_path_.c_str();
  const std::string name = final_path_.string();
  if (overwrite_) {
    // Checked again at the last moment: what appeared meanwhile may be
    // replaced only if --force may replace it.
    refuse_existing_output(final_path_, true);
    if (::rename(from, to) != 0)
      throw_file_problem(
          name + ": cannot rename the finished file into place: " + std::strerror(errno), errno);
    return;
  }
  // Never replaces: another process may have written the same output while
  // this one ran, and its result is not ours to destroy.
  if (::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return;
  int problem = errno;
  if (problem == EINVAL || problem == ENOSYS || problem == ENOTSUP) {
    // A file system without RENAME_NOREPLACE: link() refuses an existing
    // name just the same.
    if (::link(from, to) == 0) {
      ::unlink(from);
      return;
    }
    problem = errno;
  }
  if (problem == EEXIST)
    throw WriteError(name +
                     ": was created by another process while this one was writing it; not "
                     "replaced (use --force to replace it); no output written");
  throw_file_problem(
      name + ": cannot rename the finished file into place: " + std::strerror(problem), problem);
}

void OutputFile::abandon() noexcept {
  file_.reset();
  if (lock_fd_ < 0) return;
  // Only the file we created is removed, whatever now has its name.
  struct stat opened {
  }, named{};
  if (::fstat(lock_fd_, &opened) == 0 && ::lstat(temporary_path_.c_str(), &named) == 0 &&
      same_file(opened, named))
    ::unlink(temporary_path_.c_str());
  ::close(lock_fd_);
  lock_fd_ = -1;
}

}  // namespace trustsim
