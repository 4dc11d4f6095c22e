#include "sweep/combine_parts.hpp"

#include <algorithm>
#include <map>

#include "io/combined_size.hpp"
#include "io/file_check.hpp"
#include "io/hdf5_write.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "scenario/parameter_table.hpp"
#include "sweep/sweep_analysis.hpp"

namespace trustsim {

void combine_runs(const SweepPlan& plan, const std::vector<RunPlan>& runs,
                  const FinishedRunSource& source, OutputFile& file, const Provenance& provenance,
                  Comparison comparison, const std::function<bool()>& stop) {
  ResultWriter writer(file, provenance, FileLayout{organisation_names(), plan.swept_keys});
  if (comparison != Comparison::run)
    hdf5::write_attribute(file.id(), sweep_fingerprint_attribute,
                          fingerprint_text(plan.fingerprint));
  SweepOutcomes outcomes;
  std::vector<RunCopy> copies;
  copies.reserve(runs.size());
  for (const RunPlan& run : runs) {
    LocatedRun located = source(run);
    const FinishedRun& finished = located.run;
    copies.push_back(RunCopy{std::move(located.file), finished.record.run_id, finished.record,
                             finished.outcomes, false, finished.strings});
    outcomes.variant.push_back(finished.record.variant);
    outcomes.grid_values.emplace_back(
        finished.record.swept_values.begin(),
        finished.record.swept_values.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count));
    outcomes.outcomes.push_back(finished.outcomes);
  }
  writer.copy_runs(copies, stop);
  writer.finish();
  if (comparison == Comparison::omit) return;
  write_sweep_analysis(file.id(), plan, runs, outcomes, comparison == Comparison::run);
}

FinishedRunSource parts_source(const SweepPlan& plan, const PartsDirectory& parts,
                               WrittenBy written_by, const RunsWritten* written_here) {
  return [&plan, &parts, fingerprint = fingerprint_text(plan.fingerprint), written_by,
          written_here](const RunPlan& run) {
    const auto path = parts.part_path(run.run_id);
    if (written_here != nullptr) {
      const auto found = written_here->find(run.run_id);
      if (found != written_here->end())
        return LocatedRun{path, FinishedRun{RunRecord{run.run_id, run.variant, run.replicate,
                                                      run.seed, "", run.swept_values},
                                            found->second.outcomes, found->second.strings}};
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
      throw FileError(path.string() + ": missing: run " + std::to_string(run.run_id) +
                      " has not finished");
    return LocatedRun{path, read_run_part(path, run, plan.swept_keys, fingerprint, written_by)};
  };
}

FinishedRunSource files_source(const SweepPlan& plan,
                               const std::vector<std::filesystem::path>& files, int processes) {
  auto finished = std::make_shared<std::map<std::int64_t, LocatedRun>>();
  const std::string fingerprint = fingerprint_text(plan.fingerprint);
  read_whole_first(files, fingerprint, processes);
  for (const auto& path : files)
    for (FinishedRun& run :
         read_finished_runs(path, plan.swept_keys, fingerprint, WrittenBy::this_invocation)) {
      const std::int64_t id = run.record.run_id;
      finished->emplace(id, LocatedRun{path, std::move(run)});
    }
  return [finished](const RunPlan& run) {
    const auto found = finished->find(run.run_id);
    if (found == finished->end())
      throw FileError("run " + std::to_string(run.run_id) + " is in none of the files given");
    check_is_planned(found->second.run, run, found->second.file);
    return found->second;
  };
}

void write_combined(const std::filesystem::path& output, bool force, const SweepPlan& plan,
                    const Combination& combination, const std::atomic<bool>& cancel) {
  // The output holds copies of the inputs' runs: refuse now if they cannot fit.
  refuse_if_no_room(output, estimated_combined_size(combination.inputs));
  remove_abandoned_temporaries(output);
  OutputFile file(output, force);
  CancelOnSignal::set_emergency_cleanup(file.temporary_path().string());
  const FinishedRunSource source = [&](const RunPlan& run) {
    if (cancel.load()) throw Cancelled();
    return combination.source(run);
  };
  try {
    combine_runs(plan, combination.runs, source, file, combination.provenance,
                 combination.comparison, [&cancel] { return cancel.load(); });
  } catch (const hdf5::Error&) {
    if (cancel.load()) throw Cancelled();  // the copying child was stopped
    throw;
  }
  if (combination.annotate) combination.annotate(file.id());
  if (cancel.load()) throw Cancelled();  // a signal while finishing: keep the inputs
  // Inputs may be removed once the output is in place (a sweep's parts): it
  // is read back whole first (every checksum), so that none is lost to a
  // bad copy.
  const int processes = static_cast<int>(
      std::min<std::size_t>(static_cast<std::size_t>(std::max(combination.verify_processes, 1)),
                            combination.runs.size()));
  file.commit(
      [processes](const std::filesystem::path& path) { verify_trustsim_file(path, processes); });
}

}  // namespace trustsim
