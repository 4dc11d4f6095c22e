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

void write_all(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone: nothing to tell
    done += static_cast<std::size_t>(n);
  }
}

struct Child {
  pid_t pid = -1;
  int pipe_fd = -1;  // the parent's end: what the child says
};

// Forks a child that runs `read` under the CPU-time limit and says through
// its pipe what `read` returned (exit 0) or why it failed.
Child start_child(const std::filesystem::path& path, const std::function<std::string()>& read,
                  int cpu_seconds, ReadFailures failures) {
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
      write_all(message_pipe[1], read());
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
  return {child, message_pipe[0]};
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
  // Nothing the parent has buffered may be written twice.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::vector<Child> children;
  std::vector<std::string> said(reads.size());
  std::vector<int> status(reads.size(), 0);
  int wait_error = 0;  // and whose wait failed
  std::size_t wait_failed = 0;
  // Every child started is waited for, whatever happens, and judged after.
  const auto wait_for_started = [&] {
    for (std::size_t k = 0; k < children.size(); ++k) {
      // Read to the end before waiting: a child whose pipe is full waits
      // for the parent to read it. Children later in order write meanwhile.
      said[k] = read_all(children[k].pipe_fd);
      ::close(children[k].pipe_fd);
      while (::waitpid(children[k].pid, &status[k], 0) < 0)
        if (errno != EINTR) {
          wait_error = errno;
          wait_failed = k;
          break;
        }
    }
  };
  try {
    for (const auto& read : reads)
      children.push_back(start_child(read.path, read.read, read.cpu_seconds, failures));
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
