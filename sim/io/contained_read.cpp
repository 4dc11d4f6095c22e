#include "io/contained_read.hpp"

#include <sys/resource.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include "io/child_process.hpp"
#include "io/output_file.hpp"

namespace trustsim {

// How many times slower than natively this build reads: scripts/callgrind
// builds one that runs under valgrind, tens of times slower, where a sound
// file of a few MiB would otherwise run out of its reading time.
#ifndef TRUSTSIM_READING_SLOWDOWN
#define TRUSTSIM_READING_SLOWDOWN 1
#endif

int reading_cpu_seconds(const std::filesystem::path& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  constexpr std::uintmax_t bytes_per_second = 20u << 20;
  return (5 + (error ? 0 : static_cast<int>(bytes / bytes_per_second))) * TRUSTSIM_READING_SLOWDOWN;
}

void refuse_if_reading_crashes(const std::filesystem::path& path,
                               const std::function<void()>& read) {
  refuse_if_reading_crashes(path, read, reading_cpu_seconds(path));
}

bool is_resource_exhaustion(const std::string& text) {
  for (const char* sign : {"memory allocation failed", "Cannot allocate memory",
                           "Too many open files", "std::bad_alloc", "out of memory"})
    if (text.find(sign) != std::string::npos) return true;
  return false;
}

namespace {

// Exit statuses of the child, besides 0 (read through) and a signal.
constexpr int read_failed = 3;
constexpr int out_of_resources = 4;

// Limits so tight that they can make a valid file unreadable (trustsim and
// its libraries take a few hundred MB of address space before reading a
// byte): worth naming in a message. A crash under looser limits is the
// file's fault.
std::string tight_limits() {
  std::string limits;
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < (rlim_t{1} << 30))
    limits += "ulimit -v " + std::to_string(limit.rlim_cur >> 10);
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 64)
    limits +=
        (limits.empty() ? "" : ", ") + std::string("ulimit -n ") + std::to_string(limit.rlim_cur);
  return limits;
}

// Forks a child that runs `read` under the CPU-time limit and says through
// its pipe what `read` returned (exit 0) or why it failed.
Child start_reading_child(const std::filesystem::path& path,
                          const std::function<std::string()>& read, int cpu_seconds,
                          ReadFailures failures) {
  try {
    return start_child([&](int pipe_fd) {
      const rlimit cpu{static_cast<rlim_t>(cpu_seconds), static_cast<rlim_t>(cpu_seconds + 1)};
      ::setrlimit(RLIMIT_CPU, &cpu);
      try {
        write_all(pipe_fd, read());
      } catch (const std::bad_alloc&) {
        leave_child(pipe_fd, out_of_resources, "out of memory");
      } catch (const std::exception& problem) {
        if (is_resource_exhaustion(problem.what()))
          leave_child(pipe_fd, out_of_resources, problem.what());
        if (failures == ReadFailures::report) leave_child(pipe_fd, read_failed, problem.what());
      } catch (...) {
      }
    });
  } catch (const ChildProcessFailure& problem) {
    // Out of processes or file handles: not the file's fault.
    throw WriteError(path.string() + ": could not read the file (" + problem.what() + ": " +
                     std::strerror(problem.error) + ")");
  }
}

// Throws what a child that ended with `status`, having said `said`, means.
void judge(const std::filesystem::path& path, int status, const std::string& said,
           int cpu_seconds) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  if (WIFEXITED(status) && WEXITSTATUS(status) == out_of_resources)
    throw WriteError(path.string() + ": could not read the file (out of memory or file handles: " +
                     said + "); the file itself may be intact");
  if (WIFEXITED(status) && WEXITSTATUS(status) == read_failed)
    throw FileError(path.string() + ": damaged HDF5 file (" + said + ")");

  const std::string damaged = path.string() + ": damaged HDF5 file (";
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    // Ctrl-C reaches the whole process group: it stops us, not the file.
    if (signal == SIGINT || signal == SIGTERM || signal == SIGHUP) {
      std::signal(signal, SIG_DFL);
      std::raise(signal);
    }
    if (signal == SIGXCPU || signal == SIGKILL)
      throw FileError(damaged + "reading it did not finish within " + std::to_string(cpu_seconds) +
                      " s of CPU time: the HDF5 library loops on its data)");
    // Under a memory or file-handle limit the library may crash on a
    // failed allocation of a perfectly good file: say so, and let the user
    // retry without the limit before deleting anything.
    if (const std::string limits = tight_limits(); !limits.empty())
      throw WriteError(path.string() + ": could not read the file (reading it crashed the HDF5 " +
                       "library: " + strsignal(signal) + ", under " + limits +
                       "; out of memory or file handles?); retry without the limit: the file "
                       "may be intact");
    throw FileError(damaged + "reading it crashed the HDF5 library: " + strsignal(signal) + ")");
  }
  // A sanitizer that caught the crash exits with a status of its own.
  throw FileError(damaged + "reading it failed with exit status " +
                  std::to_string(WEXITSTATUS(status)) + ")");
}

}  // namespace

std::vector<std::string> read_in_children(const std::vector<ContainedRead>& reads,
                                          ReadFailures failures) {
  std::vector<Child> children;
  std::vector<std::string> said(reads.size());
  std::vector<int> status(reads.size(), 0);
  int wait_error = 0;  // and whose wait failed
  std::size_t wait_failed = 0;
  // Every child started is waited for, whatever happens, and judged after.
  // Children later in order write meanwhile.
  const auto wait_for_started = [&] {
    for (std::size_t k = 0; k < children.size(); ++k) {
      try {
        status[k] = finish_child(children[k], said[k]);
      } catch (const ChildProcessFailure& problem) {
        if (wait_error == 0) {
          wait_error = problem.error;
          wait_failed = k;
        }
      }
    }
  };
  try {
    for (const auto& read : reads)
      children.push_back(start_reading_child(read.path, read.read, read.cpu_seconds, failures));
  } catch (...) {
    wait_for_started();
    throw;
  }
  wait_for_started();
  if (wait_error != 0)
    throw FileError(reads[wait_failed].path.string() +
                    ": cannot check the file: " + std::strerror(wait_error));
  for (std::size_t k = 0; k < reads.size(); ++k)
    judge(reads[k].path, status[k], said[k], reads[k].cpu_seconds);
  return said;
}

void refuse_if_reading_crashes(const std::filesystem::path& path, const std::function<void()>& read,
                               int cpu_seconds, ReadFailures failures) {
  read_in_children({{path,
                     [&read] {
                       read();
                       return std::string();
                     },
                     cpu_seconds}},
                   failures);
}

}  // namespace trustsim
