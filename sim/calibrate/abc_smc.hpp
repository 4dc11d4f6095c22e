// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC;
// Toni et al. 2009, with the weights and kernel of Beaumont, Cornuet, Marin
// & Robert 2009 and the adaptive tolerances of Del Moral, Doucet & Jasra
// 2012, as pyABC runs it).
//
// Population 0 draws N particles from the prior and accepts them all; its
// tolerance is infinite. Population t > 0 sets its tolerance to a quantile
// of population t-1's weighted distances (never above t-1's own, so
// tolerances never increase), then fills each of its N slots with the first
// accepted proposal: an ancestor drawn by weight from population t-1,
// perturbed by the kernel (perturbation_kernel.hpp); a proposal outside the
// prior is rejected unsimulated; one inside runs `replicates` times and is
// accepted if the distance of its mean outcomes is within the tolerance.
// Accepted particles are weighted prior / sum_j w_j K(theta | theta_j), and
// the weights normalised to one.
//
// Determinism: slot i's attempts are addressed (draw_address.hpp) and the
// particle is the first accepted attempt, so the population is the same
// however many proposals are simulated at once. To keep every core busy,
// round r simulates the next 2^r attempts (at most 64) of every unfilled
// slot together; attempts past a slot's first acceptance are wasted work,
// never a different answer.
//
// Population sizes are fixed, or adaptive (population_size.hpp): chosen
// after each population from the noise of its kernel density.
//
// Stopping: after max_populations, when a tolerance reaches min_tolerance,
// or when a population accepts fewer than min_acceptance_rate of its
// attempts; a population that would need more than N / min_acceptance_rate
// attempts is abandoned, and the last complete one is the posterior.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/calibration_file.hpp"
#include "calibrate/distance.hpp"
#include "calibrate/draw_address.hpp"

namespace trustsim {

struct Particle {
  std::vector<double> internal;  // on the priors' internal scale (prior.hpp)
  double weight = 0.0;           // normalised within its population
  double distance = 0.0;
  Outcomes outcomes{};        // means over the particle's replicates
  std::uint64_t attempt = 0;  // the attempt of its slot that was accepted
};

struct Population {
  int index = 0;
  double tolerance = std::numeric_limits<double>::infinity();
  std::int64_t attempts = 0;     // proposals up to each slot's acceptance
  std::int64_t simulations = 0;  // runs computed, including attempts past acceptance
  std::vector<Particle> particles;
  // With adaptive population sizes (population_size.hpp), chosen after this
  // population and committed with it: the next population's size, and the
  // mean CV of this population's kernel density that it was chosen from.
  // Without: 0 and NaN.
  std::int64_t next_size = 0;
  double mean_cv = std::numeric_limits<double>::quiet_NaN();

  double acceptance_rate() const;
  double effective_sample_size() const;
  std::vector<double> weights() const;
  std::vector<std::vector<double>> points() const;  // each particle's internal coordinates
};

struct Proposal {
  ProposalAddress address;
  std::vector<double> internal;
  bool inside_prior = true;
};

// Simulates each proposal (all inside the prior) `replicates` times and
// returns, per proposal in order, the means of its runs' outcomes. Throws
// Cancelled when interrupted.
using EvaluateProposals = std::function<std::vector<Outcomes>(const std::vector<Proposal>&)>;

// The tolerance of the population after `previous`.
double next_tolerance(const Population& previous, double quantile);

// Fills in the particles' normalised weights.
void assign_weights(Population& current, const Population* previous);

struct SampledPopulation {
  Population population;
  bool complete = true;  // false: abandoned for want of acceptances
};

// Population `index` of `size` particles, from `previous` (null for
// population 0).
SampledPopulation sample_population(const CalibrationDefinition& calibration,
                                    const Population* previous, int index, int size,
                                    const EvaluateProposals& evaluate);

// The size of population `index`: the fixed population_size, or with
// adaptive sizes the initial size for population 0 and the size chosen
// after the previous population.
int population_size_of(const CalibrationDefinition& calibration, const Population* previous);

// Why to stop after the populations done so far (all complete), or nothing.
std::optional<std::string> stop_reason(const CalibrationDefinition& calibration,
                                       const std::vector<Population>& done);

// The parameter values of a particle, on each parameter's own scale.
std::vector<double> natural_values(const std::vector<Prior>& priors,
                                   const std::vector<double>& internal);

}  // namespace trustsim
