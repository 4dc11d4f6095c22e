#include "calibrate/perturbation_kernel.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/normal_distribution.hpp>

#include "calibrate/weighted_sample.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

std::vector<double> cholesky_factor(std::vector<double> m, std::size_t d) {
  double largest = 0.0;
  for (std::size_t k = 0; k < d; ++k) largest = std::max(largest, m[k * d + k]);
  const double floor = largest > 0.0 ? largest * 1e-12 : 1e-300;
  std::vector<double> l(d * d, 0.0);
  for (std::size_t j = 0; j < d; ++j) {
    double diagonal = m[j * d + j];
    for (std::size_t k = 0; k < j; ++k) diagonal -= l[j * d + k] * l[j * d + k];
    diagonal = std::sqrt(std::max(diagonal, floor));
    l[j * d + j] = diagonal;
    for (std::size_t i = j + 1; i < d; ++i) {
      double sum = m[i * d + j];
      for (std::size_t k = 0; k < j; ++k) sum -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = sum / diagonal;
    }
  }
  return l;
}

PerturbationKernel::PerturbationKernel(const std::vector<std::vector<double>>& points,
                                       const std::vector<double>& weights)
    : dimension_(points.empty() ? 0 : points.front().size()) {
  std::vector<double> covariance = weighted_covariance(points, weights);
  for (double& c : covariance) c *= 2.0;
  cholesky_ = cholesky_factor(std::move(covariance), dimension_);
}

std::vector<double> PerturbationKernel::perturb(const std::vector<double>& centre,
                                                RandomStream& stream) const {
  const std::size_t d = dimension_;
  std::vector<double> z(d);
  boost::random::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t k = 0; k < d; ++k) z[k] = normal(stream);
  std::vector<double> point(centre);
  for (std::size_t i = 0; i < d; ++i)
    for (std::size_t k = 0; k <= i; ++k) point[i] += cholesky_[i * d + k] * z[k];
  return point;
}

double PerturbationKernel::relative_density(const std::vector<double>& from,
                                            const std::vector<double>& to) const {
  // Solve L y = (to - from); the density is exp(-|y|^2 / 2) / (|L| (2 pi)^(d/2)).
  const std::size_t d = dimension_;
  std::vector<double> y(d);
  double squares = 0.0;
  for (std::size_t i = 0; i < d; ++i) {
    double sum = to[i] - from[i];
    for (std::size_t k = 0; k < i; ++k) sum -= cholesky_[i * d + k] * y[k];
    y[i] = sum / cholesky_[i * d + i];
    squares += y[i] * y[i];
  }
  return std::exp(-0.5 * squares);
}

}  // namespace trustsim
