#include "calibrate/population_size.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "calibrate/draw_address.hpp"
#include "calibrate/perturbation_kernel.hpp"

namespace trustsim {

namespace {

// Solves L y = v for y (L row-major lower triangular, d x d): the point in
// the coordinates where the kernel is a standard normal.
std::vector<double> whitened(const std::vector<double>& l, const std::vector<double>& v) {
  const std::size_t d = v.size();
  std::vector<double> y(d);
  for (std::size_t i = 0; i < d; ++i) {
    double sum = v[i];
    for (std::size_t k = 0; k < i; ++k) sum -= l[i * d + k] * y[k];
    y[i] = sum / l[i * d + i];
  }
  return y;
}

// The log density, up to a constant shared by every kernel of this
// dimension, of an equally weighted kernel density on `centres` at each
// test point: log( 1/(n |L|) sum_j exp(-|L^-1 (x - c_j)|^2 / 2) ). Summed
// in log space, so that a test point far from every centre does not
// underflow to a density of zero.
std::vector<double> log_kernel_density(const std::vector<std::vector<double>>& centres,
                                       const std::vector<std::vector<double>>& tests) {
  const std::vector<double> equal(centres.size(), 1.0 / static_cast<double>(centres.size()));
  const PerturbationKernel kernel(centres, equal);
  const std::vector<double>& l = kernel.cholesky();
  const std::size_t d = tests.empty() ? 0 : tests.front().size();
  double log_determinant = 0.0;
  for (std::size_t k = 0; k < d; ++k) log_determinant += std::log(l[k * d + k]);
  std::vector<std::vector<double>> white_centres;
  for (const auto& c : centres) white_centres.push_back(whitened(l, c));
  std::vector<double> out;
  for (const auto& x : tests) {
    const std::vector<double> y = whitened(l, x);
    double largest = -std::numeric_limits<double>::infinity(), sum = 0.0;
    for (const auto& c : white_centres) {
      double squares = 0.0;
      for (std::size_t k = 0; k < d; ++k) squares += (y[k] - c[k]) * (y[k] - c[k]);
      const double term = -0.5 * squares;
      if (term > largest) {
        sum = sum * std::exp(largest - term) + 1.0;
        largest = term;
      } else {
        sum += std::exp(term - largest);
      }
    }
    out.push_back(largest + std::log(sum) - log_determinant -
                  std::log(static_cast<double>(centres.size())));
  }
  return out;
}

}  // namespace

double mean_coefficient_of_variation(const std::vector<std::vector<double>>& log_density,
                                     const std::vector<double>& weights) {
  const std::size_t samples = log_density.size();
  double mean_cv = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    // The CV does not change when every density at a point is scaled, so
    // the point's largest density is taken as 1.
    double largest = -std::numeric_limits<double>::infinity();
    for (const auto& sample : log_density) largest = std::max(largest, sample[i]);
    double sum = 0.0, squares = 0.0;
    for (const auto& sample : log_density) {
      const double density = std::exp(sample[i] - largest);
      sum += density;
      squares += density * density;
    }
    const double mean = sum / static_cast<double>(samples);
    const double variance = std::max(0.0, squares / static_cast<double>(samples) - mean * mean);
    mean_cv += weights[i] * std::sqrt(variance) / mean;
  }
  return mean_cv;
}

double bootstrap_mean_cv(const Population& population, std::size_t sample_size, int bootstraps,
                         std::uint64_t seed, std::uint32_t first_sample) {
  const std::vector<std::vector<double>> points = population.points();
  const std::vector<double> weights = population.weights();
  const PerturbationKernel kernel(points, weights);
  std::vector<double> cumulative;
  double total = 0.0;
  for (double w : weights) cumulative.push_back(total += w);
  std::vector<std::vector<double>> log_density;
  for (int b = 0; b < bootstraps; ++b) {
    RandomStream stream = population_size_stream(seed, static_cast<std::uint32_t>(population.index),
                                                 first_sample + static_cast<std::uint32_t>(b));
    // Points drawn from the kernel density: an ancestor by weight, perturbed.
    std::vector<std::vector<double>> sample;
    for (std::size_t j = 0; j < sample_size; ++j) {
      const double u = stream.uniform() * cumulative.back();
      const std::size_t ancestor = std::min<std::size_t>(
          static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                   cumulative.begin()),
          cumulative.size() - 1);
      sample.push_back(kernel.perturb(points[ancestor], stream));
    }
    log_density.push_back(log_kernel_density(sample, points));
  }
  return mean_coefficient_of_variation(log_density, weights);
}

double PowerLaw::at(double n) const { return a * std::pow(n, -b); }

std::optional<PowerLaw> fit_power_law(const std::vector<double>& sizes,
                                      const std::vector<double>& cvs) {
  std::vector<double> x, y;
  for (std::size_t k = 0; k < sizes.size() && k < cvs.size(); ++k)
    if (sizes[k] > 0.0 && cvs[k] > 0.0 && std::isfinite(cvs[k])) {
      x.push_back(std::log(sizes[k]));
      y.push_back(std::log(cvs[k]));
    }
  if (x.size() < 2) return std::nullopt;
  const double count = static_cast<double>(x.size());
  double mean_x = 0.0, mean_y = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    mean_x += x[k] / count;
    mean_y += y[k] / count;
  }
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxx += (x[k] - mean_x) * (x[k] - mean_x);
    sxy += (x[k] - mean_x) * (y[k] - mean_y);
  }
  if (!(sxx > 0.0)) return std::nullopt;
  const double b = -sxy / sxx;
  if (!(b > 0.0) || !std::isfinite(b)) return std::nullopt;
  return PowerLaw{std::exp(mean_y + b * mean_x), b};
}

int size_for_target(const PowerLaw& law, double target_cv, int min, int max) {
  // log n = (log a - log target) / b, bounded before it is exponentiated.
  const double log_size = (std::log(law.a) - std::log(target_cv)) / law.b;
  if (!(log_size < std::log(static_cast<double>(max)))) return max;
  if (log_size < std::log(static_cast<double>(min))) return min;
  // Rounded down, but a size that rounding error puts a hair below a whole
  // number (399.99999999 for 400) is that number.
  return std::clamp(static_cast<int>(std::floor(std::exp(log_size) + 1e-6)), min, max);
}

PopulationSizeChoice choose_next_population_size(const CalibrationDefinition& calibration,
                                                 const Population& population) {
  const AdaptivePopulationSize& rule = *calibration.method.adaptive_size;
  const int size = static_cast<int>(population.particles.size());
  const int dimension = static_cast<int>(calibration.priors.size());
  // Trial sizes from a third of the population's to twice it, about 15 of
  // them (pyABC's grid); at least d + 2 points, so that a fitted kernel's
  // covariance has full rank.
  const int start = std::max(size / 3, dimension + 2);
  const int step = std::max(size / 10, 1);
  std::vector<double> sizes, cvs;
  std::uint32_t first_sample = 0;
  for (int n = start; n < 2 * size; n += step) {
    sizes.push_back(n);
    cvs.push_back(bootstrap_mean_cv(population, static_cast<std::size_t>(n), rule.bootstraps,
                                    calibration.seed, first_sample));
    first_sample += static_cast<std::uint32_t>(rule.bootstraps);
  }
  const std::optional<PowerLaw> law = fit_power_law(sizes, cvs);
  if (!law)
    return PopulationSizeChoice{std::clamp(size, rule.min, rule.max),
                                std::numeric_limits<double>::quiet_NaN()};
  return PopulationSizeChoice{size_for_target(*law, rule.mean_cv, rule.min, rule.max),
                              law->at(size)};
}

}  // namespace trustsim
