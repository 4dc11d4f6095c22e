// Writes runs into an OutputFile in the layout of docs/output-format.md:
// provenance on the root, one /runs/run_NNNNNN group per run as it arrives,
// and the /summary table (one row per run) and /team_summary table (one row
// per run and team) when finished.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/output_file.hpp"
#include "model/run_result.hpp"

namespace trustsim {

struct Provenance {
  std::string program_version;
  std::string git_commit;
  std::string created_utc;  // ISO 8601, "2026-11-23T17:40:00Z"
  std::string command_line;
  std::string kind;  // "run" or "sweep"
  std::uint64_t seed = 0;
  std::string scenario_given;
  std::string scenario_resolved;
};

// Names for the codes stored in network snapshots and the extra (swept)
// summary columns; the same for every run of the file.
struct FileLayout {
  std::vector<std::string> organisation_names;  // in Organisation enum order
  std::vector<std::string> swept_parameters;    // dotted keys; empty for `run`
};

// What identifies a run, besides its results.
struct RunRecord {
  std::int64_t run_id = 0;
  std::string variant = "baseline";
  std::int64_t replicate = 0;
  std::uint64_t seed = 0;
  std::string parameters_json;       // the run's resolved scenario
  std::vector<double> swept_values;  // one per FileLayout::swept_parameters
};

// A run of another trustsim file, to be stored here as `record` says.
struct RunCopy {
  std::filesystem::path source;
  std::int64_t source_run_id = 0;
  RunRecord record;
  std::array<double, outcome_count> outcomes{};
  // Whether the copy's run_id and variant attributes are rewritten to
  // `record`'s (`trustsim compare` renumbers runs and names variants).
  bool relabelled = false;
  // The group's stretch of its source's string checksum (as a part
  // recorded it), when known and the copy is not relabelled: the file's
  // own checksum then takes it instead of walking the copy.
  std::optional<hdf5::StringStretch> strings;
};

class ResultWriter {
 public:
  ResultWriter(OutputFile& file, const Provenance& provenance, FileLayout layout);

  // Writes the run's group. A sweep part records its strings as it writes
  // them (write_run_part), so that its commit needs no walk of the file.
  void write_run(const RunRecord& record, const RunResult& result);

  // Runs already written by write_run into other trustsim files (a
  // sweep's parts, shard files, compared files), each group copied whole
  // (H5Ocopy: values, types, storage and attributes as they are), their
  // summary rows taken from `copies`. H5Ocopy crashes HDF5 1.10 when a
  // write inside it fails (a full disk), so the copies are made in a child
  // process (OutputFile::write_in_child) and such a failure is thrown as
  // hdf5::Error like any other. `stop`: OutputFile::write_in_child's.
  void copy_runs(
      const std::vector<RunCopy>& copies, const std::function<bool()>& stop = [] { return false; });

  // Writes /summary, /team_summary and run_count. The caller then commits
  // the file. A sweep's part, which only the combine reads, gets a /summary
  // of bare values (no units, descriptions, names or labels: the output's
  // own table is written afresh) and no /team_summary (the output's is
  // built from each run's teams group): together a fifth of the runner's
  // cost per run (docs/benchmarks.md, changes 28 and 30).
  enum class Tables { output, part };
  void finish(Tables tables = Tables::output);

 private:
  OutputFile& file_;
  FileLayout layout_;
  hdf5::Handle runs_;
  std::vector<RunRecord> rows_;
  std::vector<std::array<double, outcome_count>> outcomes_;
  // A run's /summary row, however its group came into the file.
  void add_row(const RunRecord& record, const std::array<double, outcome_count>& outcomes);
  // /team_summary: each run's teams table (runs/run_NNNNNN/teams), read
  // back from the run groups when the table is written.
  void write_team_summary();
};

// "run_000042", "day_0100": fixed-width names that sort in run/day order.
std::string run_group_name(std::int64_t run_id);
// Its path from the file's root: runs/run_NNNNNN.
std::string run_group_path(std::int64_t run_id);
std::string snapshot_group_name(int day);

}  // namespace trustsim
