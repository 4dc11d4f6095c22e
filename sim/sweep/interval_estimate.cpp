#include "sweep/interval_estimate.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <vector>

namespace trustsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double upper_p = 0.5 + confidence_level / 2.0;  // two-sided

// NaN rather than an exception for degrees of freedom out of range (a NaN
// outcome makes a NaN df): the interval then reads as unknown.
using QuietPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>>;

double t_quantile(double p, double df) {
  return boost::math::quantile(boost::math::students_t_distribution<double, QuietPolicy>(df), p);
}

struct Moments {
  std::size_t n = 0;
  double mean = nan;
  double variance = nan;  // of the values, n - 1 in the denominator
};

// Two passes: the sums are small and exactness matters more than speed
// (trust outcomes differ in the third decimal).
Moments moments(std::span<const double> values) {
  Moments m;
  m.n = values.size();
  if (m.n == 0) return m;
  double sum = 0.0;
  for (double v : values) sum += v;
  m.mean = sum / static_cast<double>(m.n);
  if (m.n < 2) return m;
  double squares = 0.0;
  for (double v : values) squares += (v - m.mean) * (v - m.mean);
  m.variance = squares / static_cast<double>(m.n - 1);
  return m;
}

}  // namespace

MeanInterval mean_interval(std::span<const double> values) {
  const Moments m = moments(values);
  MeanInterval interval{m.n, m.mean, std::sqrt(m.variance), nan, nan};
  if (m.n < 2) return interval;
  const double half_width = t_quantile(upper_p, static_cast<double>(m.n - 1)) * interval.sd /
                            std::sqrt(static_cast<double>(m.n));
  interval.low = m.mean - half_width;
  interval.high = m.mean + half_width;
  return interval;
}

DifferenceInterval welch_difference(std::span<const double> treated,
                                    std::span<const double> reference) {
  const Moments a = moments(treated), b = moments(reference);
  DifferenceInterval interval{a.mean - b.mean, nan, nan, nan};
  if (a.n < 2 || b.n < 2) return interval;
  const double va = a.variance / static_cast<double>(a.n);  // squared standard errors
  const double vb = b.variance / static_cast<double>(b.n);
  const double se2 = va + vb;
  if (se2 == 0.0) {
    interval.df = std::numeric_limits<double>::infinity();
    interval.low = interval.high = interval.difference;
    return interval;
  }
  interval.df =
      se2 * se2 / (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  const double half_width = t_quantile(upper_p, interval.df) * std::sqrt(se2);
  interval.low = interval.difference - half_width;
  interval.high = interval.difference + half_width;
  return interval;
}

DifferenceInterval paired_difference(std::span<const double> treated,
                                     std::span<const double> reference) {
  std::vector<double> differences(std::min(treated.size(), reference.size()));
  for (std::size_t i = 0; i < differences.size(); ++i) differences[i] = treated[i] - reference[i];
  const MeanInterval mean = mean_interval(differences);
  return DifferenceInterval{mean.mean, static_cast<double>(mean.n) - 1.0, mean.low, mean.high};
}

}  // namespace trustsim
