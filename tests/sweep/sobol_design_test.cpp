// The Saltelli design: Boost.Random's Sobol' points against Joe & Kuo's,
// the N (k + 2) layout, and each AB_i taking exactly column i from B.
#include <catch2/catch.hpp>

#include "sweep/sobol_design.hpp"

using namespace trustsim;

TEST_CASE("Sobol' points are Joe and Kuo's, the zero point skipped", "[sobol]") {
  // Points 1..6 in dimensions 1..4 of the sequence with the direction
  // numbers of Joe & Kuo (2008), file new-joe-kuo-6.21201 (the same as
  // scipy.stats.qmc.Sobol(4, scramble=False) lists after its zero point).
  const std::vector<std::vector<double>> expected{
      {0.5, 0.5, 0.5, 0.5},         {0.75, 0.25, 0.25, 0.25},     {0.25, 0.75, 0.75, 0.75},
      {0.375, 0.375, 0.625, 0.875}, {0.875, 0.875, 0.125, 0.375}, {0.625, 0.125, 0.875, 0.625}};
  CHECK(sobol_points(4, 6) == expected);
}

TEST_CASE("a Saltelli design has N (k + 2) points: A, AB_1..AB_k, B per row", "[sobol]") {
  const std::size_t k = 5;
  const int n = 16;
  const SobolDesign design = saltelli_design(k, n);
  REQUIRE(design.points.size() == n * (k + 2));
  const auto rows = sobol_points(2 * k, n);
  for (std::size_t j = 0; j < static_cast<std::size_t>(n); ++j) {
    const auto& a = design.points[j * (k + 2)];
    const auto& b = design.points[j * (k + 2) + k + 1];
    CHECK(a == std::vector<double>(rows[j].begin(), rows[j].begin() + k));
    CHECK(b == std::vector<double>(rows[j].begin() + k, rows[j].end()));
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      CHECK(design.points[j * (k + 2) + 1 + i] == ab);
    }
  }
}
