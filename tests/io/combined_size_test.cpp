// The size estimate of a combined file, against files actually written.
#include <catch2/catch.hpp>
#include <fstream>

#include "io/combined_size.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;
using trustsim::testing::write_tiny_file;

TEST_CASE("the estimate of a combined file is within 10% of the file written") {
  // Runs of three days: what each input repeats is most of it, so summing
  // the inputs' sizes was far too high.
  ScratchDirectory dir("combined-size");
  std::vector<std::filesystem::path> parts;
  for (int i = 0; i < 40; ++i) {
    parts.push_back(dir.path / ("part-" + std::to_string(i)));
    write_tiny_file(parts.back(), 1);
  }
  write_tiny_file(dir.path / "combined", 40);
  const double actual = static_cast<double>(std::filesystem::file_size(dir.path / "combined"));
  const double estimate = static_cast<double>(estimated_combined_size(parts));
  const double summed = 40.0 * static_cast<double>(std::filesystem::file_size(parts[0]));
  CHECK(summed / actual > 1.5);  // what the estimate was
  CHECK(estimate / actual == Approx(1.0).margin(0.1));
}

TEST_CASE("the estimate for up to two inputs is their size, for none zero") {
  ScratchDirectory dir("combined-size-two");
  write_tiny_file(dir.path / "a.h5", 3);
  write_tiny_file(dir.path / "b.h5", 2);
  const auto a = std::filesystem::file_size(dir.path / "a.h5");
  const auto b = std::filesystem::file_size(dir.path / "b.h5");
  CHECK(estimated_combined_size({dir.path / "a.h5"}) == a);
  CHECK(estimated_combined_size({dir.path / "a.h5", dir.path / "b.h5"}) == a + b);
  CHECK(estimated_combined_size({}) == 0);
}

TEST_CASE("a first input that is not HDF5 gives the plain sum") {
  ScratchDirectory dir("combined-size-foreign");
  { std::ofstream(dir.path / "a.h5") << std::string(5000, 'x'); }
  write_tiny_file(dir.path / "b.h5", 1);
  write_tiny_file(dir.path / "c.h5", 1);
  CHECK(estimated_combined_size({dir.path / "a.h5", dir.path / "b.h5", dir.path / "c.h5"}) ==
        5000 + 2 * std::filesystem::file_size(dir.path / "b.h5"));
}
