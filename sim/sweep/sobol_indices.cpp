#include "sweep/sobol_indices.hpp"

namespace trustsim {

SobolIndices sobol_indices(const SobolDesign& design, std::span<const double> outcome,
                           std::span<const std::size_t> rows) {
  const std::size_t k = design.factors;
  const std::size_t width = k + 2;
  auto f_a = [&](std::size_t j) { return outcome[j * width]; };
  auto f_ab = [&](std::size_t j, std::size_t i) { return outcome[j * width + 1 + i]; };
  auto f_b = [&](std::size_t j) { return outcome[j * width + k + 1]; };
  const auto n = static_cast<double>(rows.size());

  double sum = 0.0;
  for (std::size_t j : rows) sum += f_a(j) + f_b(j);
  const double mean = sum / (2.0 * n);
  double squares = 0.0;
  for (std::size_t j : rows)
    squares += (f_a(j) - mean) * (f_a(j) - mean) + (f_b(j) - mean) * (f_b(j) - mean);
  SobolIndices indices{std::vector<double>(k), std::vector<double>(k), squares / (2.0 * n - 1.0)};
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0.0, total = 0.0;
    for (std::size_t j : rows) {
      const double change = f_ab(j, i) - f_a(j);
      first += (f_b(j) - mean) * change;
      total += change * change;
    }
    indices.first[i] = first / n / indices.variance;
    indices.total[i] = total / (2.0 * n) / indices.variance;
  }
  return indices;
}

}  // namespace trustsim
