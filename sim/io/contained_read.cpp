#include "io/contained_read.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

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

[[noreturn]] void leave_child(int pipe_fd, int status, const std::string& text) {
  if (pipe_fd >= 0) {
    const std::string line = text.substr(0, 400);
    [[maybe_unused]] const ssize_t written = ::write(pipe_fd, line.data(), line.size());
  }
  ::_exit(status);
}

std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

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

}  // namespace

void refuse_if_reading_crashes(const std::filesystem::path& path, const std::function<void()>& read,
                               int cpu_seconds, ReadFailures failures) {
  // Nothing the parent has buffered may be written twice.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  int message_pipe[2] = {-1, -1};
  if (::pipe2(message_pipe, O_CLOEXEC) != 0) {
    const int problem = errno;
    throw_file_problem(path.string() + ": could not read the file (cannot make a pipe: " +
                           std::strerror(problem) + ")",
                       problem);
  }
  const pid_t child = ::fork();
  if (child < 0) {
    const int problem = errno;
    ::close(message_pipe[0]);
    ::close(message_pipe[1]);
    throw WriteError(path.string() + ": could not read the file (cannot start a process: " +
                     std::strerror(problem) + ")");
  }
  if (child == 0) {
    ::close(message_pipe[0]);
    // The child says nothing (a crash report is the parent's to give, in
    // one line) and leaves by _exit: no exit handlers, no flushing of the
    // parent's open files, no leak check.
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    const rlimit cpu{static_cast<rlim_t>(cpu_seconds), static_cast<rlim_t>(cpu_seconds + 1)};
    ::setrlimit(RLIMIT_CPU, &cpu);
    try {
      read();
    } catch (const std::bad_alloc&) {
      leave_child(message_pipe[1], out_of_resources, "out of memory");
    } catch (const std::exception& problem) {
      if (is_resource_exhaustion(problem.what()))
        leave_child(message_pipe[1], out_of_resources, problem.what());
      if (failures == ReadFailures::report)
        leave_child(message_pipe[1], read_failed, problem.what());
    } catch (...) {
    }
    ::_exit(0);
  }
  ::close(message_pipe[1]);
  const std::string said = read_all(message_pipe[0]);
  ::close(message_pipe[0]);

  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR)
      throw FileError(path.string() + ": cannot check the file: " + std::strerror(errno));
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

}  // namespace trustsim
