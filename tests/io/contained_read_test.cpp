// A read that crashes or never ends is stopped in a child process and
// reported as a damaged file, in one line; any other read is left alone.
#include <catch2/catch.hpp>
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
