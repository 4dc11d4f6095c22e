// What a whole sweep's output file adds to its runs: the /comparison of
// variants (paired when the sweep used common random numbers or a
// posterior's parameters) and, for a
// Morris or Sobol' sample, the /sensitivity table.
#pragma once

#include <vector>

#include "io/hdf5_handles.hpp"
#include "runner/run_plan.hpp"
#include "sweep/comparison.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

// `runs` are every run of `plan`, in plan order, and `outcomes` theirs.
// `comparison_only`: the /comparison and nothing else (`trustsim run`).
void write_sweep_analysis(hid_t file, const SweepPlan& plan, const std::vector<RunPlan>& runs,
                          SweepOutcomes outcomes, bool comparison_only = false);

}  // namespace trustsim
