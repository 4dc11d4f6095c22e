// CRC-64/XZ (ECMA-182 polynomial, reflected, all ones in and out), as xz
// and many others use: a well-known sum of 64 bits, so a random change
// passes with a chance of 2^-64. And how to join two CRCs: the CRC of a
// stream A then B from the CRCs of A and of B and B's length, without
// reading either again (the string checksum of a combined file takes each
// run's stretch from the part it was copied from, string_checksum.hpp).
#pragma once

#include <boost/crc.hpp>
#include <cstdint>

namespace trustsim::hdf5 {

using Crc64 = boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, ~0ULL, ~0ULL, true, true>;

// The CRC of A then B, given crc_a = CRC(A), crc_b = CRC(B) and B's length
// in bytes (zlib's crc32_combine, for 64 bits: appending n zero bits to A
// is a linear map over GF(2), raised to the n-th power by squaring).
std::uint64_t crc64_combine(std::uint64_t crc_a, std::uint64_t crc_b, std::uint64_t length_b);

// A Crc64 that goes on from a stream whose CRC is `checksum`.
Crc64 crc64_continuing(std::uint64_t checksum);

}  // namespace trustsim::hdf5
