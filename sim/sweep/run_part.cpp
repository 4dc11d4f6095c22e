#include "sweep/run_part.hpp"

#include <cmath>

#include "io/file_check.hpp"
#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/summary_reader.hpp"
#include "scenario/parameter_table.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

namespace {

template <class T>
const std::vector<T>& column(const SummaryTable& table, const std::string& name,
                             const std::filesystem::path& path) {
  for (const auto& c : table.columns)
    if (c.name == name) {
      if (const auto* values = std::get_if<std::vector<T>>(&c.values)) return *values;
      break;
    }
  throw FileError(path.string() + ": damaged sweep file (no /summary/" + name +
                  " column of the expected type)");
}

bool same_value(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// An empty fingerprint reads the file of `trustsim run`, which has none.
void check_fingerprint(const std::filesystem::path& path, const std::string& fingerprint) {
  if (fingerprint.empty()) return;
  try {
    hdf5::Handle file =
        hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open a sweep file");
    const bool ours = hdf5::has_attribute(file, sweep_fingerprint_attribute) &&
                      hdf5::read_string_attribute(file, sweep_fingerprint_attribute) == fingerprint;
    if (!ours)
      throw FileError(path.string() + ": is not a part of this sweep (plan fingerprint differs)");
  } catch (const hdf5::Error& problem) {
    throw FileError(path.string() + ": damaged sweep file (" + problem.what() + ")");
  }
}

}  // namespace

void read_whole_first(const std::vector<std::filesystem::path>& paths,
                      const std::string& fingerprint, int processes) {
  // A file that is not one of this sweep's passes here: the reading that
  // follows says what it is (foreign, another sweep's) rather than
  // calling it damaged.
  refuse_damaged_or_unverified_trustsim_files(
      paths,
      [&fingerprint](const std::filesystem::path& path) {
        read_summary_of_checked_file(path);
        check_fingerprint(path, fingerprint);
      },
      processes);
}

hdf5::StringStretch write_run_part(const std::filesystem::path& path, const RunPlan& plan,
                                   const RunResult& result,
                                   const std::vector<std::string>& swept_keys,
                                   Provenance provenance, const std::string& fingerprint) {
  provenance.kind = "sweep_part";
  OutputFile file(path, /*overwrite=*/true);  // a leftover part of this very run is replaced
  // All of the part is recorded as written, so that its string checksum
  // needs no walk of the file: for a summary-only run, the walk was a
  // third of writing its part (docs/benchmarks.md, change 49).
  hdf5::StringRecord whole;
  {
    hdf5::RecordingStrings recording(whole);
    hdf5::write_attribute(file.id(), sweep_fingerprint_attribute, fingerprint);
    ResultWriter writer(file, provenance, FileLayout{organisation_names(), swept_keys});
    writer.write_run(RunRecord{plan.run_id, plan.variant, plan.replicate, plan.seed,
                               *plan.parameters_json, plan.swept_values},
                     result);
    writer.finish(ResultWriter::Tables::part);
  }
  file.string_stretches()["."] = whole.stretch(".");
  file.commit();
  return whole.stretch(run_group_path(plan.run_id));
}

std::vector<FinishedRun> read_finished_runs(const std::filesystem::path& path,
                                            const std::vector<std::string>& swept_keys,
                                            const std::string& fingerprint, WrittenBy written_by) {
  // Damage that would crash HDF5 here or in the copy of the runs that
  // follows, and damage the checksums show (the copy takes chunks as they
  // are stored, unchecked), is refused first; then missing, foreign or
  // damaged: FileError.
  if (written_by == WrittenBy::earlier_invocation) read_whole_first({path}, fingerprint, 1);
  const SummaryTable table = read_summary_of_checked_file(path);
  check_fingerprint(path, fingerprint);
  const auto& run_ids = column<std::int64_t>(table, "run_id", path);
  const auto& variants = column<std::string>(table, "variant", path);
  const auto& replicates = column<std::int64_t>(table, "replicate", path);
  const auto& seeds = column<std::uint64_t>(table, "seed", path);
  std::vector<const std::vector<double>*> swept;
  for (const auto& key : swept_keys) swept.push_back(&column<double>(table, key, path));
  std::vector<const std::vector<double>*> outcomes;
  for (std::size_t o = 0; o < outcome_count; ++o)
    outcomes.push_back(&column<double>(table, outcome_info[o].name, path));

  std::vector<FinishedRun> runs(table.rows());
  for (std::size_t row = 0; row < runs.size(); ++row) {
    RunRecord& record = runs[row].record;
    record.run_id = run_ids[row];
    record.variant = variants[row];
    record.replicate = replicates[row];
    record.seed = seeds[row];
    for (const auto* values : swept) record.swept_values.push_back((*values)[row]);
    for (std::size_t o = 0; o < outcome_count; ++o) runs[row].outcomes[o] = (*outcomes[o])[row];
  }
  return runs;
}

void check_is_planned(const FinishedRun& run, const RunPlan& plan,
                      const std::filesystem::path& path) {
  bool matches = run.record.run_id == plan.run_id && run.record.variant == plan.variant &&
                 run.record.replicate == plan.replicate && run.record.seed == plan.seed &&
                 run.record.swept_values.size() == plan.swept_values.size();
  for (std::size_t k = 0; matches && k < plan.swept_values.size(); ++k)
    matches = same_value(run.record.swept_values[k], plan.swept_values[k]);
  if (!matches)
    throw FileError(path.string() + ": holds run " + std::to_string(run.record.run_id) + " (" +
                    run.record.variant + ", seed " + std::to_string(run.record.seed) +
                    "), not the planned run " + std::to_string(plan.run_id));
}

FinishedRun read_run_part(const std::filesystem::path& path, const RunPlan& plan,
                          const std::vector<std::string>& swept_keys,
                          const std::string& fingerprint, WrittenBy written_by) {
  std::vector<FinishedRun> runs = read_finished_runs(path, swept_keys, fingerprint, written_by);
  if (runs.size() != 1)
    throw FileError(path.string() + ": damaged sweep part (" + std::to_string(runs.size()) +
                    " rows in /summary, not 1)");
  check_is_planned(runs.front(), plan, path);
  return std::move(runs.front());
}

}  // namespace trustsim
