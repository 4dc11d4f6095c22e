#include "sweep/sobol_design.hpp"

#include <boost/random/sobol.hpp>
#include <cmath>

namespace trustsim {

std::vector<std::vector<double>> sobol_points(std::size_t dimension, int count) {
  // Boost's engine starts after the all-zero point, as Saltelli (2010)
  // advises, and yields 64-bit coordinates one dimension at a time.
  boost::random::sobol engine(dimension);
  std::vector<std::vector<double>> points(static_cast<std::size_t>(count),
                                          std::vector<double>(dimension));
  for (auto& point : points)
    for (double& x : point) x = std::ldexp(static_cast<double>(engine()), -64);
  return points;
}

SobolDesign saltelli_design(std::size_t factors, int base_count) {
  SobolDesign design{factors, base_count, {}};
  const std::size_t k = factors;
  design.points.reserve(static_cast<std::size_t>(base_count) * (k + 2));
  for (const auto& row : sobol_points(2 * k, base_count)) {
    const std::vector<double> a(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<double> b(row.begin() + static_cast<std::ptrdiff_t>(k), row.end());
    design.points.push_back(a);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      design.points.push_back(std::move(ab));
    }
    design.points.push_back(b);
  }
  return design;
}

}  // namespace trustsim
