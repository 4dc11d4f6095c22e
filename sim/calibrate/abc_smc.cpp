#include "calibrate/abc_smc.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "calibrate/perturbation_kernel.hpp"
#include "calibrate/weighted_sample.hpp"

namespace trustsim {

double Population::acceptance_rate() const {
  return attempts > 0 ? static_cast<double>(particles.size()) / static_cast<double>(attempts) : 0.0;
}

double Population::effective_sample_size() const {
  return trustsim::effective_sample_size(weights());
}

std::vector<double> Population::weights() const {
  std::vector<double> w;
  for (const auto& p : particles) w.push_back(p.weight);
  return w;
}

std::vector<std::vector<double>> Population::points() const {
  std::vector<std::vector<double>> x;
  for (const auto& p : particles) x.push_back(p.internal);
  return x;
}

std::vector<double> natural_values(const std::vector<Prior>& priors,
                                   const std::vector<double>& internal) {
  std::vector<double> values;
  for (std::size_t k = 0; k < priors.size(); ++k)
    values.push_back(priors[k].from_internal(internal[k]));
  return values;
}

double next_tolerance(const Population& previous, double quantile) {
  std::vector<double> distances;
  for (const auto& p : previous.particles) distances.push_back(p.distance);
  return std::min(previous.tolerance, weighted_quantile(distances, previous.weights(), quantile));
}

void assign_weights(Population& current, const Population* previous) {
  const std::size_t n = current.particles.size();
  if (previous == nullptr) {
    for (auto& p : current.particles) p.weight = 1.0 / static_cast<double>(n);
    return;
  }
  // The prior is uniform on the internal box and every particle lies in
  // it, so its density is the same constant for all and cancels.
  const PerturbationKernel kernel(previous->points(), previous->weights());
  double total = 0.0;
  for (auto& p : current.particles) {
    double proposal_density = 0.0;
    for (const auto& q : previous->particles)
      proposal_density += q.weight * kernel.relative_density(q.internal, p.internal);
    p.weight = proposal_density > 0.0 ? 1.0 / proposal_density : 0.0;
    total += p.weight;
  }
  if (!(total > 0.0) || !std::isfinite(total)) {
    // Every density underflowed or one vanished: fall back to equal weights
    // rather than dividing by nothing.
    for (auto& p : current.particles) p.weight = 1.0 / static_cast<double>(n);
    return;
  }
  for (auto& p : current.particles) p.weight /= total;
}

namespace {

class Proposer {
 public:
  Proposer(const CalibrationDefinition& calibration, const Population* previous)
      : calibration_(calibration), previous_(previous) {
    if (previous_) {
      kernel_ = std::make_unique<PerturbationKernel>(previous_->points(), previous_->weights());
      double sum = 0.0;
      for (const auto& p : previous_->particles) cumulative_.push_back(sum += p.weight);
    }
  }

  Proposal propose(const ProposalAddress& address) const {
    RandomStream stream = proposal_stream(calibration_.seed, address);
    Proposal proposal{address, {}, true};
    const auto& priors = calibration_.priors;
    if (!previous_) {
      for (const auto& prior : priors)
        proposal.internal.push_back(prior.internal_at(stream.uniform()));
      return proposal;
    }
    const double u = stream.uniform() * cumulative_.back();
    const std::size_t ancestor = std::min<std::size_t>(
        static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) -
                                 cumulative_.begin()),
        cumulative_.size() - 1);
    proposal.internal = kernel_->perturb(previous_->particles[ancestor].internal, stream);
    proposal.inside_prior = inside_priors(priors, proposal.internal);
    return proposal;
  }

 private:
  const CalibrationDefinition& calibration_;
  const Population* previous_;
  std::unique_ptr<PerturbationKernel> kernel_;
  std::vector<double> cumulative_;
};

constexpr std::uint64_t largest_block = 64;

}  // namespace

int population_size_of(const CalibrationDefinition& calibration, const Population* previous) {
  if (!calibration.method.adaptive_size || previous == nullptr)
    return calibration.method.population_size;
  return static_cast<int>(previous->next_size);
}

SampledPopulation sample_population(const CalibrationDefinition& calibration,
                                    const Population* previous, int index, int size,
                                    const EvaluateProposals& evaluate) {
  const AbcSmcSettings& method = calibration.method;
  const auto n = static_cast<std::size_t>(size);
  SampledPopulation sampled;
  Population& population = sampled.population;
  population.index = index;
  population.tolerance = previous ? next_tolerance(*previous, method.tolerance_quantile)
                                  : std::numeric_limits<double>::infinity();
  const double budget = std::ceil(static_cast<double>(n) / method.min_acceptance_rate);

  const Proposer proposer(calibration, previous);
  std::vector<std::optional<Particle>> slots(n);
  std::vector<std::uint64_t> next_attempt(n, 0);
  for (std::uint64_t block = 1;; block = std::min(block * 2, largest_block)) {
    // This round's proposals: the next `block` attempts of each open slot.
    std::vector<Proposal> proposals;
    for (std::size_t i = 0; i < n; ++i) {
      if (slots[i]) continue;
      for (std::uint64_t a = 0; a < block; ++a)
        proposals.push_back(
            proposer.propose(ProposalAddress{static_cast<std::uint32_t>(index),
                                             static_cast<std::uint32_t>(i), next_attempt[i] + a}));
    }
    if (proposals.empty()) break;
    std::vector<Proposal> inside;
    for (const auto& p : proposals)
      if (p.inside_prior) inside.push_back(p);
    const std::vector<Outcomes> outcomes =
        inside.empty() ? std::vector<Outcomes>{} : evaluate(inside);
    population.simulations += static_cast<std::int64_t>(inside.size()) * method.replicates;

    // Each slot takes its first accepted attempt of the round, in attempt order.
    std::size_t evaluated = 0;
    for (const auto& proposal : proposals) {
      const std::size_t i = proposal.address.slot;
      const bool open = !slots[i];
      if (!proposal.inside_prior) {
        if (open) next_attempt[i] = proposal.address.attempt + 1;
        continue;
      }
      const Outcomes& result = outcomes[evaluated++];
      if (!open) continue;
      next_attempt[i] = proposal.address.attempt + 1;
      const double distance = distance_to_targets(calibration, result);
      if (distance <= population.tolerance)
        slots[i] = Particle{proposal.internal, 0.0, distance, result, proposal.address.attempt};
    }
    std::int64_t attempts = 0;
    for (auto a : next_attempt) attempts += static_cast<std::int64_t>(a);
    population.attempts = attempts;
    const bool all_filled =
        std::all_of(slots.begin(), slots.end(), [](const auto& s) { return s.has_value(); });
    if (!all_filled && static_cast<double>(attempts) > budget) {
      sampled.complete = false;
      break;
    }
  }
  for (auto& slot : slots)
    if (slot) population.particles.push_back(std::move(*slot));
  if (sampled.complete) assign_weights(population, previous);
  return sampled;
}

std::optional<std::string> stop_reason(const CalibrationDefinition& calibration,
                                       const std::vector<Population>& done) {
  const AbcSmcSettings& method = calibration.method;
  if (done.empty()) return std::nullopt;
  const Population& last = done.back();
  char text[200];
  if (last.index > 0 && last.tolerance <= method.min_tolerance) {
    std::snprintf(text, sizeof text, "tolerance %.6g reached min_tolerance %.6g", last.tolerance,
                  method.min_tolerance);
    return std::string(text);
  }
  if (last.acceptance_rate() < method.min_acceptance_rate) {
    std::snprintf(text, sizeof text, "acceptance rate %.4g fell below min_acceptance_rate %.4g",
                  last.acceptance_rate(), method.min_acceptance_rate);
    return std::string(text);
  }
  if (static_cast<int>(done.size()) >= method.max_populations)
    return "reached max_populations (" + std::to_string(method.max_populations) + ")";
  return std::nullopt;
}

}  // namespace trustsim
