// The last step of every way of running a sweep: finished runs copied, as
// they are, into one output file (so the result datasets are those the runs
// wrote, whether they ran in one go or across resumes, shards or ranks),
// the /summary table built from their rows, and the /comparison table
// computed from it.
//
// One step makes all three combined files: a sweep's output (runs from its
// work directory), a shard's file (a slice of the runs from the shard's
// work directory, no comparison: a comparison over a slice would look like
// the sweep's and be wrong) and the merge of shard files (runs from the
// shard holding each).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "io/output_file.hpp"
#include "io/result_writer.hpp"
#include "sweep/parts_directory.hpp"
#include "sweep/run_part.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

// A finished run and the trustsim file its /runs group is copied from.
struct LocatedRun {
  std::filesystem::path file;
  FinishedRun run;
};

// Finds the finished run `plan` describes, checked against it; throws
// FileError if it is missing, damaged or foreign.
using FinishedRunSource = std::function<LocatedRun(const RunPlan& plan)>;

// Whether the combined file gets the /comparison of variants: only when it
// holds every run of the sweep. `run`: the file of `trustsim run` (a
// one-variant plan), with the /comparison of its variant alone and no
// sweep_fingerprint, as it is no sweep's.
enum class Comparison { include, omit, run };

// Copies `runs` (the plan's, or a slice of them) from `source` into `file`,
// with their /summary and (but for a run) the root attribute
// sweep_fingerprint. The caller
// commits `file`. The copying stops once `stop` returns true
// (ResultWriter::copy_runs).
void combine_runs(
    const SweepPlan& plan, const std::vector<RunPlan>& runs, const FinishedRunSource& source,
    OutputFile& file, const Provenance& provenance, Comparison comparison,
    const std::function<bool()>& stop = [] { return false; });

// What this invocation knows of the runs it computed and wrote to their
// parts, by run id: their outcomes (RunResult::outcomes, as the parts hold
// them) and their run groups' stretches of the parts' string checksums.
struct RunWritten {
  std::array<double, outcome_count> outcomes{};
  hdf5::StringStretch strings;
};
using RunsWritten = std::map<std::int64_t, RunWritten>;

// The source of a sweep in progress: each run's part in its work directory,
// read whole first unless this invocation wrote it (run_part.hpp, WrittenBy).
// A run in `written_here` is taken from there and its plan, and its part
// is not read at all: reading each part's /summary back was a tenth of what
// a summary-only run's output costs, and walking its strings again for the
// output's checksum a tenth of a full run's (docs/benchmarks.md).
FinishedRunSource parts_source(const SweepPlan& plan, const PartsDirectory& parts,
                               WrittenBy written_by = WrittenBy::earlier_invocation,
                               const RunsWritten* written_here = nullptr);

// The source of runs already combined into files (the shard files given to
// merge): each file read whole first (read_whole_first, `processes` at a
// time), then its /summary read once (read_finished_runs), each run
// checked against its plan as it is taken. Throws FileError.
FinishedRunSource files_source(const SweepPlan& plan,
                               const std::vector<std::filesystem::path>& files, int processes);

// What a combined file holds: which runs, in which order, where each is
// found, and what the file says besides them.
struct Combination {
  std::vector<RunPlan> runs;
  FinishedRunSource source;
  // The files the runs are copied from: their sizes bound the output's.
  std::vector<std::filesystem::path> inputs;
  Provenance provenance;
  Comparison comparison = Comparison::include;
  // Root attributes of a shard file or a merge, written after the runs.
  std::function<void(hid_t file)> annotate;
  // How many processes read the output back at once (verify_trustsim_file).
  int verify_processes = 1;
};

// The one way a combined file is written: refuses at once if the inputs
// cannot fit beside `output` (refuse_if_no_room), removes the temporaries
// a killed writer left, writes the runs under a temporary name
// (combine_runs), and renames it into place only once it has been read
// back whole (verify_trustsim_file), so that nothing is deleted on the
// strength of a bad copy. Throws Cancelled (model/simulation.hpp) between
// runs once `cancel` is raised, and FileError, WriteError or hdf5::Error;
// whatever it throws, no output and no temporary file is left.
void write_combined(const std::filesystem::path& output, bool force, const SweepPlan& plan,
                    const Combination& combination, const std::atomic<bool>& cancel);

}  // namespace trustsim
