// `trustsim calibrate CALIBRATION.json`: fits scenario parameters to targets
// by ABC-SMC (sim/calibrate/), every population's runs in parallel on the
// runner, each finished population committed to OUT.h5.parts/ so that a
// killed calibration continues with --resume, then the posterior, its
// populations and the posterior predictive written to OUT.h5.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>

#include "calibrate/calibration_file.hpp"
#include "calibrate/calibration_output.hpp"
#include "calibrate/calibration_run.hpp"
#include "calibrate/population_store.hpp"
#include "cli/command_line.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "sweep/sweep_plan.hpp"
#include "version.hpp"

namespace trustsim::cli {

namespace {

// Names a file to which each committed population's number is appended:
// how the tests see that a resumed calibration redoes no committed one.
constexpr const char* population_log_variable = "TRUSTSIM_DEBUG_POPULATION_LOG";

struct CalibrateOptions {
  std::string calibration_path;
  std::string output_path;
  int threads = 0;
  bool resume = false;
  bool force = false;
  bool quiet = false;
};

std::filesystem::path default_output(const std::string& calibration_path) {
  return std::filesystem::path("results") /
         (std::filesystem::path(calibration_path).stem().string() + ".h5");
}

PartsMode parts_mode(const CalibrateOptions& options) {
  return options.force ? PartsMode::force : options.resume ? PartsMode::resume : PartsMode::fresh;
}

void report_population(const Population& p, int max_populations) {
  std::cerr << "trustsim: population " << p.index << " of at most " << max_populations
            << " committed: tolerance " << std::setprecision(4) << p.tolerance << ", acceptance "
            << p.acceptance_rate() << ", effective sample size " << p.effective_sample_size()
            << ", " << p.simulations << " runs\n";
}

int execute(const CalibrateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const CalibrationDefinition calibration = read_calibration_file(options.calibration_path);
  const std::filesystem::path output = options.output_path.empty()
                                           ? default_output(options.calibration_path)
                                           : std::filesystem::path(options.output_path);
  refuse_existing_output(output, options.force);

  const PartsManifest manifest{fingerprint_text(calibration.fingerprint),
                               calibration.method.max_populations, program_version, git_commit,
                               options.calibration_path};
  PopulationStore store(output, manifest, parts_mode(options), calibration.priors.size());

  CancelOnSignal cancel;
  CalibrationRunOptions run_options;
  run_options.threads = options.threads;
  run_options.cancel = &cancel.flag();
  const char* log = std::getenv(population_log_variable);
  run_options.on_population_committed = [&](const Population& p) {
    if (!options.quiet) report_population(p, calibration.method.max_populations);
    if (log && *log) std::ofstream(log, std::ios::app) << p.index << '\n';
  };

  CalibrationResult result;
  try {
    const std::size_t already = store.committed().size();
    if (already > 0 && !options.quiet)
      std::cerr << "trustsim: resuming: " << already << " population" << (already == 1 ? "" : "s")
                << " already committed in " << store.path().string() << "\n";
    result = run_calibration(calibration, store, &trustsim::simulate, run_options);
    const Provenance provenance{program_version,
                                git_commit,
                                utc_now(),
                                invocation(),
                                calibration_kind,
                                calibration.seed,
                                calibration.given_text,
                                calibration.resolved_json};
    OutputFile file(output, options.force);
    CancelOnSignal::set_emergency_cleanup(file.temporary_path().string());
    write_calibration_output(file, calibration, result, provenance);
    if (cancel.requested()) throw Cancelled();
    file.commit();
  } catch (const Cancelled&) {
    std::cerr << "trustsim: interrupted by signal " << cancel.signal_number() << "; "
              << store.committed().size() << " population(s) committed in " << store.path().string()
              << "; run the same command with --resume to continue\n";
    return cancel.exit_code();
  } catch (const hdf5::Error& error) {
    throw WriteError(output.string() + ": cannot write the calibration's files: " + error.what() +
                     "; committed populations are kept in " + store.path().string() +
                     " for --resume");
  }
  store.remove();
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::int64_t runs = 0;
    for (const auto& p : result.populations) runs += p.simulations;
    std::cerr << "trustsim: wrote " << output.string() << " (" << result.populations.size()
              << " populations of " << calibration.method.population_size << " particles, "
              << result.resumed_populations << " resumed; stopped: " << result.stop_reason << "; "
              << std::fixed << std::setprecision(1) << seconds << " s)\n";
  }
  return ok;
}

}  // namespace

Subcommand add_calibrate_command(CLI::App& root) {
  auto options = std::make_shared<CalibrateOptions>();
  CLI::App* app = root.add_subcommand(
      "calibrate", "Fit scenario parameters to observed targets by ABC-SMC into one HDF5 file");
  app->add_option("calibration", options->calibration_path, "Calibration file (JSON)")->required();
  app->add_option("-o,--output", options->output_path,
                  "Output file (default: results/<calibration file name>.h5)");
  app->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  auto* resume = app->add_flag("--resume", options->resume,
                               "Continue an interrupted calibration from OUT.h5.parts/ (committed "
                               "populations are kept; starts afresh if there is none)");
  app->add_flag("--force", options->force,
                "Discard an interrupted calibration's populations and overwrite the output file")
      ->excludes(resume);
  app->add_flag("-q,--quiet", options->quiet, "No progress or closing message on stderr");
  app->footer(
      "Examples:\n"
      "  trustsim calibrate scenarios/calibration/recovery.json -o results/recovery.h5\n"
      "  trustsim calibrate scenarios/calibration/recovery.json --resume   # after a kill\n"
      "  trustsim summary results/recovery.h5\n"
      "The file format, the method and the output layout: docs/calibration.md");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
