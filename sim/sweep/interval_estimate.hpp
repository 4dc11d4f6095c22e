// The uncertainty that the comparison table reports: a t confidence interval
// for a mean over replicates, and Welch's interval for the difference of two
// means (Welch 1947), which does not assume the variants have equal variance
// (interventions often change the spread as well as the mean), and the
// paired interval for runs that share their random numbers.
#pragma once

#include <cstddef>
#include <span>

namespace trustsim {

inline constexpr double confidence_level = 0.95;

struct MeanInterval {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;   // sample standard deviation (n - 1)
  double low = 0.0;  // NaN when n < 2: one replicate says nothing about spread
  double high = 0.0;
};

struct DifferenceInterval {
  double difference = 0.0;  // mean(treated) - mean(reference)
  double df = 0.0;          // Welch-Satterthwaite degrees of freedom
  double low = 0.0;         // NaN when either side has fewer than 2 values
  double high = 0.0;
};

// mean ± t(0.975, n-1) · sd / √n.
MeanInterval mean_interval(std::span<const double> values);

// (m1 - m0) ± t(0.975, ν) · √(s1²/n1 + s0²/n0), with ν from the
// Welch-Satterthwaite equation. Equal values on both sides (no spread at
// all) give the exact difference as a zero-width interval.
DifferenceInterval welch_difference(std::span<const double> treated,
                                    std::span<const double> reference);

// The paired interval: treated[i] and reference[i] are one pair (runs that
// share their random numbers), and the interval is the t interval of the
// mean of the n differences, df = n - 1. Narrower than Welch's exactly when
// the pairs are positively correlated. NaN ends for fewer than 2 pairs.
DifferenceInterval paired_difference(std::span<const double> treated,
                                     std::span<const double> reference);

}  // namespace trustsim
