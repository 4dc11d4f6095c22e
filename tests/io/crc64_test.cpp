// CRC-64/XZ and the joining of two CRCs without reading their bytes again.
#include <catch2/catch.hpp>
#include <string>

#include "io/crc64.hpp"

using namespace trustsim::hdf5;

namespace {

std::uint64_t crc_of(const std::string& bytes) {
  Crc64 crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

}  // namespace

TEST_CASE("CRC-64/XZ has its published check value") {
  CHECK(crc_of("123456789") == 0x995DC9BBDF1939FAULL);
}

TEST_CASE("two CRCs join into the CRC of the two streams in turn") {
  std::string bytes;
  for (int k = 0; k < 3000; ++k) bytes.push_back(static_cast<char>((k * 7919 + k / 13) % 251));
  // Splits at the ends, at odd and even lengths, and past powers of two.
  for (const std::size_t split : {0, 1, 2, 3, 7, 8, 255, 256, 257, 1024, 2999, 3000}) {
    INFO("split at " << split);
    const std::string a = bytes.substr(0, split), b = bytes.substr(split);
    CHECK(crc64_combine(crc_of(a), crc_of(b), b.size()) == crc_of(bytes));
  }
  CHECK(crc64_combine(crc_of("abc"), crc_of(""), 0) == crc_of("abc"));
}

TEST_CASE("a CRC goes on from a stream's checksum as if it had read the stream") {
  Crc64 crc = crc64_continuing(crc_of("names, units"));
  crc.process_bytes(" and descriptions", 17);
  CHECK(crc.checksum() == crc_of("names, units and descriptions"));
  CHECK(crc64_continuing(crc_of("")).checksum() == crc_of(""));
}
