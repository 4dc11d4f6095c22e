// Work done in a forked child process, so that a crash inside a library
// (HDF5 1.10 reading a damaged file, or a write failing inside H5Ocopy)
// ends the child and is reported by trustsim, which goes on. The child
// speaks to its parent through a pipe and leaves by _exit.
#pragma once

#include <sys/types.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace trustsim {

struct Child {
  pid_t pid = -1;
  int pipe_fd = -1;  // the parent's end: what the child says
};

// No pipe or process could be made, or a child not waited for (errno's
// value in `error`).
struct ChildProcessFailure : std::runtime_error {
  ChildProcessFailure(const std::string& what, int error)
      : std::runtime_error(what), error(error) {}
  int error;
};

// Forks a child that runs `body` with its end of the pipe and then leaves
// with status 0; its standard output and error go to /dev/null (a crash is
// the parent's to report, in one line). Whatever the parent had buffered
// is flushed first, so that nothing is written twice. Throws
// ChildProcessFailure. Only the calling thread is copied into the child.
Child start_child(const std::function<void(int pipe_fd)>& body);

// Says `text` (its first 400 bytes) through the pipe and leaves the child
// with `status`: no exit handlers, no flushing of the parent's files.
[[noreturn]] void leave_child(int pipe_fd, int status, const std::string& text);

// Writes all of `text` to `fd` (nothing if the reader is gone).
void write_all(int fd, const std::string& text);

// Reads what the child said to the end (a child whose pipe is full waits
// for its parent to read it), closes the pipe and waits for the child.
// Returns the wait status, or throws ChildProcessFailure if waiting failed.
int finish_child(const Child& child, std::string& said);

// The same for a child that says little (less than a pipe holds: it is read
// once the child has ended), checking `stop` every few milliseconds
// meanwhile: once it returns true the child is killed (SIGKILL).
int finish_child_unless(const Child& child, std::string& said, const std::function<bool()>& stop);

}  // namespace trustsim
