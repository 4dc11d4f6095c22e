// `trustsim calibrate CALIBRATION.json`: fits scenario parameters to targets
// by ABC-SMC (sim/calibrate/), every population's runs in parallel on the
// runner, each finished population committed to OUT.h5.parts/ so that a
// killed calibration continues with --resume, then the posterior, its
// populations and the posterior predictive written to OUT.h5.
#include <algorithm>
#include <chrono>
#include <cstdint>
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
#include "cli/here_or_across_ranks.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "sweep/sweep_plan.hpp"
#include "version.hpp"

#if TRUSTSIM_WITH_MPI
#include <optional>

#include "cluster/mpi_session.hpp"
#include "cluster/share_across_ranks.hpp"
#endif

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

PartsMode parts_mode(const CalibrateOptions& options) {
  return options.force ? PartsMode::force : options.resume ? PartsMode::resume : PartsMode::fresh;
}

void report_population(const Population& p, int max_populations) {
  std::cerr << "trustsim: population " << p.index << " of at most " << max_populations
            << " committed: tolerance " << std::setprecision(4) << p.tolerance << ", acceptance "
            << p.acceptance_rate() << ", effective sample size " << p.effective_sample_size()
            << ", " << p.simulations << " runs";
  if (p.next_size > 0)
    std::cerr << "; " << p.particles.size() << " particles, mean CV " << p.mean_cv
              << ", next population " << p.next_size;
  std::cerr << "\n";
}

// Everything a calibration needs before its first run, on every rank.
struct PreparedCalibration {
  CalibrationDefinition calibration;
  std::filesystem::path output;
  PartsManifest manifest;
};

PreparedCalibration prepare(const CalibrateOptions& options) {
  CalibrationDefinition calibration = read_calibration_file(options.calibration_path);
  std::filesystem::path output = options.output_path.empty()
                                     ? default_output(options.calibration_path)
                                     : std::filesystem::path(options.output_path);
  refuse_existing_output(output, options.force);
  PartsManifest manifest{fingerprint_text(calibration.fingerprint),
                         calibration.method.max_populations, program_version, git_commit,
                         options.calibration_path};
  return {std::move(calibration), std::move(output), std::move(manifest)};
}

CalibrationRunOptions run_options(const CalibrateOptions& options, const CalibrationDefinition& c,
                                  const CancelOnSignal& cancel, bool reports) {
  CalibrationRunOptions run;
  run.threads = options.threads;
  run.cancel = &cancel.flag();
  run.commit_populations = reports;
  const char* log = std::getenv(population_log_variable);
  const int max_populations = c.method.max_populations;
  run.on_population_committed = [quiet = options.quiet || !reports, log,
                                 max_populations](const Population& p) {
    if (!quiet) report_population(p, max_populations);
    if (log && *log) std::ofstream(log, std::ios::app) << p.index << '\n';
  };
  return run;
}

void report_resuming(const PopulationStore& store, bool quiet) {
  const std::size_t already = store.committed().size();
  if (already > 0 && !quiet)
    std::cerr << "trustsim: resuming: " << already << " population" << (already == 1 ? "" : "s")
              << " already committed in " << store.path().string() << "\n";
}

int report_interrupted(const CancelOnSignal& cancel, const PopulationStore& store) {
  std::cerr << "trustsim: interrupted by signal " << cancel.signal_number() << "; "
            << store.committed().size() << " population(s) committed in " << store.path().string()
            << "; run the same command with --resume to continue\n";
  return cancel.exit_code();
}

// The output from a finished calibration; then its work directory goes.
int write_output(const CalibrateOptions& options, const PreparedCalibration& prepared,
                 PopulationStore& store, const CalibrationResult& result,
                 const CancelOnSignal& cancel, const std::string& computed_by,
                 std::chrono::steady_clock::time_point started) {
  const CalibrationDefinition& calibration = prepared.calibration;
  try {
    const Provenance provenance{program_version,
                                git_commit,
                                utc_now(),
                                invocation(),
                                calibration_kind,
                                calibration.seed,
                                calibration.given_text,
                                calibration.resolved_json};
    OutputFile file(prepared.output, options.force);
    CancelOnSignal::set_emergency_cleanup(file.temporary_path().string());
    write_calibration_output(file, calibration, result, provenance);
    if (cancel.requested()) throw Cancelled();
    file.commit();
  } catch (const Cancelled&) {
    return report_interrupted(cancel, store);
  } catch (const hdf5::Error& error) {
    throw WriteError(
        prepared.output.string() + ": cannot write the calibration's files: " + error.what() +
        "; committed populations are kept in " + store.path().string() + " for --resume");
  }
  store.remove();
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::size_t smallest = SIZE_MAX, largest = 0;
    for (const auto& p : result.populations) {
      smallest = std::min(smallest, p.particles.size());
      largest = std::max(largest, p.particles.size());
    }
    const std::string sizes = smallest == largest
                                  ? std::to_string(largest)
                                  : std::to_string(smallest) + " to " + std::to_string(largest);
    std::cerr << "trustsim: wrote " << prepared.output.string() << " (" << result.populations.size()
              << " populations of " << sizes << " particles, " << result.resumed_populations
              << " resumed" << computed_by << "; stopped: " << result.stop_reason << "; "
              << std::fixed << std::setprecision(1) << seconds << " s)\n";
  }
  return ok;
}

int execute_here(const CalibrateOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const PreparedCalibration prepared = prepare(options);
  PopulationStore store(prepared.output, prepared.manifest, parts_mode(options),
                        prepared.calibration.priors.size());
  CancelOnSignal cancel;
  CalibrationResult result;
  try {
    report_resuming(store, options.quiet);
    result = run_calibration(prepared.calibration, store, &trustsim::simulate,
                             run_options(options, prepared.calibration, cancel, true));
  } catch (const Cancelled&) {
    return report_interrupted(cancel, store);
  }
  return write_output(options, prepared, store, result, cancel, "", started);
}

#if TRUSTSIM_WITH_MPI
// Under mpirun: every rank runs the same calibration, computing its share
// of each batch of runs (cluster/share_across_ranks.hpp), so every rank
// holds every population; rank 0 commits them and writes the output.
int execute_across_ranks(const CalibrateOptions& options, const cluster::MpiSession& session) {
  const auto started = std::chrono::steady_clock::now();
  const bool root = session.is_root();
  std::optional<PreparedCalibration> prepared;
  cluster::on_every_rank(session, [&] { prepared.emplace(prepare(options)); });
  const std::size_t parameters = prepared->calibration.priors.size();
  // Rank 0 opens (or creates, or resumes) the work directory and holds its
  // lock for the job; the others join it to read committed populations.
  std::optional<PopulationStore> store;
  cluster::on_every_rank(session, [&] {
    if (root) store.emplace(prepared->output, prepared->manifest, parts_mode(options), parameters);
  });
  cluster::on_every_rank(session, [&] {
    if (!root) store.emplace(prepared->output, prepared->manifest, PartsMode::join, parameters);
  });
  CancelOnSignal cancel;
  CalibrationRunOptions run = run_options(options, prepared->calibration, cancel, root);
  EnsembleOptions ensemble;
  ensemble.threads = options.threads;
  ensemble.cancel = &cancel.flag();
  // Each rank's share of the runs, for the closing line: rank r computes
  // a batch's runs i with i mod size = r.
  std::vector<std::int64_t> shares(static_cast<std::size_t>(session.size()), 0);
  run.compute_runs = [&](const std::vector<RunPlan>& plans) {
    for (std::size_t i = 0; i < plans.size(); ++i) ++shares[i % shares.size()];
    const std::vector<double> values = cluster::share_across_ranks(
        session, plans.size(), outcome_count, [&](const std::vector<std::size_t>& mine) {
          std::vector<RunPlan> share;
          for (std::size_t i : mine) share.push_back(plans[i]);
          std::vector<double> flat;
          for (const Outcomes& o : compute_runs_here(share, &trustsim::simulate, ensemble))
            flat.insert(flat.end(), o.begin(), o.end());
          return flat;
        });
    std::vector<Outcomes> outcomes(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i)
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(i * outcome_count), outcome_count,
                  outcomes[i].begin());
    return outcomes;
  };
  CalibrationResult result;
  try {
    if (root) report_resuming(*store, options.quiet);
    result = run_calibration(prepared->calibration, *store, &trustsim::simulate, run);
  } catch (const Cancelled&) {
    return root ? report_interrupted(cancel, *store) : cancel.exit_code();
  } catch (const cluster::OtherRankFailed&) {
    if (!cancel.requested()) throw;
    return root ? report_interrupted(cancel, *store) : cancel.exit_code();
  }
  if (!root) return ok;
  std::string by = "; runs computed by " + std::to_string(session.size()) + " ranks (";
  for (std::size_t r = 0; r < shares.size(); ++r)
    by += (r ? " + " : "") + std::to_string(shares[r]);
  return write_output(options, *prepared, *store, result, cancel, by + ")", started);
}
#endif

int execute(const CalibrateOptions& options) {
  return execute_here_or_across_ranks(
      [&] { return execute_here(options); },
      [&](const auto& session) { return execute_across_ranks(options, session); });
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
  add_resume_flags(*app, options->resume, options->force, options->quiet, "calibration",
                   "committed populations", "populations");
  app->footer(
      "Examples:\n"
      "  trustsim calibrate scenarios/calibration/recovery.json -o results/recovery.h5\n"
      "  trustsim calibrate scenarios/calibration/recovery.json --resume   # after a kill\n"
      "  trustsim summary results/recovery.h5\n"
      "The file format, the method and the output layout: docs/calibration.md");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
