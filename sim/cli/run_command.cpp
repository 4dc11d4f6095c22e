// `trustsim run SCENARIO.json`: N replicates of one scenario into one file,
// as a sweep of one variant: each finished replicate saved at once to
// OUT.h5.parts/, so that a killed run continues with --resume.
#include <filesystem>
#include <memory>

#include "cli/command_line.hpp"
#include "cli/execute_plan.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim::cli {

namespace {

struct RunOptions : ExecuteOptions {
  std::string scenario_path;
  std::string output_path;
  std::vector<std::string> assignments;
  std::string variant = "baseline";
  int replicates = 0;
  std::string seed;  // as typed: read like the scenario's `seed` key
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

// The run as a one-variant plan, executed as a sweep is (execute_plan.hpp).
PreparedPlan prepare(const RunOptions& options) {
  const Scenario scenario = read_scenario_file(options.scenario_path, overrides_of(options));
  const ScenarioSettings& settings = scenario.settings;
  if (*options.output_option && options.output_path.empty())
    throw FileError("-o: the output file name is empty");
  PreparedPlan prepared;
  prepared.plan = one_variant_plan(std::make_shared<const Parameters>(settings.parameters),
                                   scenario.resolved.dump(2), settings.seed, options.variant,
                                   settings.replicates, options.summary_only);
  prepared.owned = prepared.plan.runs;
  prepared.output = options.output_path.empty() ? default_output(options.scenario_path)
                                                : std::filesystem::path(options.output_path);
  prepared.source = options.scenario_path;
  prepared.given_text = scenario.given_text;
  prepared.kind = "run";
  check_output(prepared.output, {options.scenario_path}, options);
  return prepared;
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
  add_resume_flags(*app, options->resume, options->force, options->quiet, "run",
                   "finished replicates", "parts");
  app->footer(
      "Examples:\n"
      "  trustsim run scenarios/baseline.json\n"
      "  trustsim run scenarios/baseline.json -o results/online.h5 --set meetings.regime=online\n"
      "  trustsim run scenarios/baseline.json --replicates 50 --seed 7 --threads 4 --force\n"
      "  trustsim run scenarios/baseline.json --replicates 50 --resume   # after Ctrl-C or a kill");
  return {app, [options] {
            Workers alone;
            return execute_plan(
                *options, [&options] { return prepare(*options); }, alone);
          }};
}

}  // namespace trustsim::cli
