#include "io/child_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace trustsim {

Child start_child(const std::function<void(int pipe_fd)>& body) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  int message_pipe[2] = {-1, -1};
  if (::pipe2(message_pipe, O_CLOEXEC) != 0) throw ChildProcessFailure("cannot make a pipe", errno);
  const pid_t child = ::fork();
  if (child < 0) {
    const int problem = errno;
    ::close(message_pipe[0]);
    ::close(message_pipe[1]);
    throw ChildProcessFailure("cannot start a process", problem);
  }
  if (child == 0) {
    ::close(message_pipe[0]);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    body(message_pipe[1]);
    ::_exit(0);
  }
  ::close(message_pipe[1]);
  return {child, message_pipe[0]};
}

void leave_child(int pipe_fd, int status, const std::string& text) {
  if (pipe_fd >= 0) write_all(pipe_fd, text.substr(0, 400));
  ::_exit(status);
}

void write_all(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone: nothing to tell
    done += static_cast<std::size_t>(n);
  }
}

namespace {

void read_to_end(int fd, std::string& said) {
  char buffer[512];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) said.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
}

}  // namespace

int finish_child(const Child& child, std::string& said) {
  read_to_end(child.pipe_fd, said);
  int status = 0;
  while (::waitpid(child.pid, &status, 0) < 0)
    if (errno != EINTR) throw ChildProcessFailure("cannot wait for a process", errno);
  return status;
}

int finish_child_unless(const Child& child, std::string& said, const std::function<bool()>& stop) {
  int status = 0;
  for (bool killed = false;;) {
    const pid_t ended = ::waitpid(child.pid, &status, killed ? 0 : WNOHANG);
    if (ended == child.pid) break;
    if (ended < 0 && errno != EINTR) {
      ::close(child.pipe_fd);
      throw ChildProcessFailure("cannot wait for a process", errno);
    }
    if (!killed && stop()) {
      ::kill(child.pid, SIGKILL);
      killed = true;
    } else if (!killed) {
      ::usleep(5000);
    }
  }
  read_to_end(child.pipe_fd, said);
  return status;
}

}  // namespace trustsim
