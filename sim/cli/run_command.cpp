// `trustsim run SCENARIO.json`: N replicates of one scenario into one file.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

#include "cli/command_line.hpp"
#include "io/result_writer.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "runner/ensemble.hpp"
#include "runner/progress.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"
#include "sweep/comparison_file.hpp"
#include "version.hpp"

namespace trustsim::cli {

namespace {

struct RunOptions {
  std::string scenario_path;
  std::string output_path;
  std::vector<std::string> assignments;
  std::string variant = "baseline";
  int replicates = 0;
  std::string seed;  // as typed: read like the scenario's `seed` key
  int threads = 0;
  bool summary_only = false;
  bool force = false;
  bool quiet = false;
  CLI::Option* replicates_option = nullptr;
  CLI::Option* seed_option = nullptr;
  CLI::Option* output_option = nullptr;
};

// --seed and --replicates are overrides of the scenario's own keys, so they
// are validated like any key and recorded in the resolved scenario.
std::vector<Override> overrides_of(const RunOptions& options) {
  std::vector<Override> overrides;
  for (const auto& a : options.assignments) overrides.push_back(parse_override(a));
  // Not CLI11's number conversion, which took -1 and 2^64 as 2^64-1 and
  // 0x10 as 16: the text is read as JSON, as `--set seed=...` is, and
  // checked as the key in a file is (an integer in [0, 2^64-1]).
  if (*options.seed_option) {
    Json value;
    try {
      value = parse_json_document(options.seed, "--seed");
    } catch (const ScenarioError&) {
      value = options.seed;  // not a number: refused by the key's check, naming --seed
    }
    overrides.push_back(make_override("--seed", "seed", std::move(value)));
  }
  if (*options.replicates_option)
    overrides.push_back(make_override("--replicates", "replicates", options.replicates));
  return overrides;
}

// The same /comparison a sweep writes (one variant: means and their
// intervals), so that every reader takes intervals from the file.
ComparisonTable run_comparison(
    const std::string& variant, int measure_from_day,
    const std::map<std::int64_t, std::array<double, outcome_count>>& runs) {
  SweepOutcomes table;
  for (const auto& [id, outcomes] : runs) {
    table.variant.push_back(variant);
    table.grid_values.emplace_back();
    table.outcomes.push_back(outcomes);
  }
  ComparisonTable comparison{{}, compare_variants({variant}, table)};
  comparison.window = window_text({{variant, measure_from_day}});
  return comparison;
}

int execute(const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Scenario scenario = read_scenario_file(options.scenario_path, overrides_of(options));
  const ScenarioSettings& settings = scenario.settings;
  if (*options.output_option && options.output_path.empty())
    throw FileError("-o: the output file name is empty");
  const std::filesystem::path output = options.output_path.empty()
                                           ? default_output(options.scenario_path)
                                           : std::filesystem::path(options.output_path);
  refuse_existing_output(output, options.force);  // before any work is done
  refuse_input_as_output({options.scenario_path}, output);

  const std::string resolved = scenario.resolved.dump(2);
  const auto plans = replicate_plans(std::make_shared<const Parameters>(settings.parameters),
                                     std::make_shared<const std::string>(resolved), settings.seed,
                                     options.variant, settings.replicates);

  CancelOnSignal cancel;
  remove_abandoned_temporaries(output);
  OutputFile file(output, options.force);
  CancelOnSignal::set_emergency_cleanup(file.temporary_path().string());
  ProgressReport::Options progress_options;
  progress_options.enabled = !options.quiet;
  progress_options.live = stderr_is_terminal();
  ProgressReport progress(static_cast<std::int64_t>(plans.size()), total_days(plans), std::cerr,
                          progress_options);
  EnsembleOptions ensemble;
  ensemble.threads = options.threads;
  ensemble.summary_only = options.summary_only;
  ensemble.cancel = &cancel.flag();
  ensemble.on_day = [&progress](int) { progress.day_done(); };
  ensemble.on_run_done = [&progress] { progress.run_done(); };

  // Contacts applied to the trust network, summed over runs: the unit of
  // work scripts/bench divides by to report a rate.
  std::uint64_t trust_updates = 0;
  std::map<std::int64_t, std::array<double, outcome_count>> outcomes;  // by run id
  try {
    const Provenance provenance{program_version, git_commit,    utc_now(),           invocation(),
                                "run",           settings.seed, scenario.given_text, resolved};
    ResultWriter writer(file, provenance, FileLayout{organisation_names(), {}});
    run_ensemble(
        plans, &trustsim::simulate,
        [&writer, &trust_updates, &outcomes](const RunPlan& plan, RunResult&& result) {
          trust_updates += result.trust_updates;
          outcomes[plan.run_id] = result.outcomes;
          writer.write_run(RunRecord{plan.run_id, plan.variant, plan.replicate, plan.seed,
                                     *plan.parameters_json, plan.swept_values},
                           result);
        },
        ensemble);
    writer.finish();
    write_comparison(
        file.id(),
        run_comparison(options.variant, settings.parameters.outputs.measure_from_day, outcomes));
    if (cancel.requested()) throw Cancelled();  // a signal while finishing: still no file
    file.commit();
  } catch (const Cancelled&) {
    progress.finish();
    file.abandon();
    std::cerr << "trustsim: cancelled by signal " << cancel.signal_number()
              << "; no output written\n";
    return cancel.exit_code();
  } catch (const hdf5::Error& error) {
    progress.finish();
    file.abandon();
    throw WriteError(output.string() + ": cannot write the output file: " + error.what() +
                     "; no output written");
  }
  progress.finish();
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "trustsim: wrote " << output.string() << " (" << plans.size() << " run"
              << (plans.size() == 1 ? "" : "s") << " of " << settings.parameters.days << " days in "
              << std::fixed << std::setprecision(1) << seconds << " s, " << trust_updates
              << " trust updates)\n";
  }
  return ok;
}

}  // namespace

Subcommand add_run_command(CLI::App& root) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* app = root.add_subcommand("run", "Run one scenario (N replicates) into an HDF5 file");
  app->add_option("scenario", options->scenario_path, "Scenario file (JSON)")->required();
  options->output_option = app->add_option("-o,--output", options->output_path,
                                           "Output file (default: results/<scenario name>.h5)");
  options->replicates_option =
      app->add_option("--replicates", options->replicates, "Replicates (overrides the scenario's)");
  options->seed_option =
      app->add_option("--seed", options->seed, "Base seed (overrides the scenario's)");
  app->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  add_set_option(*app, options->assignments);
  app->add_option("--variant", options->variant,
                  "Name of the runs' variant (default: baseline); it seeds the runs as a sweep's "
                  "variant of that name, for `trustsim compare`")
      ->check([](const std::string& name) {
        return name.empty() ? std::string("the variant name is empty") : std::string();
      });
  app->add_flag("--summary-only", options->summary_only,
                "Write each run's outcomes only (the summary and per-team tables): no daily "
                "series, team trust samples or network snapshots; for designs of many small runs");
  app->add_flag("--force", options->force, "Overwrite the output file if it exists");
  app->add_flag("-q,--quiet", options->quiet, "No progress or closing message on stderr");
  app->footer(
      "Examples:\n"
      "  trustsim run scenarios/baseline.json\n"
      "  trustsim run scenarios/baseline.json -o results/online.h5 --set meetings.regime=online\n"
      "  trustsim run scenarios/baseline.json --replicates 50 --seed 7 --threads 4 --force");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
