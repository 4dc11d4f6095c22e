#include "sweep/combine_parts.hpp"

#include "io/hdf5_write.hpp"
#include "scenario/parameter_table.hpp"
#include "sweep/sweep_analysis.hpp"

namespace trustsim {

void combine_runs(const SweepPlan& plan, const std::vector<RunPlan>& runs,
                  const FinishedRunSource& source, OutputFile& file, const Provenance& provenance,
                  Comparison comparison) {
  ResultWriter writer(file, provenance, FileLayout{organisation_names(), plan.swept_keys});
  hdf5::write_attribute(file.id(), sweep_fingerprint_attribute, fingerprint_text(plan.fingerprint));
  SweepOutcomes outcomes;
  for (const RunPlan& run : runs) {
    const LocatedRun located = source(run);
    const FinishedRun& finished = located.run;
    writer.copy_run(located.file, finished.record, finished.outcomes);
    outcomes.variant.push_back(finished.record.variant);
    outcomes.grid_values.emplace_back(
        finished.record.swept_values.begin(),
        finished.record.swept_values.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count));
    outcomes.outcomes.push_back(finished.outcomes);
  }
  writer.finish();
  if (comparison == Comparison::omit) return;
  write_sweep_analysis(file.id(), plan, runs, outcomes);
}

FinishedRunSource parts_source(const SweepPlan& plan, const PartsDirectory& parts) {
  return [&plan, &parts, fingerprint = fingerprint_text(plan.fingerprint)](const RunPlan& run) {
    const auto path = parts.part_path(run.run_id);
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
      throw FileError(path.string() + ": missing: run " + std::to_string(run.run_id) +
                      " has not finished");
    return LocatedRun{path, read_run_part(path, run, plan.swept_keys, fingerprint)};
  };
}

void combine_parts(const SweepPlan& plan, const PartsDirectory& parts, OutputFile& file,
                   const Provenance& provenance) {
  combine_runs(plan, plan.runs, parts_source(plan, parts), file, provenance, Comparison::include);
}

}  // namespace trustsim
