// The Saltelli (2010) design for first-order and total Sobol' indices:
// N points of a 2k-dimensional Sobol' sequence (Boost.Random's, with the
// Joe & Kuo 2008 direction numbers; its zero point skipped) split into two
// matrices A (first k columns) and B (last k), and for each factor i the
// matrix AB_i, A with column i taken from B. Row j gives k + 2 points,
// stored together: A_j, AB_j^1 .. AB_j^k, B_j; the whole design N (k + 2).
#pragma once

#include <cstddef>
#include <vector>

namespace trustsim {

struct SobolDesign {
  std::size_t factors = 0;                  // k
  int base_count = 0;                       // N
  std::vector<std::vector<double>> points;  // N (k + 2) points in [0, 1)^k
};

// The first `count` points of the d-dimensional Sobol' sequence, in [0, 1).
std::vector<std::vector<double>> sobol_points(std::size_t dimension, int count);

SobolDesign saltelli_design(std::size_t factors, int base_count);

}  // namespace trustsim
