#include "sweep/combine_parts.hpp"

#include "scenario/parameter_table.hpp"
#include "sweep/comparison_file.hpp"
#include "sweep/run_part.hpp"

namespace trustsim {

void combine_parts(const SweepPlan& plan, const PartsDirectory& parts, OutputFile& file,
                   const Provenance& provenance) {
  ResultWriter writer(file, provenance, FileLayout{organisation_names(), plan.swept_keys});
  const std::string fingerprint = fingerprint_text(plan.fingerprint);
  SweepOutcomes outcomes;
  for (const RunPlan& run : plan.runs) {
    const auto path = parts.part_path(run.run_id);
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
      throw FileError(path.string() + ": missing: run " + std::to_string(run.run_id) +
                      " has not finished");
    const FinishedRun finished = read_run_part(path, run, plan.swept_keys, fingerprint);
    writer.copy_run(path, finished.record, finished.outcomes);
    outcomes.variant.push_back(finished.record.variant);
    outcomes.grid_values.emplace_back(
        finished.record.swept_values.begin(),
        finished.record.swept_values.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count));
    outcomes.outcomes.push_back(finished.outcomes);
  }
  writer.finish();
  const std::vector<std::string> grid_keys(
      plan.swept_keys.begin(),
      plan.swept_keys.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count));
  write_comparison(file.id(),
                   ComparisonTable{grid_keys, compare_variants(plan.variant_names, outcomes)});
}

}  // namespace trustsim
