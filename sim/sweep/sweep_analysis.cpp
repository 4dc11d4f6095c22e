#include "sweep/sweep_analysis.hpp"

#include "sweep/comparison_file.hpp"
#include "sweep/sensitivity_file.hpp"

namespace trustsim {

void write_sweep_analysis(hid_t file, const SweepPlan& plan, const std::vector<RunPlan>& runs,
                          SweepOutcomes outcomes) {
  // Runs pair by design point and replicate when they share a seed or a
  // posterior parameter set.
  const bool paired = plan.common_random_numbers || !plan.parameters_from.empty();
  if (paired)
    for (const RunPlan& run : runs) {
      std::vector<double> key = run.swept_values;
      key.push_back(static_cast<double>(run.replicate));
      outcomes.pair_keys.push_back(std::move(key));
    }
  const std::vector<std::string> grid_keys(
      plan.swept_keys.begin(),
      plan.swept_keys.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count));
  std::vector<std::pair<std::string, int>> windows;
  for (const RunPlan& run : runs)
    windows.emplace_back(run.variant, run.parameters->outputs.measure_from_day);
  write_comparison(file, ComparisonTable{grid_keys, compare_variants(plan.variant_names, outcomes),
                                         plan.common_random_numbers, plan.parameters_from,
                                         plan.parameters_from_digest, window_text(windows)});
  if (plan.sensitivity)
    write_sensitivity(file, sensitivity_analysis(*plan.sensitivity, plan.variant_names,
                                                 plan.replicates, outcomes.outcomes, plan.seed));
}

}  // namespace trustsim
