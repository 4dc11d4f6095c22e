#include "sweep/merge_shards.hpp"

#include <nlohmann/json.hpp>

#include "io/hdf5_write.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"
#include "sweep/combine_parts.hpp"
#include "sweep/shard_coverage.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/sweep_definition.hpp"

namespace trustsim {

namespace {

// The plan, from the resolved sweep the shards carry: its base scenario is
// inline and complete, so the merge needs neither the sweep file nor its
// base file, which may not exist where the merge runs.
struct RebuiltSweep {
  std::uint64_t seed = 0;
  SweepPlan plan;
};

RebuiltSweep rebuild_sweep(const ShardDescription& part) {
  const std::string where = part.path.string() + ": scenario_resolved";
  try {
    // Checked as any input first: a damaged or crafted attribute nested a
    // million levels deep would otherwise overflow the stack in dump().
    Json resolved = parse_json_document(part.scenario_resolved, where);
    resolved.erase("base_file");  // provenance only; not a sweep key
    const SweepDefinition sweep = read_sweep_text(resolved.dump(), where, "");
    SweepPlan plan = expand_sweep(sweep);
    if (fingerprint_text(plan.fingerprint) != part.fingerprint)
      throw FileError(part.path.string() + ": its sweep expands to plan " +
                      fingerprint_text(plan.fingerprint) + " here, not " + part.fingerprint +
                      " (merge with the trustsim that computed the shards, " +
                      part.program_version + " git " + part.git_commit + ")");
    return RebuiltSweep{sweep.seed, std::move(plan)};
  } catch (const nlohmann::json::exception& problem) {
    throw FileError(where + ": damaged shard file (" + problem.what() + ")");
  } catch (const ScenarioError& problem) {
    throw FileError(part.path.string() + ": cannot rebuild its sweep: " + problem.what());
  }
}

std::string merged_from(const std::vector<ShardDescription>& parts) {
  Json list = Json::array();
  for (const auto& part : parts)
    list.push_back({{"file", part.path.filename().string()},
                    {"path", part.path.string()},
                    {"shard", part.shard.text()},
                    {"runs", part.run_ids.size()},
                    {"program_version", part.program_version},
                    {"git_commit", part.git_commit},
                    {"created_utc", part.created_utc},
                    {"command_line", part.command_line}});
  return list.dump(2);
}

}  // namespace

MergeReport merge_shards(const std::vector<std::filesystem::path>& paths,
                         const std::filesystem::path& output, bool force, Provenance provenance,
                         int processes, const std::atomic<bool>& cancel) {
  std::vector<ShardDescription> parts;
  for (const auto& path : paths) parts.push_back(read_shard_description(path));
  (void)assign_runs_to_parts(parts);  // every run held exactly once, or a FileError
  const RebuiltSweep sweep = rebuild_sweep(parts.front());
  const SweepPlan& plan = sweep.plan;

  provenance.kind = "sweep";
  provenance.seed = sweep.seed;
  provenance.scenario_given = parts.front().scenario_given;
  provenance.scenario_resolved = parts.front().scenario_resolved;
  const std::string sources = merged_from(parts);
  write_combined(
      output, force, plan,
      Combination{plan.runs, files_source(plan, paths, processes), paths, std::move(provenance),
                  Comparison::include,
                  [&sources](hid_t file) { hdf5::write_attribute(file, "merged_from", sources); },
                  processes},
      cancel);
  return MergeReport{static_cast<std::int64_t>(plan.runs.size()), parts.size()};
}

}  // namespace trustsim
