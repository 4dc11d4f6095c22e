// `trustsim sweep SWEEP.json`: every run of a sweep (variants x design
// points x replicates) in parallel, each finished run saved at once to
// OUT.h5.parts/ so that a killed sweep continues with --resume, then all
// runs combined into OUT.h5 with the /comparison table.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/command_line.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "runner/progress.hpp"
#include "sweep/combine_parts.hpp"
#include "sweep/run_missing_parts.hpp"
#include "sweep/sweep_definition.hpp"
#include "version.hpp"

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
};

std::filesystem::path default_output(const std::string& sweep_path) {
  return std::filesystem::path("results") /
         (std::filesystem::path(sweep_path).stem().string() + ".h5");
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::size_t design_points(const SweepPlan& plan, int replicates) {
  return plan.runs.size() / plan.variant_names.size() / static_cast<std::size_t>(replicates);
}

// --dry-run: what would run, from the same plan a real sweep executes.
void print_plan(const SweepDefinition& sweep, const SweepPlan& plan) {
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
  std::cout << "run_id  variant  replicate  seed";
  for (const auto& key : plan.swept_keys) std::cout << "  " << key;
  std::cout << "\n";
  const std::size_t shown = std::min<std::size_t>(plan.runs.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) {
    const RunPlan& run = plan.runs[i];
    std::cout << run.run_id << "  " << run.variant << "  " << run.replicate << "  " << run.seed;
    for (double v : run.swept_values) std::cout << "  " << v;
    std::cout << "\n";
  }
  if (shown < plan.runs.size()) std::cout << "... (" << plan.runs.size() - shown << " more)\n";
}

int execute(const SweepOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  // Everything about the sweep is checked before any file is touched.
  const SweepDefinition sweep = read_sweep_file(options.sweep_path);
  const SweepPlan plan = expand_sweep(sweep);
  if (options.dry_run) {
    print_plan(sweep, plan);
    return ok;
  }
  const std::filesystem::path output = options.output_path.empty()
                                           ? default_output(options.sweep_path)
                                           : std::filesystem::path(options.output_path);
  refuse_existing_output(output, options.force);

  const PartsMode mode = options.force    ? PartsMode::force
                         : options.resume ? PartsMode::resume
                                          : PartsMode::fresh;
  PartsDirectory parts(
      output,
      PartsManifest{fingerprint_text(plan.fingerprint), static_cast<std::int64_t>(plan.runs.size()),
                    program_version, git_commit, options.sweep_path},
      mode);
  const std::vector<RunPlan> missing = missing_runs(plan, parts);
  const std::size_t already = plan.runs.size() - missing.size();
  if (!options.quiet && already > 0)
    std::cerr << "trustsim: resuming: " << already << " of " << plural(plan.runs.size(), "run")
              << " already done in " << parts.path().string() << "; " << missing.size()
              << " to run\n";

  const Provenance provenance{program_version, git_commit, utc_now(),        invocation(),
                              "sweep",         sweep.seed, sweep.given_text, plan.resolved_json};
  CancelOnSignal cancel;
  ProgressReport::Options progress_options;
  progress_options.enabled = !options.quiet;
  progress_options.live = stderr_is_terminal();
  ProgressReport progress(static_cast<std::int64_t>(missing.size()), total_days(missing), std::cerr,
                          progress_options);
  PartRunOptions run_options;
  run_options.threads = options.threads;
  run_options.cancel = &cancel.flag();
  run_options.on_day = [&progress](int) { progress.day_done(); };
  run_options.on_run_done = [&progress] { progress.run_done(); };
  if (const char* log = std::getenv(run_log_variable); log && *log)
    run_options.on_part_written = [path = std::string(log)](std::int64_t run_id) {
      std::ofstream(path, std::ios::app) << run_id << '\n';
    };

  try {
    run_missing_parts(missing, plan, parts, &trustsim::simulate, provenance, run_options);
    progress.finish();
    OutputFile file(output, options.force);
    CancelOnSignal::set_emergency_cleanup(file.temporary_path().string());
    combine_parts(plan, parts, file, provenance);
    if (cancel.requested()) throw Cancelled();  // a signal while combining: keep the parts
    file.commit();
  } catch (const Cancelled&) {
    progress.finish();
    const auto saved = parts.finished_count();
    std::cerr << "trustsim: interrupted by signal " << cancel.signal_number() << "; " << saved
              << " of " << plural(plan.runs.size(), "run") << " saved in " << parts.path().string()
              << "; run the same command with --resume to continue\n";
    return cancel.exit_code();
  }
  parts.remove();
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "trustsim: wrote " << output.string() << " (" << plural(plan.runs.size(), "run")
              << ": " << plural(plan.variant_names.size(), "variant") << " x "
              << plural(design_points(plan, sweep.replicates), "design point") << " x "
              << plural(static_cast<std::size_t>(sweep.replicates), "replicate") << ", "
              << missing.size() << " computed now, in " << std::fixed << std::setprecision(1)
              << seconds << " s)\n";
  }
  return ok;
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
  app->add_flag("--dry-run", options->dry_run,
                "Check the sweep and print its plan (runs, seeds, design points); run nothing");
  app->footer(
      "Examples:\n"
      "  trustsim sweep scenarios/interventions.json\n"
      "  trustsim sweep scenarios/trust_sensitivity.json --dry-run\n"
      "  trustsim sweep scenarios/regimes.json -o results/regimes.h5 --threads 4\n"
      "  trustsim sweep scenarios/interventions.json --resume   # after Ctrl-C or a kill\n"
      "  trustsim summary results/interventions.h5");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
