// The one path runs take, for `trustsim run` as for `trustsim sweep`: a
// plan (a sweep's, a shard's slice of it, or a run's one variant) whose
// missing runs are computed into OUT.h5.parts/, each finished run saved at
// once so that a killed job continues with --resume, then all runs
// combined into OUT.h5 (sweep/combine_parts.hpp) and the work directory
// removed.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "io/result_writer.hpp"
#include "sweep/parts_directory.hpp"
#include "sweep/run_missing_parts.hpp"
#include "sweep/shard.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim::cli {

struct ExecuteOptions {
  int threads = 0;
  bool summary_only = false;
  bool resume = false;
  bool force = false;
  bool quiet = false;
  bool dry_run = false;
};

// What an invocation works on, all checked before any file is touched.
struct PreparedPlan {
  SweepPlan plan;
  std::optional<Shard> shard;
  std::vector<RunPlan> owned;  // the runs it answers for: all, or its shard's slice
  std::filesystem::path output;
  std::string source;      // the sweep or scenario file, as given
  std::string given_text;  // its text, for the output's provenance
  // "run": a run's file (sweep/combine_parts.hpp: Comparison::run) and a
  // run's messages.
  std::string kind = "sweep";
};

// "1 run", "2 runs".
std::string plural(std::size_t n, const char* word);

// Throws FileError unless the job may write `output`: none of `inputs`,
// no directory or device, a name that leaves room for NAME.parts, and no
// existing file unless `force`, or `resume` finishes a job killed after
// writing it.
void check_output(const std::filesystem::path& output,
                  const std::vector<std::filesystem::path>& inputs, const ExecuteOptions& options);

// The processes a plan's missing runs are computed on, each run into its
// part in the one work directory: this process alone, on this machine's
// cores, or the ranks of an MPI job (sweep_command.cpp), to which rank 0
// deals out run ids. Planning, resuming and the combined output are the
// same either way (execute_plan).
class Workers {
 public:
  virtual ~Workers() = default;
  // The process that opens the work directory, holds its lock, writes the
  // output and reports.
  virtual bool is_root() const { return true; }
  // Whether this process is the whole job: it shows live progress, and it
  // may finish a job killed after writing its output.
  virtual bool alone() const { return true; }
  // Runs `step` on every process; if it fails on one, every one stops.
  virtual void together(const std::function<void()>& step) const { step(); }
  // Computes `missing` (given on the root) into `parts`. Throws Cancelled
  // if a signal stopped the runs (on any process), FailedElsewhere if
  // another process failed (and has said why).
  virtual void compute(const std::vector<RunPlan>& missing, const SweepPlan& plan,
                       const PartsDirectory& parts, const Provenance& provenance,
                       const PartRunOptions& options);
  // Said after the count of runs computed now: who computed them.
  virtual std::string computed_by() const { return ""; }
};

// Another process of the job failed and has reported it.
struct FailedElsewhere {};

// `prepare` runs on every process of `workers`; with dry_run, the root
// prints the plan instead of doing any work. Returns the exit code.
int execute_plan(const ExecuteOptions& options, const std::function<PreparedPlan()>& prepare,
                 Workers& workers);

}  // namespace trustsim::cli
