// Particles to runs: each particle's parameter values applied to the base
// scenario (validated like a sweep's design point), one RunPlan per
// replicate with its addressed seed; the runs computed (by default in
// parallel on the runner, runner/ensemble.hpp, the oneTBB pool sweeps use;
// under MPI across ranks), and each particle's outcomes averaged over its
// replicates in replicate order, so the means do not depend on which run
// finished first or where. An outcome undefined (NaN) in a run, such as a
// ratio whose groups came out empty, is averaged over the replicates that
// define it, and is NaN only if none does: otherwise one empty run would
// reject the particle, and reject more often where such runs are common.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "calibrate/calibration_file.hpp"
#include "calibrate/distance.hpp"
#include "runner/ensemble.hpp"

namespace trustsim {

struct ParticleRuns {
  std::vector<double> values;        // per prior, on the parameter's own scale
  std::vector<std::uint64_t> seeds;  // one per replicate
};

// The outcomes of each plan, in plan order, however they are computed.
using ComputeRuns = std::function<std::vector<Outcomes>(const std::vector<RunPlan>&)>;

// On this process's threads. Throws Cancelled if options.cancel is raised.
std::vector<Outcomes> compute_runs_here(const std::vector<RunPlan>& plans, const Simulate& simulate,
                                        const EnsembleOptions& options);

// Throws ScenarioError if a combination of values makes an invalid
// scenario; whatever `compute` throws.
std::vector<Outcomes> simulate_particles(const CalibrationDefinition& calibration,
                                         const std::vector<ParticleRuns>& particles,
                                         const ComputeRuns& compute);

}  // namespace trustsim
