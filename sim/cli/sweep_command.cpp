// `trustsim sweep SWEEP.json`: every run of a sweep (variants x design
// points x replicates) in parallel, each finished run saved at once to
// OUT.h5.parts/ so that a killed sweep continues with --resume, then all
// runs combined into OUT.h5 with the /comparison table. With --shard I/N,
// only the I-th of N slices of the runs, into a shard file for
// `trustsim merge` (an array job of a batch scheduler runs one per task).
#include <limits.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "cli/command_line.hpp"
#include "cli/here_or_across_ranks.hpp"
#include "io/combined_size.hpp"
#include "io/file_check.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "runner/progress.hpp"
#include "scenario/overrides.hpp"
#include "sweep/combine_parts.hpp"
#include "sweep/run_missing_parts.hpp"
#include "sweep/shard.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/sweep_definition.hpp"
#include "version.hpp"

#if TRUSTSIM_WITH_MPI
#include "cluster/mpi_session.hpp"
#include "cluster/parts_across_ranks.hpp"
#endif

namespace trustsim::cli {

namespace {

// Names a file to which each computed run's id is appended as its part is
// written: how the tests count that a resumed sweep redoes no finished run.
constexpr const char* run_log_variable = "TRUSTSIM_DEBUG_RUN_LOG";

struct SweepOptions {
  std::string sweep_path;
  std::string output_path;
  int threads = 0;
  bool resume = false;
  bool force = false;
  bool quiet = false;
  bool dry_run = false;
  std::string shard;                     // "I/N", or empty for the whole sweep
  std::vector<std::string> assignments;  // --set: onto the base scenario, for every run
  int replicates = 0;                    // --replicates: 0 keeps the sweep file's
};

// A shard's default name says which shard it is, so that the tasks of an
// array job do not all write one file.
std::string shard_suffix(const std::optional<Shard>& shard) {
  if (!shard) return "";
  return ".shard-" + std::to_string(shard->index) + "-of-" + std::to_string(shard->count);
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::size_t design_points(const SweepPlan& plan, int replicates) {
  return plan.runs.size() / plan.variant_names.size() / static_cast<std::size_t>(replicates);
}

// --dry-run: what would run, from the same plan a real sweep executes.
void print_plan(const SweepDefinition& sweep, const SweepPlan& plan,
                const std::optional<Shard>& shard, const std::vector<RunPlan>& runs) {
  std::cout << sweep.source << ": " << plural(plan.runs.size(), "run") << " = "
            << plural(plan.variant_names.size(), "variant") << " x "
            << plural(design_points(plan, sweep.replicates), "design point") << " x "
            << plural(static_cast<std::size_t>(sweep.replicates), "replicate") << ", seed "
            << sweep.seed << ", plan " << fingerprint_text(plan.fingerprint) << "\n";
  std::cout << "variants:";
  for (const auto& name : plan.variant_names) std::cout << ' ' << name;
  std::cout << "\n";
  if (!plan.swept_keys.empty()) {
    std::cout << "swept keys:";
    for (const auto& key : plan.swept_keys) std::cout << ' ' << key;
    std::cout << " (" << plan.grid_key_count << " from the grid)\n";
  }
  if (shard)
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

// What a sweep invocation works on, all checked before any file is touched.
struct PreparedSweep {
  SweepDefinition sweep;
  SweepPlan plan;
  std::optional<Shard> shard;
  std::vector<RunPlan> owned;  // the runs it answers for: all, or its shard's slice
  std::filesystem::path output;
};

PreparedSweep prepare(const SweepOptions& options) {
  PreparedSweep prepared;
  prepared.sweep = read_sweep_file(options.sweep_path);
  // Overrides of the base scenario, checked like its own keys when the plan
  // resolves every run; recorded in the command line and resolved sweep.
  for (const auto& assignment : options.assignments)
    apply_override(prepared.sweep.base_document, parse_override(assignment));
  if (options.replicates > 0) prepared.sweep.replicates = options.replicates;
  prepared.plan = expand_sweep(prepared.sweep);
  if (!options.shard.empty()) prepared.shard = parse_shard(options.shard);
  prepared.owned =
      prepared.shard ? runs_of_shard(prepared.plan.runs, *prepared.shard) : prepared.plan.runs;
  prepared.output = options.output_path.empty()
                        ? default_output(options.sweep_path, shard_suffix(prepared.shard))
                        : std::filesystem::path(options.output_path);
  if (options.dry_run) return prepared;
  std::vector<std::filesystem::path> inputs{options.sweep_path};
  if (!prepared.sweep.base_source.empty()) inputs.emplace_back(prepared.sweep.base_source);
  refuse_input_as_output(inputs, prepared.output);
  refuse_existing_output(prepared.output, /*overwrite=*/true);  // a directory, a device
  // The work directory's name must fit where the output's does.
  if (prepared.output.filename().string().size() + std::strlen(".parts") > NAME_MAX)
    throw FileError(prepared.output.string() + ": name too long for a sweep output (at most " +
                    std::to_string(NAME_MAX - std::strlen(".parts")) +
                    " bytes, so that its work directory NAME.parts fits)");
  // A sweep killed after writing its output but before removing its work
  // directory: --resume finishes the clean-up (finish_completed below).
  std::error_code error;
  const bool finishing =
      options.resume && std::filesystem::exists(PartsDirectory::path_for(prepared.output), error);
  if (!finishing) refuse_existing_output(prepared.output, options.force);
  return prepared;
}

PartsMode parts_mode(const SweepOptions& options) {
  return options.force ? PartsMode::force : options.resume ? PartsMode::resume : PartsMode::fresh;
}

// The finished parts into the output: the whole sweep with its comparison,
// or a shard's slice with the attributes `trustsim merge` checks.
void write_output(const PreparedSweep& prepared, const PartsDirectory& parts,
                  const Provenance& provenance, bool force, const CancelOnSignal& cancel) {
  const SweepPlan& plan = prepared.plan;
  Combination combination{prepared.owned, parts_source(plan, parts), {},
                          provenance,     Comparison::include,       nullptr};
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
  write_combined(prepared.output, force, plan, combination, cancel.flag());
}

// Whether `output` holds exactly the runs `prepared` answers for, of its
// plan (read and verified whole): a sweep killed between writing its
// output and removing its work directory.
bool is_complete_output(const PreparedSweep& prepared) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(prepared.output, error)))
    return false;
  const std::vector<FinishedRun> runs = read_finished_runs(
      prepared.output, prepared.plan.swept_keys, fingerprint_text(prepared.plan.fingerprint));
  if (runs.size() != prepared.owned.size()) return false;
  for (std::size_t i = 0; i < runs.size(); ++i)
    check_is_planned(runs[i], prepared.owned[i], prepared.output);
  return true;
}

// --resume with the output in place: finish what the killed sweep left.
int finish_completed(const PreparedSweep& prepared, PartsDirectory& parts, bool quiet) {
  bool complete = false;
  try {
    complete = is_complete_output(prepared);
  } catch (const FileError&) {
  }
  if (!complete)
    throw FileError(prepared.output.string() +
                    ": already exists and is not this sweep's complete result (use --force to "
                    "overwrite it)");
  const std::string left = parts.remove();
  if (!quiet)
    std::cerr << "trustsim: " << prepared.output.string() << " already holds all "
              << plural(prepared.owned.size(), "run")
              << " of this sweep (it was killed before removing its work directory); "
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

void report_written(const PreparedSweep& prepared, std::size_t computed, const std::string& ranks,
                    std::chrono::steady_clock::time_point started) {
  const SweepPlan& plan = prepared.plan;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "trustsim: wrote " << prepared.output.string() << " (";
  if (prepared.shard)
    std::cerr << "shard " << prepared.shard->text() << ": " << prepared.owned.size() << " of "
              << plural(plan.runs.size(), "run");
  else
    std::cerr << plural(plan.runs.size(), "run") << ": "
              << plural(plan.variant_names.size(), "variant") << " x "
              << plural(design_points(plan, prepared.sweep.replicates), "design point") << " x "
              << plural(static_cast<std::size_t>(prepared.sweep.replicates), "replicate");
  std::cerr << ", " << computed << " computed now" << ranks << ", in " << std::fixed
            << std::setprecision(1) << seconds << " s)\n";
}

PartRunOptions part_run_options(const SweepOptions& options, const CancelOnSignal& cancel,
                                ProgressReport& progress) {
  PartRunOptions run_options;
  run_options.threads = options.threads;
  run_options.cancel = &cancel.flag();
  run_options.on_day = [&progress](int) { progress.day_done(); };
  run_options.on_run_done = [&progress] { progress.run_done(); };
  if (const char* log = std::getenv(run_log_variable); log && *log)
    run_options.on_part_written = [path = std::string(log)](std::int64_t run_id) {
      std::ofstream(path, std::ios::app) << run_id << '\n';
    };
  return run_options;
}

PartsManifest manifest_of(const PreparedSweep& prepared, const SweepOptions& options) {
  return PartsManifest{fingerprint_text(prepared.plan.fingerprint),
                       static_cast<std::int64_t>(prepared.plan.runs.size()), program_version,
                       git_commit, options.sweep_path};
}

void report_resuming(const PreparedSweep& prepared, const PartsDirectory& parts,
                     std::size_t missing) {
  const std::size_t already = prepared.owned.size() - missing;
  if (already > 0)
    std::cerr << "trustsim: resuming: " << already << " of " << plural(prepared.owned.size(), "run")
              << " already done in " << parts.path().string() << "; " << missing << " to run\n";
}

// The processes a sweep's missing runs are computed on, each run into its
// part in the one work directory: this process alone, on this machine's
// cores, or (RanksOfJob) the ranks of an MPI job, to which rank 0 deals
// out run ids. Planning, resuming and the combined output are the same
// either way (execute_sweep).
class Workers {
 public:
  virtual ~Workers() = default;
  // The process that opens the work directory, holds its lock, writes the
  // output and reports.
  virtual bool is_root() const { return true; }
  // Whether this process is the whole job: it shows live progress, and it
  // may finish a sweep killed after writing its output.
  virtual bool alone() const { return true; }
  // Runs `step` on every process; if it fails on one, every one stops.
  virtual void together(const std::function<void()>& step) const { step(); }
  // Computes `missing` (given on the root) into `parts`. Throws Cancelled
  // if a signal stopped the runs (on any process), FailedElsewhere if
  // another process failed (and has said why).
  virtual void compute(const std::vector<RunPlan>& missing, const SweepPlan& plan,
                       const PartsDirectory& parts, const Provenance& provenance,
                       const PartRunOptions& options) {
    run_missing_parts(missing, plan, parts, &trustsim::simulate, provenance, options);
  }
  // Said after the count of runs computed now: who computed them.
  virtual std::string computed_by() const { return ""; }
};

// Another process of the job failed and has reported it.
struct FailedElsewhere {};

int execute_sweep(const SweepOptions& options, Workers& workers) {
  const auto started = std::chrono::steady_clock::now();
  const bool root = workers.is_root();
  std::optional<PreparedSweep> prepared;
  workers.together([&] {
    prepared.emplace(prepare(options));
    // Finishing a sweep killed after its output was written (below) needs
    // nothing computed: it is done without mpirun.
    if (!options.dry_run && !workers.alone())
      refuse_existing_output(prepared->output, options.force);
  });
  if (options.dry_run) {
    if (root) print_plan(prepared->sweep, prepared->plan, prepared->shard, prepared->owned);
    return ok;
  }
  // The root opens (or creates, or resumes) the work directory and holds
  // its lock for the job; the other ranks join it once it is there. A shard
  // has a work directory of its own beside its own output, so a killed
  // array task is resumed alone.
  const PartsManifest manifest = manifest_of(*prepared, options);
  std::optional<PartsDirectory> parts;
  workers.together([&] {
    if (root) parts.emplace(prepared->output, manifest, parts_mode(options));
  });
  workers.together([&] {
    if (!root) parts.emplace(prepared->output, manifest, PartsMode::join);
  });
  std::error_code error;
  if (options.resume &&
      std::filesystem::exists(std::filesystem::symlink_status(prepared->output, error)))
    return finish_completed(*prepared, *parts, options.quiet);
  std::vector<RunPlan> missing;
  if (root) {
    missing = missing_runs(prepared->owned, *parts);
    if (!options.quiet) report_resuming(*prepared, *parts, missing.size());
  }

  const Provenance provenance{program_version,
                              git_commit,
                              utc_now(),
                              invocation(),
                              "sweep",
                              prepared->sweep.seed,
                              prepared->sweep.given_text,
                              prepared->plan.resolved_json};
  CancelOnSignal cancel;
  // Ranks' live progress lines would interleave on mpirun's stderr; rank 0
  // reports the runs of each rank at the end instead.
  ProgressReport::Options progress_options;
  progress_options.enabled = !options.quiet && workers.alone();
  progress_options.live = stderr_is_terminal();
  ProgressReport progress(static_cast<std::int64_t>(missing.size()), total_days(missing), std::cerr,
                          progress_options);
  try {
    workers.compute(missing, prepared->plan, *parts, provenance,
                    part_run_options(options, cancel, progress));
    progress.finish();
    if (!root) return ok;
    // Copying a large sweep's runs takes a while after progress shows 100%.
    if (!options.quiet)
      std::cerr << "trustsim: combining " << plural(prepared->owned.size(), "run") << " into "
                << prepared->output.string() << "\n";
    write_output(*prepared, *parts, provenance, options.force, cancel);
  } catch (const FailedElsewhere&) {
    return internal_error;
  } catch (const Cancelled&) {
    progress.finish();
    if (root) report_interrupted(cancel, *parts, prepared->owned);
    // A rank that received no signal itself stops as if terminated.
    return cancel.signal_number() ? cancel.exit_code() : 128 + SIGTERM;
  } catch (const hdf5::Error& error) {
    // A full disk or a file size limit: the runs that were written are kept.
    progress.finish();
    throw WriteError(prepared->output.string() +
                     ": cannot write the sweep's files: " + error.what() +
                     "; finished runs are kept in " + parts->path().string() + " for --resume");
  }
  remove_parts(*parts, options.quiet);
  if (!options.quiet) report_written(*prepared, missing.size(), workers.computed_by(), started);
  return ok;
}

int execute_here(const SweepOptions& options) {
  Workers alone;
  return execute_sweep(options, alone);
}

#if TRUSTSIM_WITH_MPI
// Under mpirun: every rank computes runs dealt out by rank 0 into the
// shared work directory (cluster/); rank 0 writes the output.
class RanksOfJob : public Workers {
 public:
  explicit RanksOfJob(const cluster::MpiSession& session) : session_(session) {}
  bool is_root() const override { return session_.is_root(); }
  bool alone() const override { return false; }
  void together(const std::function<void()>& step) const override {
    cluster::on_every_rank(session_, step);
  }
  void compute(const std::vector<RunPlan>& missing, const SweepPlan& plan,
               const PartsDirectory& parts, const Provenance& provenance,
               const PartRunOptions& options) override {
    const cluster::RanksOutcome outcome = cluster::run_parts_across_ranks(
        session_, missing, plan, parts, &trustsim::simulate, provenance, options);
    if (outcome.problem) std::rethrow_exception(outcome.problem);
    if (outcome.agreed == cluster::RankOutcome::failed) throw FailedElsewhere();
    if (outcome.agreed == cluster::RankOutcome::cancelled) throw Cancelled();
    reports_ = outcome.reports;
  }
  std::string computed_by() const override {
    std::string ranks = " by " + plural(static_cast<std::size_t>(session_.size()), "rank") + " (";
    for (std::size_t r = 0; r < reports_.size(); ++r)
      ranks += (r ? " + " : "") + std::to_string(reports_[r].runs_computed);
    return ranks + ")";
  }

 private:
  const cluster::MpiSession& session_;
  std::vector<cluster::RankReport> reports_;  // on rank 0
};

int execute_across_ranks(const SweepOptions& options, const cluster::MpiSession& session) {
  RanksOfJob ranks(session);
  return execute_sweep(options, ranks);
}
#endif

int execute(const SweepOptions& options) {
  return execute_here_or_across_ranks(
      [&] { return execute_here(options); },
      [&](const auto& session) { return execute_across_ranks(options, session); });
}

}  // namespace

Subcommand add_sweep_command(CLI::App& root) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* app = root.add_subcommand(
      "sweep", "Run a sweep (variants x grid/sampled design x replicates) into one HDF5 file");
  app->add_option("sweep", options->sweep_path, "Sweep file (JSON)")->required();
  app->add_option("-o,--output", options->output_path,
                  "Output file (default: results/<sweep name>.h5)");
  app->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  auto* resume = app->add_flag("--resume", options->resume,
                               "Continue an interrupted sweep from OUT.h5.parts/ (finished runs "
                               "are kept; starts afresh if there is none)");
  app->add_flag("--force", options->force,
                "Discard an interrupted sweep's parts and overwrite the output file")
      ->excludes(resume);
  app->add_flag("-q,--quiet", options->quiet, "No progress or closing message on stderr");
  app->add_option("--shard", options->shard,
                  "Run only the I-th of N slices of the runs (run ids leaving I-1 when divided by "
                  "N) into a shard file; combine the N files with trustsim merge")
      ->type_name("I/N")
      ->check(CLI::Validator(
          [](std::string& text) {
            try {
              (void)parse_shard(text);
              return std::string();
            } catch (const std::invalid_argument& problem) {
              return std::string(problem.what());
            }
          },
          "I/N"));
  add_set_option(*app, options->assignments)
      ->description(
          "Override a key of the base scenario for every run, as key=value "
          "(repeatable; variants and the design override it in turn)");
  app->add_option("--replicates", options->replicates, "Replicates (overrides the sweep's)")
      ->check(CLI::PositiveNumber);
  app->add_flag("--dry-run", options->dry_run,
                "Check the sweep and print its plan (runs, seeds, design points); run nothing");
  app->footer(
      "Examples:\n"
      "  trustsim sweep scenarios/interventions.json\n"
      "  trustsim sweep scenarios/trust_sensitivity.json --dry-run\n"
      "  trustsim sweep scenarios/regimes.json -o results/regimes.h5 --threads 4\n"
      "  trustsim sweep scenarios/interventions.json --replicates 5 --set days=120\n"
      "  trustsim sweep scenarios/interventions.json --resume   # after Ctrl-C or a kill\n"
      "  trustsim sweep scenarios/interventions.json --shard 2/8 -o part-2.h5   # array task 2\n"
      "  trustsim merge part-*.h5 -o results/interventions.h5\n"
      "  trustsim summary results/interventions.h5");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
