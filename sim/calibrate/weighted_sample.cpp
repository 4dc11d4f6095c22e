#include "calibrate/weighted_sample.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace trustsim {

double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                         double q) {
  if (values.empty() || values.size() != weights.size())
    throw std::invalid_argument("weighted_quantile: needs as many weights as values, and some");
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: ties keep their particle order, so the result never depends on
  // how a sort implementation breaks them.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double total = 0.0;
  for (double w : weights) total += w;
  double cumulative = 0.0;
  // A tolerance of rounding in the sum of weights, so q = 1 reaches the last.
  const double reach = q * total * (1.0 - 1e-12);
  for (std::size_t i : order) {
    cumulative += weights[i];
    if (cumulative >= reach && weights[i] > 0.0) return values[i];
  }
  return values[order.back()];
}

double effective_sample_size(const std::vector<double>& weights) {
  double squares = 0.0;
  for (double w : weights) squares += w * w;
  return squares > 0.0 ? 1.0 / squares : 0.0;
}

std::vector<double> weighted_mean(const std::vector<std::vector<double>>& points,
                                  const std::vector<double>& weights) {
  const std::size_t d = points.empty() ? 0 : points.front().size();
  std::vector<double> mean(d, 0.0);
  for (std::size_t i = 0; i < points.size(); ++i)
    for (std::size_t k = 0; k < d; ++k) mean[k] += weights[i] * points[i][k];
  return mean;
}

std::vector<double> weighted_covariance(const std::vector<std::vector<double>>& points,
                                        const std::vector<double>& weights) {
  const std::size_t d = points.empty() ? 0 : points.front().size();
  const std::vector<double> mean = weighted_mean(points, weights);
  std::vector<double> covariance(d * d, 0.0);
  for (std::size_t i = 0; i < points.size(); ++i)
    for (std::size_t a = 0; a < d; ++a)
      for (std::size_t b = 0; b < d; ++b)
        covariance[a * d + b] += weights[i] * (points[i][a] - mean[a]) * (points[i][b] - mean[b]);
  return covariance;
}

}  // namespace trustsim
