// One finished run of a sweep in a file of its own: a complete trustsim
// file (kind `sweep_part`) with the run's group and a one-row /summary, and
// the sweep's plan fingerprint, so that a part is only ever combined into
// the sweep it was computed for. Shard files (shard_file.hpp) hold many
// finished runs in the same layout and are read back the same way.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "io/result_writer.hpp"
#include "runner/run_plan.hpp"

namespace trustsim {

struct FinishedRun {
  RunRecord record;  // parameters_json left empty: it stays in the run's group
  std::array<double, outcome_count> outcomes{};
  // Its run group's stretch of its part's string checksum, when this
  // invocation wrote the part (ResultWriter::copy_runs).
  std::optional<hdf5::StringStretch> strings;
};

// Writes under a temporary name and renames, so the part exists whole or
// not at all. `provenance` is the sweep's; its kind becomes `sweep_part`.
// Returns the run group's stretch of the part's string checksum.
hdf5::StringStretch write_run_part(const std::filesystem::path& path, const RunPlan& plan,
                                   const RunResult& result,
                                   const std::vector<std::string>& swept_keys,
                                   Provenance provenance, const std::string& fingerprint);

// Who wrote a file about to be read: an earlier invocation (a part found on
// --resume, a shard: read whole in a child process first, file_check.hpp),
// or this one, moments ago (its own parts: not read twice; the chunks
// they give the output are read through their checksums when the output
// is verified, before any part is removed). A file of an earlier invocation
// already read whole (read_whole_first) is read as this invocation's.
enum class WrittenBy { earlier_invocation, this_invocation };

// What reading a file of an earlier invocation does first, for each of
// `paths` (parts or shard files of the sweep with this fingerprint), in
// `processes` child processes at a time: each read whole, so that the
// damaged are refused before anything is computed or copied. Throws
// FileError for the first, in order, that is damaged.
void read_whole_first(const std::vector<std::filesystem::path>& paths,
                      const std::string& fingerprint, int processes);

// Every run in the /summary of a file of the sweep with this fingerprint (a
// part or a shard file), in row order; an empty fingerprint reads the file
// of `trustsim run`, which has none. Throws FileError if the file is
// missing, damaged, foreign or of another sweep.
std::vector<FinishedRun> read_finished_runs(const std::filesystem::path& path,
                                            const std::vector<std::string>& swept_keys,
                                            const std::string& fingerprint,
                                            WrittenBy written_by = WrittenBy::earlier_invocation);

// Throws FileError unless `run` is the run `plan` describes (id, variant,
// replicate, seed and swept values).
void check_is_planned(const FinishedRun& run, const RunPlan& plan,
                      const std::filesystem::path& path);

// Reads a part back and checks that it belongs to the sweep with this
// fingerprint and is the run `plan` describes. Throws FileError if not.
FinishedRun read_run_part(const std::filesystem::path& path, const RunPlan& plan,
                          const std::vector<std::string>& swept_keys,
                          const std::string& fingerprint, WrittenBy written_by);

}  // namespace trustsim
