// The perturbation kernel of ABC-SMC: a multivariate normal centred on the
// chosen particle with twice the population's weighted covariance, the
// choice Beaumont, Cornuet, Marin & Robert (2009) showed minimises the
// Kullback-Leibler divergence between proposal and target for a normal
// posterior. Works on the priors' internal scale (prior.hpp).
#pragma once

#include <vector>

namespace trustsim {

class RandomStream;

class PerturbationKernel {
 public:
  // points[i]: particle i's internal coordinates; weights sum to one.
  PerturbationKernel(const std::vector<std::vector<double>>& points,
                     const std::vector<double>& weights);

  // centre + L z, with z standard normal drawn from `stream` and L L^T = 2 Sigma.
  std::vector<double> perturb(const std::vector<double>& centre, RandomStream& stream) const;

  // The kernel's density at `to` given `from`, up to a constant factor that
  // is the same for every pair (it cancels when weights are normalised).
  double relative_density(const std::vector<double>& from, const std::vector<double>& to) const;

  const std::vector<double>& cholesky() const { return cholesky_; }  // L, row-major, lower

 private:
  std::size_t dimension_ = 0;
  std::vector<double> cholesky_;
};

// The Cholesky factor (row-major, lower triangular) of a symmetric
// positive semi-definite d x d matrix; a diagonal that vanishes (a
// parameter all particles agree on) is floored at a tiny fraction of the
// largest, so the kernel stays proper.
std::vector<double> cholesky_factor(std::vector<double> matrix, std::size_t dimension);

}  // namespace trustsim
