// A read that crashes or never ends is stopped in a child process and
// reported as a damaged file, in one line; any other read is left alone.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <stdexcept>

#include "io/contained_read.hpp"
#include "io/output_file.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

namespace {
const std::filesystem::path damaged_file = "results/damaged.h5";  // only named, never opened
}

TEST_CASE("a read that finishes, or throws, passes the check") {
  CHECK_NOTHROW(refuse_if_reading_crashes(
      damaged_file, [] {}, 5));
  // The real read will meet the same exception and report it itself.
  CHECK_NOTHROW(refuse_if_reading_crashes(
      damaged_file, [] { throw std::runtime_error("bad column"); }, 5));
}

TEST_CASE("a read that crashes is refused as a damaged file") {
  // Under AddressSanitizer the child reports the crash and exits with a
  // status of its own instead of dying by the signal: both are refusals.
  CHECK_THROWS_WITH(refuse_if_reading_crashes(
                        damaged_file, [] { std::raise(SIGSEGV); }, 5),
                    Catch::StartsWith("results/damaged.h5: damaged HDF5 file (reading it "));
  CHECK_THROWS_AS(refuse_if_reading_crashes(
                      damaged_file, [] { std::abort(); }, 5),
                  FileError);
}

TEST_CASE("a read that never ends is stopped by its CPU-time limit") {
  CHECK_THROWS_WITH(refuse_if_reading_crashes(
                        damaged_file,
                        [] {
                          volatile unsigned long spin = 0;
                          while (true) spin = spin + 1;
                        },
                        1),
                    "results/damaged.h5: damaged HDF5 file (reading it did not finish within 1 s "
                    "of CPU time: the HDF5 library loops on its data)");
}

TEST_CASE("the CPU-time limit grows with the file's size") {
  ScratchDirectory dir("contained-read-size");
  const auto big = dir.path / "big.h5";
  { std::ofstream create(big); }
  CHECK(reading_cpu_seconds(big) == 5);
  std::filesystem::resize_file(big, std::uintmax_t{200} << 20);  // sparse: no disk used
  CHECK(reading_cpu_seconds(big) == 15);
}

TEST_CASE("reads at once, each in a child, give back their texts in order") {
  // More than a pipe holds from each, so that children wait on the parent
  // while it reads another's.
  const std::string big_a(300000, 'a'), big_b(200000, 'b');
  const auto texts = read_in_children({{damaged_file, [&] { return big_a; }, 5},
                                       {damaged_file, [] { return std::string(); }, 5},
                                       {damaged_file, [&] { return big_b; }, 5}},
                                      ReadFailures::report);
  REQUIRE(texts.size() == 3);
  CHECK(texts[0] == big_a);
  CHECK(texts[1].empty());
  CHECK(texts[2] == big_b);
}

TEST_CASE("one read of several that fails or crashes refuses its file, once all have ended") {
  const auto sound = [] { return std::string("fine"); };
  const std::filesystem::path other = "results/other.h5";  // only named, never opened
  CHECK_THROWS_WITH(
      read_in_children(
          {{other, sound, 5},
           {damaged_file, []() -> std::string { throw std::runtime_error("HDF5: cannot read x"); },
            5},
           {other, sound, 5}},
          ReadFailures::report),
      "results/damaged.h5: damaged HDF5 file (HDF5: cannot read x)");
  CHECK_THROWS_WITH(read_in_children({{other, sound, 5},
                                      {other, sound, 5},
                                      {damaged_file,
                                       []() -> std::string {
                                         std::raise(SIGSEGV);
                                         return {};
                                       },
                                       5}},
                                     ReadFailures::report),
                    Catch::StartsWith("results/damaged.h5: damaged HDF5 file (reading it "));
  // Every child was waited for: none is left.
  errno = 0;
  CHECK(::waitpid(-1, nullptr, WNOHANG) == -1);
  CHECK(errno == ECHILD);
}
