// Reading a file that may be damaged without letting the damage crash or
// hang trustsim. HDF5 1.10 trusts the sizes and addresses stored in a file:
// a few flipped bytes in a global heap (where variable-length strings live)
// make it read out of bounds (SIGSEGV) or loop for ever. That cannot be
// fixed from outside the library, so a read of a file given on the command
// line is first tried in a child process with a CPU-time limit; only if the
// child gets through does the real read happen, and the same bytes read the
// same way then cannot crash either.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace trustsim {

// What the child does with an exception `read` throws: ignore it (the
// real read meets it again and reports it itself), or report it as damage.
enum class ReadFailures { ignore, report };

// Runs `read` in a forked child and throws FileError ("PATH: damaged HDF5
// file (...)") if the child was killed (a crash, an abort, a sanitizer
// report) or ran out of CPU time, or, with ReadFailures::report, if `read`
// threw. A read that failed for want of memory or file handles (not the
// file's fault: the user might otherwise delete a good file) is reported
// as WriteError (exit 1): "PATH: could not read the file (...)". Call it
// before starting threads (fork copies only the calling thread).
void refuse_if_reading_crashes(const std::filesystem::path& path, const std::function<void()>& read,
                               int cpu_seconds, ReadFailures failures = ReadFailures::ignore);

// The same for several reads at once, each in a child of its own (to use
// more than one core: HDF5, a serial build, reads in one thread a
// process). Returns the text each read returned, in order, once every
// child has ended; throws, naming its path, for the first read in order
// that did not get through.
struct ContainedRead {
  std::filesystem::path path;
  std::function<std::string()> read;
  int cpu_seconds;
};
std::vector<std::string> read_in_children(const std::vector<ContainedRead>& reads,
                                          ReadFailures failures);

// Whether a failure's text says the process ran out of memory or file
// handles ("Too many open files", HDF5's "memory allocation failed").
bool is_resource_exhaustion(const std::string& text);
// The same with the limit for the file's size (reading_cpu_seconds).
void refuse_if_reading_crashes(const std::filesystem::path& path,
                               const std::function<void()>& read);

// The child's CPU-time limit: generous for reading at tens of MB/s, short
// enough that a library caught in a loop is stopped within seconds.
int reading_cpu_seconds(const std::filesystem::path& path);

}  // namespace trustsim
