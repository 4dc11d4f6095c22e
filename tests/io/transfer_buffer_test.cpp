// Reads and writes pass through a small type-conversion buffer
// (hdf5::transfer_properties): data larger than it are converted in turn
// and arrive whole.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "io/file_check.hpp"
#include "io/hdf5_handles.hpp"
#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

TEST_CASE("strings and numbers many times the conversion buffer are written and read whole") {
  const std::size_t buffer = H5Pget_buffer(hdf5::transfer_properties(), nullptr, nullptr);
  REQUIRE(buffer == 64u << 10);
  // 20,000 strings: 16 bytes each in memory before conversion, 5x the buffer.
  std::vector<std::string> names;
  for (int i = 0; i < 20000; ++i) names.push_back("team_" + std::to_string(i));
  // int32 stored, read as int64: 800 kB through the buffer, 12x its size.
  std::vector<std::int32_t> numbers;
  for (int i = 0; i < 100000; ++i) numbers.push_back(i * 7 - 350000);

  ScratchDirectory dir("transfer-buffer");
  const auto path = dir.path / "large.h5";
  {
    OutputFile file(path, false);
    hdf5::write_strings(file.id(), "names", names, {"1", "many strings"});
    hdf5::write_dataset(file.id(), "numbers", numbers, {"1", "many numbers"});
    file.commit();
  }
  hdf5::Handle file = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  CHECK(hdf5::read_strings(file, "names") == names);
  const std::vector<std::int64_t> read = hdf5::read_int64s(file, "numbers");
  CHECK(read == std::vector<std::int64_t>(numbers.begin(), numbers.end()));
  CHECK_NOTHROW(read_every_dataset(path));  // each chunk and the strings' checksum
}
