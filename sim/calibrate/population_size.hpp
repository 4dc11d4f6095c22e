// Adaptive population sizes for ABC-SMC: the scheme of Klinger & Hasenauer
// (2017, "A Scheme for Adaptive Selection of Population Sizes in
// Approximate Bayesian Computation - Sequential Monte Carlo", CMSB 2017,
// LNCS 10545, 128-144), as pyABC's AdaptivePopulationSize runs it.
//
// The next population is proposed from the kernel density of the last (a
// mixture of normals, perturbation_kernel.hpp); too few particles make that
// density, and so the proposal and the weights, a noisy estimate. After
// population t the scheme asks how noisy a kernel density fitted to n
// particles would be: B times, draw n points from population t's kernel
// density, fit a kernel to them (equal weights), and evaluate it at
// population t's particles; the coefficient of variation (sd / mean over
// the B fits) at each particle, averaged with the particles' weights, is
// the mean CV at n. Done for a range of n around the population's size
// (from a third of it to twice it), the mean CVs are fitted by a power law
// cv = a n^-b, and the next size is the n at which the law reaches the
// target mean CV, bounded by [min, max]. Where no power law fits (CVs that
// do not fall with n) the size stays as it was.
//
// Unlike pyABC, the power law is fitted by least squares on the logarithms
// (a straight line), not on the CVs themselves: the fit is then closed-form
// and cannot fail to converge; with CVs close to a power law (a density
// estimate's CV falls as n^-1/2) the two agree.
//
// Every bootstrap sample draws from its own stream, addressed by (seed,
// population, sample) (draw_address.hpp), so the size is the same for any
// thread count, rank or resume.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/calibration_file.hpp"

namespace trustsim {

// The weighted mean over test points of the coefficient of variation (the
// standard deviation over the bootstrap samples, divided by n not n - 1, as
// pyABC's scipy.stats.variation, over their mean) of the densities, given
// as log_density[b][i]: sample b's log density at test point i. Weights
// sum to one.
double mean_coefficient_of_variation(const std::vector<std::vector<double>>& log_density,
                                     const std::vector<double>& weights);

// The mean CV of a kernel density fitted to `sample_size` points drawn from
// `population`'s kernel density, at its particles, from `bootstraps`
// samples; sample b draws from population_size_stream(seed, population,
// first_sample + b).
double bootstrap_mean_cv(const Population& population, std::size_t sample_size, int bootstraps,
                         std::uint64_t seed, std::uint32_t first_sample);

// cv = a n^-b.
struct PowerLaw {
  double a = 0.0;
  double b = 0.0;
  double at(double n) const;
};

// Least squares on (log n, log cv); nothing when fewer than two points have
// a positive, finite CV, or when the CV does not fall with n (b <= 0).
std::optional<PowerLaw> fit_power_law(const std::vector<double>& sizes,
                                      const std::vector<double>& cvs);

// The size at which `law` reaches `target_cv` (rounded down, as pyABC),
// bounded by [min, max].
int size_for_target(const PowerLaw& law, double target_cv, int min, int max);

struct PopulationSizeChoice {
  int next_size = 0;
  double mean_cv = 0.0;  // the fitted law at the population's own size (NaN: no fit)
};

// The size of the population after `population` (complete, weighted), whose
// own size is population.particles.size().
PopulationSizeChoice choose_next_population_size(const CalibrationDefinition& calibration,
                                                 const Population& population);

}  // namespace trustsim
