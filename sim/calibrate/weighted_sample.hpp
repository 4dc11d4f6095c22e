// Statistics of a weighted sample (an ABC-SMC population): quantiles,
// effective sample size, mean and covariance. Weights are non-negative and
// sum to one.
#pragma once

#include <vector>

namespace trustsim {

// The smallest value whose cumulative weight (values in increasing order)
// reaches q, for q in [0, 1]: the weighted quantile as pyABC takes it, and
// with equal weights the order statistic ceil(q n).
double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                         double q);

// 1 / sum of squared weights (Kish): how many equally weighted particles
// the population is worth.
double effective_sample_size(const std::vector<double>& weights);

// points[i] is one particle's coordinates; the covariance is row-major d x d,
// sum_i w_i (x_i - mean)(x_i - mean)^T.
std::vector<double> weighted_mean(const std::vector<std::vector<double>>& points,
                                  const std::vector<double>& weights);
std::vector<double> weighted_covariance(const std::vector<std::vector<double>>& points,
                                        const std::vector<double>& weights);

}  // namespace trustsim
