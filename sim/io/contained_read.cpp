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

int reading_cpu_seconds(const std::filesystem::path& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  constexpr std::uintmax_t bytes_per_second = 20u << 20;
  return 5 + (error ? 0 : static_cast<int>(bytes / bytes_per_second));
}

void refuse_if_reading_crashes(const std::filesystem::path& path,
                               const std::function<void()>& read) {
  refuse_if_reading_crashes(path, read, reading_cpu_seconds(path));
}

void refuse_if_reading_crashes(const std::filesystem::path& path, const std::function<void()>& read,
                               int cpu_seconds) {
  // Nothing the parent has buffered may be written twice.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0)
    throw FileError(path.string() +
                    ": cannot check the file in a separate process: " + std::strerror(errno));
  if (child == 0) {
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
    } catch (...) {
    }
    ::_exit(0);
  }

  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR)
      throw FileError(path.string() + ": cannot check the file: " + std::strerror(errno));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;

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
    throw FileError(damaged + "reading it crashed the HDF5 library: " + strsignal(signal) + ")");
  }
  // A sanitizer that caught the crash exits with a status of its own.
  throw FileError(damaged + "reading it failed with exit status " +
                  std::to_string(WEXITSTATUS(status)) + ")");
}

}  // namespace trustsim
