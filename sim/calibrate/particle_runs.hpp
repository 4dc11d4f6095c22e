// Particles to runs: each particle's parameter values applied to the base
// scenario (validated like a sweep's design point), one RunPlan per
// replicate with its addressed seed, all run in parallel on the runner
// (runner/ensemble.hpp, the same oneTBB pool sweeps use), and each
// particle's outcomes averaged over its replicates in replicate order, so
// the means do not depend on which run finished first.
#pragma once

#include <cstdint>
#include <vector>

#include "calibrate/calibration_file.hpp"
#include "calibrate/distance.hpp"
#include "runner/ensemble.hpp"

namespace trustsim {

struct ParticleRuns {
  std::vector<double> values;        // per prior, on the parameter's own scale
  std::vector<std::uint64_t> seeds;  // one per replicate
};

// Throws ScenarioError if a combination of values makes an invalid
// scenario, Cancelled if options.cancel is raised.
std::vector<Outcomes> simulate_particles(const CalibrationDefinition& calibration,
                                         const std::vector<ParticleRuns>& particles,
                                         const Simulate& simulate, const EnsembleOptions& options);

}  // namespace trustsim
