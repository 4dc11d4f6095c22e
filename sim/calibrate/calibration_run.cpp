#include "calibrate/calibration_run.hpp"

#include <algorithm>
#include <cstdio>

#include "calibrate/population_size.hpp"
#include "io/output_file.hpp"

namespace trustsim {

namespace {

ComputeRuns compute_runs(const Simulate& simulate, const CalibrationRunOptions& options) {
  if (options.compute_runs) return options.compute_runs;
  EnsembleOptions ensemble;
  ensemble.threads = options.threads;
  ensemble.cancel = options.cancel;
  ensemble.on_run_done = options.on_run_done;
  return [simulate, ensemble](const std::vector<RunPlan>& plans) {
    return compute_runs_here(plans, simulate, ensemble);
  };
}

}  // namespace

std::vector<PredictiveDraw> posterior_predictive(const CalibrationDefinition& calibration,
                                                 const Population& posterior,
                                                 const ComputeRuns& compute) {
  std::vector<double> cumulative;
  double sum = 0.0;
  for (const auto& p : posterior.particles) cumulative.push_back(sum += p.weight);
  std::vector<PredictiveDraw> draws;
  std::vector<ParticleRuns> runs;
  for (int d = 0; d < calibration.method.predictive_draws; ++d) {
    PredictiveDraw draw;
    draw.draw = static_cast<std::uint32_t>(d);
    RandomStream stream = predictive_stream(calibration.seed, draw.draw);
    const double u = stream.uniform() * cumulative.back();
    draw.particle = std::min<std::size_t>(
        static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                 cumulative.begin()),
        cumulative.size() - 1);
    draw.seed = predictive_run_seed(calibration.seed, draw.draw);
    runs.push_back(ParticleRuns{
        natural_values(calibration.priors, posterior.particles[draw.particle].internal),
        {draw.seed}});
    draws.push_back(draw);
  }
  if (runs.empty()) return draws;
  const std::vector<Outcomes> outcomes = simulate_particles(calibration, runs, compute);
  for (std::size_t d = 0; d < draws.size(); ++d) draws[d].outcomes = outcomes[d];
  return draws;
}

CalibrationResult run_calibration(const CalibrationDefinition& calibration,
                                  const PopulationStore& store, const Simulate& simulate,
                                  const CalibrationRunOptions& options) {
  CalibrationResult result;
  result.populations = store.committed();
  result.resumed_populations = static_cast<int>(result.populations.size());
  if (calibration.method.adaptive_size)
    for (const auto& p : result.populations)
      if (p.next_size < 2)
        throw FileError(store.population_path(p.index).string() +
                        ": damaged population file (no next population size); pass --force to "
                        "discard " +
                        store.path().string() + " and start again");
  const ComputeRuns compute = compute_runs(simulate, options);
  const EvaluateProposals evaluate = [&](const std::vector<Proposal>& proposals) {
    std::vector<ParticleRuns> runs;
    for (const auto& proposal : proposals) {
      ParticleRuns particle{natural_values(calibration.priors, proposal.internal), {}};
      for (int r = 0; r < calibration.method.replicates; ++r)
        particle.seeds.push_back(
            proposal_run_seed(calibration.seed, proposal.address, static_cast<std::uint64_t>(r)));
      runs.push_back(std::move(particle));
    }
    return simulate_particles(calibration, runs, compute);
  };
  for (;;) {
    if (auto reason = stop_reason(calibration, result.populations)) {
      result.stop_reason = *reason;
      break;
    }
    const Population* previous = result.populations.empty() ? nullptr : &result.populations.back();
    const int index = static_cast<int>(result.populations.size());
    const int size = population_size_of(calibration, previous);
    SampledPopulation sampled = sample_population(calibration, previous, index, size, evaluate);
    if (!sampled.complete) {
      char text[240];
      std::snprintf(text, sizeof text,
                    "population %d abandoned: %zu of %d particles accepted after %lld attempts, "
                    "below min_acceptance_rate %.4g",
                    index, sampled.population.particles.size(), size,
                    static_cast<long long>(sampled.population.attempts),
                    calibration.method.min_acceptance_rate);
      result.stop_reason = text;
      break;
    }
    // The next size is chosen before the commit and committed with the
    // population, so that a resumed calibration continues with it.
    if (calibration.method.adaptive_size) {
      const PopulationSizeChoice choice =
          choose_next_population_size(calibration, sampled.population);
      sampled.population.next_size = choice.next_size;
      sampled.population.mean_cv = choice.mean_cv;
    }
    if (options.commit_populations) store.commit(sampled.population);
    result.populations.push_back(std::move(sampled.population));
    if (options.on_population_committed) options.on_population_committed(result.populations.back());
  }
  result.predictive = posterior_predictive(calibration, result.populations.back(), compute);
  return result;
}

}  // namespace trustsim
