#include "io/crc64.hpp"

#include <array>

namespace trustsim::hdf5 {

namespace {

using Matrix = std::array<std::uint64_t, 64>;  // column k: the image of bit k

std::uint64_t times(const Matrix& matrix, std::uint64_t vector) {
  std::uint64_t sum = 0;
  for (std::size_t k = 0; vector != 0; ++k, vector >>= 1)
    if ((vector & 1) != 0) sum ^= matrix[k];
  return sum;
}

Matrix squared(const Matrix& matrix) {
  Matrix square{};
  for (std::size_t k = 0; k < 64; ++k) square[k] = times(matrix, matrix[k]);
  return square;
}

std::uint64_t reflected(std::uint64_t value) {
  std::uint64_t out = 0;
  for (int k = 0; k < 64; ++k, value >>= 1) out = (out << 1) | (value & 1);
  return out;
}

}  // namespace

std::uint64_t crc64_combine(std::uint64_t crc_a, std::uint64_t crc_b, std::uint64_t length_b) {
  if (length_b == 0) return crc_a;
  // One zero bit through the reflected register: shift right, and add the
  // reflected polynomial when a one falls out.
  Matrix zero_bits{};
  zero_bits[0] = reflected(Crc64::truncated_polynominal);
  for (std::size_t k = 1; k < 64; ++k) zero_bits[k] = std::uint64_t{1} << (k - 1);
  zero_bits = squared(squared(squared(zero_bits)));  // one zero byte
  for (std::uint64_t bytes = length_b; bytes != 0; bytes >>= 1) {
    if ((bytes & 1) != 0) crc_a = times(zero_bits, crc_a);
    if (bytes > 1) zero_bits = squared(zero_bits);
  }
  return crc_a ^ crc_b;
}

Crc64 crc64_continuing(std::uint64_t checksum) {
  // Boost keeps the register unreflected; checksum() reflects it and adds the final xor.
  Crc64 crc;
  crc.reset(reflected(checksum ^ Crc64::final_xor_value));
  return crc;
}

}  // namespace trustsim::hdf5
