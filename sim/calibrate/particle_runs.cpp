#include "calibrate/particle_runs.hpp"

#include <cmath>
#include <limits>
#include <memory>

#include "sweep/placed_override.hpp"

namespace trustsim {

std::vector<Outcomes> compute_runs_here(const std::vector<RunPlan>& plans, const Simulate& simulate,
                                        const EnsembleOptions& options) {
  std::vector<Outcomes> per_run(plans.size());
  std::vector<RunPlan> numbered = plans;  // stored by position: order of arrival does not matter
  for (std::size_t i = 0; i < numbered.size(); ++i)
    numbered[i].run_id = static_cast<std::int64_t>(i);
  EnsembleOptions ensemble = options;
  ensemble.in_plan_order = false;
  // Only the outcomes are kept: no daily series, team trust samples or
  // network snapshots (the same outcomes, bit for bit: RunControl).
  ensemble.summary_only = true;
  run_ensemble(
      numbered, simulate,
      [&per_run](const RunPlan& plan, RunResult&& result) {
        per_run[static_cast<std::size_t>(plan.run_id)] = result.outcomes;
      },
      ensemble);
  return per_run;
}

std::vector<Outcomes> simulate_particles(const CalibrationDefinition& calibration,
                                         const std::vector<ParticleRuns>& particles,
                                         const ComputeRuns& compute) {
  std::vector<RunPlan> plans;
  std::vector<std::size_t> owner;  // plan -> particle
  for (std::size_t i = 0; i < particles.size(); ++i) {
    std::vector<PlacedOverride> overrides;
    for (std::size_t k = 0; k < calibration.priors.size(); ++k) {
      const Prior& prior = calibration.priors[k];
      overrides.push_back(PlacedOverride{
          make_override(prior.pointer, prior.key, particles[i].values[k]), prior.pointer});
    }
    ResolvedScenario resolved = resolve_with_overrides(calibration.base_document, overrides,
                                                       calibration.source, "/parameters");
    auto parameters = std::make_shared<const Parameters>(std::move(resolved.settings.parameters));
    for (std::size_t r = 0; r < particles[i].seeds.size(); ++r) {
      RunPlan plan;
      plan.run_id = static_cast<std::int64_t>(plans.size());
      plan.variant = "calibration";
      plan.replicate = static_cast<std::int64_t>(r);
      plan.seed = particles[i].seeds[r];
      plan.parameters = parameters;
      plans.push_back(std::move(plan));
      owner.push_back(i);
    }
  }
  const std::vector<Outcomes> per_run = compute(plans);
  std::vector<Outcomes> means(particles.size(), Outcomes{});
  std::vector<Outcomes> defined(particles.size(), Outcomes{});  // replicates with a value
  for (std::size_t run = 0; run < plans.size(); ++run) {        // replicate order within a particle
    for (std::size_t o = 0; o < outcome_count; ++o) {
      if (std::isnan(per_run[run][o])) continue;
      means[owner[run]][o] += per_run[run][o];
      defined[owner[run]][o] += 1.0;
    }
  }
  for (std::size_t i = 0; i < particles.size(); ++i)
    for (std::size_t o = 0; o < outcome_count; ++o)
      means[i][o] = defined[i][o] > 0.0 ? means[i][o] / defined[i][o]
                                        : std::numeric_limits<double>::quiet_NaN();
  return means;
}

}  // namespace trustsim
