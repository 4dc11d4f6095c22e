// First-order and total Sobol' indices from a Saltelli design
// (sobol_design.hpp), with the estimators Saltelli et al. (2010) recommend
// (their Table 2): for factor i, with V the variance of f over A and B,
//   S1_i = mean_j f(B)_j (f(AB_i)_j - f(A)_j) / V          (Saltelli 2010, b)
//   ST_i = mean_j (f(A)_j - f(AB_i)_j)^2 / (2 V)           (Jansen 1999, f)
// with f centred first (f minus its mean over A and B, as SALib does): the
// term f(B)·(f(AB_i) - f(A)) has expectation zero for any constant added
// to f but a variance that grows with its square, and a model outcome such
// as trust (mean 0.4, variance 1e-4) made S1 intervals of ±4 at N = 32.
// S1 says how much of the variance the factor explains alone, ST how much
// involves it at all (alone or with others); ST - S1 is its interactions.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sweep/sobol_design.hpp"

namespace trustsim {

struct SobolIndices {
  std::vector<double> first;  // S1, per factor
  std::vector<double> total;  // ST, per factor
  double variance = 0.0;      // V
};

// `outcome` has one value per design point; `rows` lists the rows j used (a
// bootstrap resample may list one twice). Indices are NaN when V is 0.
SobolIndices sobol_indices(const SobolDesign& design, std::span<const double> outcome,
                           std::span<const std::size_t> rows);

}  // namespace trustsim
