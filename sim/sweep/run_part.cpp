#include "sweep/run_part.hpp"

#include <cmath>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/summary_reader.hpp"
#include "scenario/parameter_table.hpp"

namespace trustsim {

namespace {

constexpr const char* fingerprint_attribute = "sweep_fingerprint";

template <class T>
const std::vector<T>& column(const SummaryTable& table, const std::string& name,
                             const std::filesystem::path& path) {
  for (const auto& c : table.columns)
    if (c.name == name) {
      if (const auto* values = std::get_if<std::vector<T>>(&c.values);
          values && values->size() == 1)
        return *values;
      break;
    }
  throw FileError(path.string() + ": damaged sweep part (no single-row /summary/" + name + ")");
}

bool same_value(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

void write_run_part(const std::filesystem::path& path, const RunPlan& plan, const RunResult& result,
                    const std::vector<std::string>& swept_keys, Provenance provenance,
                    const std::string& fingerprint) {
  provenance.kind = "sweep_part";
  OutputFile file(path, /*overwrite=*/true);  // a leftover part of this very run is replaced
  hdf5::write_attribute(file.id(), fingerprint_attribute, fingerprint);
  ResultWriter writer(file, provenance, FileLayout{organisation_names(), swept_keys});
  writer.write_run(RunRecord{plan.run_id, plan.variant, plan.replicate, plan.seed,
                             *plan.parameters_json, plan.swept_values},
                   result);
  writer.finish();
  file.commit();
}

FinishedRun read_run_part(const std::filesystem::path& path, const RunPlan& plan,
                          const std::vector<std::string>& swept_keys,
                          const std::string& fingerprint) {
  const SummaryTable table = read_summary(path);
  {
    hdf5::Handle file =
        hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open a part");
    const bool ours = hdf5::has_attribute(file, fingerprint_attribute) &&
                      hdf5::read_string_attribute(file, fingerprint_attribute) == fingerprint;
    if (!ours)
      throw FileError(path.string() + ": is not a part of this sweep (plan fingerprint differs)");
  }
  FinishedRun run;
  run.record.run_id = column<std::int64_t>(table, "run_id", path)[0];
  run.record.variant = column<std::string>(table, "variant", path)[0];
  run.record.replicate = column<std::int64_t>(table, "replicate", path)[0];
  run.record.seed = column<std::uint64_t>(table, "seed", path)[0];
  for (const auto& key : swept_keys)
    run.record.swept_values.push_back(column<double>(table, key, path)[0]);
  for (std::size_t o = 0; o < outcome_count; ++o)
    run.outcomes[o] = column<double>(table, outcome_info[o].name, path)[0];

  bool matches = run.record.run_id == plan.run_id && run.record.variant == plan.variant &&
                 run.record.replicate == plan.replicate && run.record.seed == plan.seed &&
                 run.record.swept_values.size() == plan.swept_values.size();
  for (std::size_t k = 0; matches && k < plan.swept_values.size(); ++k)
    matches = same_value(run.record.swept_values[k], plan.swept_values[k]);
  if (!matches)
    throw FileError(path.string() + ": holds run " + std::to_string(run.record.run_id) + " (" +
                    run.record.variant + ", seed " + std::to_string(run.record.seed) +
                    "), not the planned run " + std::to_string(plan.run_id));
  return run;
}

}  // namespace trustsim
