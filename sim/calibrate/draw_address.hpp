// Every draw of a calibration has an address, so its result is the same for
// any thread count, machine or resume: a proposal is addressed by (the
// calibration's seed, population, particle slot, attempt), a posterior
// predictive draw by (seed, draw), a bootstrap sample that chooses an
// adaptive population size by (seed, population, sample), and each run's seed is derived from the
// same address and its replicate. Nothing depends on the order in which
// runs happen to finish.
#pragma once

#include <cstdint>

#include "model/random_stream.hpp"

namespace trustsim {

struct ProposalAddress {
  std::uint32_t population = 0;
  std::uint32_t slot = 0;     // which particle of the population is being sought
  std::uint64_t attempt = 0;  // its attempts count 0, 1, 2, ... until one is accepted
};

// The calibration's own stream purposes: numbers marked taken in the
// model's list (they were the model's Purpose::calibration_...), since a
// proposal is not the model's draw. Never renumber.
namespace calibration_purpose {
inline constexpr StreamPurpose proposal = StreamPurpose::outside_the_model(17);
inline constexpr StreamPurpose predictive = StreamPurpose::outside_the_model(18);
inline constexpr StreamPurpose population_size = StreamPurpose::outside_the_model(20);
}  // namespace calibration_purpose

// The stream a proposal draws its ancestor and perturbation (or its prior
// draw) from: calibration_purpose::proposal, keyed by the seed mixed with
// the attempt, counter (population, slot).
RandomStream proposal_stream(std::uint64_t calibration_seed, const ProposalAddress& address);

// The seed of replicate r of a proposal's runs:
//   derive_run_seed(mix(mix(mix(seed ^ P) ^ population) ^ slot) ^ attempt, "calibration", r)
// with mix the splitmix64 finaliser and P a constant for proposals.
std::uint64_t proposal_run_seed(std::uint64_t calibration_seed, const ProposalAddress& address,
                                std::uint64_t replicate);

// The posterior predictive: draw d picks a particle from the stream
// (calibration_purpose::predictive, counter (0, d)) and runs once with this seed.
RandomStream predictive_stream(std::uint64_t calibration_seed, std::uint32_t draw);
std::uint64_t predictive_run_seed(std::uint64_t calibration_seed, std::uint32_t draw);

// Adaptive population sizes (population_size.hpp): bootstrap sample s drawn
// after population p (calibration_purpose::population_size, counter (p, s)).
RandomStream population_size_stream(std::uint64_t calibration_seed, std::uint32_t population,
                                    std::uint32_t sample);

}  // namespace trustsim
