#include "cli/execute_plan.hpp"

#include <limits.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <unordered_set>

#include "cli/command_line.hpp"
#include "io/file_check.hpp"
#include "io/hdf5_read.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "runner/progress.hpp"
#include "sweep/combine_parts.hpp"
#include "sweep/shard_file.hpp"
#include "version.hpp"

namespace trustsim::cli {

namespace {

// Names a file to which each computed run's id is appended as its part is
// written: how the tests count that a resumed job redoes no finished run.
constexpr const char* run_log_variable = "TRUSTSIM_DEBUG_RUN_LOG";

std::size_t design_points(const SweepPlan& plan) {
  return plan.runs.size() / plan.variant_names.size() / static_cast<std::size_t>(plan.replicates);
}

// --dry-run: what would run, from the same plan a real sweep executes.
void print_plan(const PreparedPlan& prepared) {
  const SweepPlan& plan = prepared.plan;
  const std::vector<RunPlan>& runs = prepared.owned;
  std::cout << prepared.source << ": " << plural(plan.runs.size(), "run") << " = "
            << plural(plan.variant_names.size(), "variant") << " x "
            << plural(design_points(plan), "design point") << " x "
            << plural(static_cast<std::size_t>(plan.replicates), "replicate") << ", seed "
            << plan.seed << ", plan " << fingerprint_text(plan.fingerprint) << "\n";
  std::cout << "variants:";
  for (const auto& name : plan.variant_names) std::cout << ' ' << name;
  std::cout << "\n";
  if (!plan.swept_keys.empty()) {
    std::cout << "swept keys:";
    for (const auto& key : plan.swept_keys) std::cout << ' ' << key;
    std::cout << " (" << plan.grid_key_count << " from the grid)\n";
  }
  if (const auto& shard = prepared.shard)
    std::cout << "shard " << shard->text() << ": " << plural(runs.size(), "run")
              << " (the run ids that leave " << shard->index - 1 << " when divided by "
              << shard->count << ")\n";
  std::cout << "run_id  variant  replicate  seed";
  for (const auto& key : plan.swept_keys) std::cout << "  " << key;
  std::cout << "\n";
  const std::size_t shown = std::min<std::size_t>(runs.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) {
    const RunPlan& run = runs[i];
    std::cout << run.run_id << "  " << run.variant << "  " << run.replicate << "  " << run.seed;
    for (double v : run.swept_values) std::cout << "  " << v;
    std::cout << "\n";
  }
  if (shown < runs.size()) std::cout << "... (" << runs.size() - shown << " more)\n";
}

// The output's directory, made before its work directory inside it, so
// that a bad one is named (a file in the way, no permission).
void create_output_directory(const std::filesystem::path& output) {
  if (!output.has_parent_path()) return;
  std::error_code error;
  std::filesystem::create_directories(output.parent_path(), error);
  if (error)
    throw FileError(output.parent_path().string() +
                    ": cannot create directory: " + error.message());
}

PartsMode parts_mode(const ExecuteOptions& options) {
  return options.force ? PartsMode::force : options.resume ? PartsMode::resume : PartsMode::fresh;
}

// The finished parts into the output: the whole sweep with its comparison,
// a run with its own, or a shard's slice with the attributes `trustsim
// merge` checks.
void write_output(const PreparedPlan& prepared, const PartsDirectory& parts,
                  const Provenance& provenance, const RunsWritten& written_here,
                  const ExecuteOptions& options, const CancelOnSignal& cancel) {
  const SweepPlan& plan = prepared.plan;
  // Every part was written by this invocation or has been read whole by
  // check_earlier_parts: none is read whole again.
  Combination combination{prepared.owned,
                          parts_source(plan, parts, WrittenBy::this_invocation, &written_here),
                          {},
                          provenance,
                          prepared.kind == "run" ? Comparison::run : Comparison::include,
                          nullptr,
                          workers_wanted(options.threads)};
  for (const RunPlan& run : prepared.owned)
    combination.inputs.push_back(parts.part_path(run.run_id));
  if (prepared.shard) {
    combination.provenance.kind = shard_kind;
    combination.comparison = Comparison::omit;
    combination.annotate = [&prepared](hid_t file) {
      write_shard_identity(file, *prepared.shard,
                           static_cast<std::int64_t>(prepared.plan.runs.size()));
    };
  }
  write_combined(prepared.output, options.force, plan, combination, cancel.flag());
}

// The parts an earlier invocation left, each read whole (in child
// processes, as many at a time as there are workers) and checked against
// the plan before any run is computed: a damaged or foreign part stops a
// resume at once, not after the missing runs have been computed, and is
// not read whole again when combined.
void check_earlier_parts(const PreparedPlan& prepared, const PartsDirectory& parts,
                         const std::vector<RunPlan>& missing, int processes) {
  std::unordered_set<std::int64_t> to_compute;
  for (const RunPlan& run : missing) to_compute.insert(run.run_id);
  std::vector<RunPlan> earlier;
  std::vector<std::filesystem::path> paths;
  for (const RunPlan& run : prepared.owned)
    if (!to_compute.count(run.run_id)) {
      earlier.push_back(run);
      paths.push_back(parts.part_path(run.run_id));
    }
  read_whole_first(paths, fingerprint_text(prepared.plan.fingerprint), processes);
  const FinishedRunSource found = parts_source(prepared.plan, parts, WrittenBy::this_invocation);
  for (const RunPlan& run : earlier) (void)found(run);
}

// Whether `output` holds exactly the runs `prepared` answers for, of its
// plan (read and verified whole): a job killed between writing its output
// and removing its work directory.
bool is_complete_output(const PreparedPlan& prepared) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(prepared.output, error)))
    return false;
  // A run's file has no fingerprint: its runs are checked one by one.
  const std::vector<FinishedRun> runs =
      read_finished_runs(prepared.output, prepared.plan.swept_keys,
                         prepared.kind == "run" ? "" : fingerprint_text(prepared.plan.fingerprint));
  if (runs.size() != prepared.owned.size()) return false;
  if (prepared.kind == "run") {  // no fingerprint: the same scenario, resolved
    hdf5::Handle file = hdf5::file(H5Fopen(prepared.output.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                                   "open the output");
    if (hdf5::read_string_attribute(file, "scenario_resolved") != prepared.plan.resolved_json)
      return false;
  }
  for (std::size_t i = 0; i < runs.size(); ++i)
    check_is_planned(runs[i], prepared.owned[i], prepared.output);
  return true;
}

// --resume with the output in place: finish what the killed job left.
int finish_completed(const PreparedPlan& prepared, PartsDirectory& parts, bool quiet) {
  bool complete = false;
  try {
    complete = is_complete_output(prepared);
  } catch (const FileError&) {
  } catch (const hdf5::Error&) {
  }
  if (!complete)
    throw FileError(prepared.output.string() + ": already exists and is not this " + prepared.kind +
                    "'s complete result (use --force to overwrite it)");
  const std::string left = parts.remove();
  if (!quiet)
    std::cerr << "trustsim: " << prepared.output.string() << " already holds all "
              << plural(prepared.owned.size(), "run") << " of this " << prepared.kind
              << " (it was killed before removing its work directory); "
              << (left.empty() ? "removed " + parts.path().string()
                               : "left " + parts.path().string() + ": it holds " + left +
                                     ", which trustsim did not write")
              << "\n";
  return ok;
}

// After the output is in place.
void remove_parts(PartsDirectory& parts, bool quiet) {
  const std::string left = parts.remove();
  if (!left.empty() && !quiet)
    std::cerr << "trustsim: left " << parts.path().string() << ": it holds " << left
              << ", which trustsim did not write\n";
}

void report_interrupted(const CancelOnSignal& cancel, const PartsDirectory& parts,
                        const std::vector<RunPlan>& owned) {
  std::cerr << "trustsim: interrupted by signal " << cancel.signal_number() << "; "
            << owned.size() - missing_runs(owned, parts).size() << " of "
            << plural(owned.size(), "run") << " saved in " << parts.path().string()
            << "; run the same command with --resume to continue\n";
}

void report_written(const PreparedPlan& prepared, std::size_t computed, std::uint64_t trust_updates,
                    const std::string& ranks, std::chrono::steady_clock::time_point started) {
  const SweepPlan& plan = prepared.plan;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "trustsim: wrote " << prepared.output.string() << " (";
  if (prepared.kind == "run") {
    // Contacts applied to the trust network, summed over the runs computed
    // now: the unit of work scripts/bench divides by to report a rate.
    std::cerr << plural(plan.runs.size(), "run") << " of " << plan.runs.front().parameters->days
              << " days in " << std::fixed << std::setprecision(1) << seconds << " s, "
              << trust_updates << " trust updates)\n";
    return;
  }
  if (prepared.shard)
    std::cerr << "shard " << prepared.shard->text() << ": " << prepared.owned.size() << " of "
              << plural(plan.runs.size(), "run");
  else
    std::cerr << plural(plan.runs.size(), "run") << ": "
              << plural(plan.variant_names.size(), "variant") << " x "
              << plural(design_points(plan), "design point") << " x "
              << plural(static_cast<std::size_t>(plan.replicates), "replicate");
  std::cerr << ", " << computed << " computed now" << ranks << ", in " << std::fixed
            << std::setprecision(1) << seconds << " s)\n";
}

PartRunOptions part_run_options(const ExecuteOptions& options, const CancelOnSignal& cancel,
                                ProgressReport& progress, std::uint64_t& trust_updates,
                                RunsWritten& written) {
  PartRunOptions run_options;
  run_options.threads = options.threads;
  run_options.summary_only = options.summary_only;
  run_options.cancel = &cancel.flag();
  run_options.on_day = [&progress](int) { progress.day_done(); };
  run_options.on_run_done = [&progress] { progress.run_done(); };
  const char* log = std::getenv(run_log_variable);
  run_options.on_part_written = [&trust_updates, &written, path = std::string(log ? log : "")](
                                    std::int64_t run_id, const RunResult& result,
                                    const hdf5::StringStretch& strings) {
    trust_updates += result.trust_updates;
    written.emplace(run_id, RunWritten{result.outcomes, strings});
    if (!path.empty()) std::ofstream(path, std::ios::app) << run_id << '\n';
  };
  return run_options;
}

PartsManifest manifest_of(const PreparedPlan& prepared) {
  return PartsManifest{fingerprint_text(prepared.plan.fingerprint),
                       static_cast<std::int64_t>(prepared.plan.runs.size()), program_version,
                       git_commit, prepared.source};
}

void report_resuming(const PreparedPlan& prepared, const PartsDirectory& parts,
                     std::size_t missing) {
  const std::size_t already = prepared.owned.size() - missing;
  if (already > 0)
    std::cerr << "trustsim: resuming: " << already << " of " << plural(prepared.owned.size(), "run")
              << " already done in " << parts.path().string() << "; " << missing << " to run\n";
}

}  // namespace

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void check_output(const std::filesystem::path& output,
                  const std::vector<std::filesystem::path>& inputs, const ExecuteOptions& options) {
  refuse_input_as_output(inputs, output);
  refuse_existing_output(output, /*overwrite=*/true);  // a directory, a device
  // The work directory's name must fit where the output's does.
  if (output.filename().string().size() + std::strlen(".parts") > NAME_MAX)
    throw FileError(output.string() + ": name too long for an output (at most " +
                    std::to_string(NAME_MAX - std::strlen(".parts")) +
                    " bytes, so that its work directory NAME.parts fits)");
  // A job killed after writing its output but before removing its work
  // directory: --resume finishes the clean-up (finish_completed below).
  std::error_code error;
  const bool finishing =
      options.resume && std::filesystem::exists(PartsDirectory::path_for(output), error);
  if (!finishing) refuse_existing_output(output, options.force);
}

void Workers::compute(const std::vector<RunPlan>& missing, const SweepPlan& plan,
                      const PartsDirectory& parts, const Provenance& provenance,
                      const PartRunOptions& options) {
  run_missing_parts(missing, plan, parts, &trustsim::simulate, provenance, options);
}

int execute_plan(const ExecuteOptions& options, const std::function<PreparedPlan()>& prepare,
                 Workers& workers) {
  const auto started = std::chrono::steady_clock::now();
  const bool root = workers.is_root();
  std::optional<PreparedPlan> prepared;
  workers.together([&] {
    prepared.emplace(prepare());
    // Finishing a job killed after its output was written (below) needs
    // nothing computed: it is done without mpirun.
    if (!options.dry_run && !workers.alone())
      refuse_existing_output(prepared->output, options.force);
  });
  if (options.dry_run) {
    if (root) print_plan(*prepared);
    return ok;
  }
  // The root opens (or creates, or resumes) the work directory and holds
  // its lock for the job; the other ranks join it once it is there. A shard
  // has a work directory of its own beside its own output, so a killed
  // array task is resumed alone.
  const PartsManifest manifest = manifest_of(*prepared);
  std::optional<PartsDirectory> parts;
  workers.together([&] {
    if (!root) return;
    create_output_directory(prepared->output);
    parts.emplace(prepared->output, manifest, parts_mode(options));
  });
  workers.together([&] {
    if (!root) parts.emplace(prepared->output, manifest, PartsMode::join);
  });
  std::error_code error;
  if (options.resume &&
      std::filesystem::exists(std::filesystem::symlink_status(prepared->output, error)))
    return finish_completed(*prepared, *parts, options.quiet);
  std::vector<RunPlan> missing;
  workers.together([&] {
    if (!root) return;
    missing = missing_runs(prepared->owned, *parts);
    if (!options.quiet) report_resuming(*prepared, *parts, missing.size());
    check_earlier_parts(*prepared, *parts, missing, workers_wanted(options.threads));
  });

  const Provenance provenance{program_version,
                              git_commit,
                              utc_now(),
                              invocation(),
                              prepared->kind,
                              prepared->plan.seed,
                              prepared->given_text,
                              prepared->plan.resolved_json};
  CancelOnSignal cancel;
  // Ranks' live progress lines would interleave on mpirun's stderr; rank 0
  // reports the runs of each rank at the end instead.
  ProgressReport::Options progress_options;
  progress_options.enabled = !options.quiet && workers.alone();
  progress_options.live = stderr_is_terminal();
  ProgressReport progress(static_cast<std::int64_t>(missing.size()), total_days(missing), std::cerr,
                          progress_options);
  std::uint64_t trust_updates = 0;  // of the runs computed by this process
  RunsWritten written;              // likewise
  try {
    workers.compute(missing, prepared->plan, *parts, provenance,
                    part_run_options(options, cancel, progress, trust_updates, written));
    progress.finish();
    if (!root) return ok;
    // Copying a large sweep's runs takes a while after progress shows 100%.
    if (!options.quiet && prepared->kind != "run")
      std::cerr << "trustsim: combining " << plural(prepared->owned.size(), "run") << " into "
                << prepared->output.string() << "\n";
    write_output(*prepared, *parts, provenance, written, options, cancel);
  } catch (const FailedElsewhere&) {
    return ok;  // the failing process reports and sets the job's exit status
  } catch (const Cancelled&) {
    progress.finish();
    if (root) report_interrupted(cancel, *parts, prepared->owned);
    // A rank that received no signal itself stops as if terminated.
    return cancel.signal_number() ? cancel.exit_code() : 128 + SIGTERM;
  } catch (const hdf5::Error& error) {
    // A full disk or a file size limit: the runs that were written are kept.
    progress.finish();
    throw WriteError(prepared->output.string() + ": cannot write the " + prepared->kind +
                     "'s files: " + error.what() + "; finished runs are kept in " +
                     parts->path().string() + " for --resume");
  }
  remove_parts(*parts, options.quiet);
  if (!options.quiet)
    report_written(*prepared, missing.size(), trust_updates, workers.computed_by(), started);
  return ok;
}

}  // namespace trustsim::cli
