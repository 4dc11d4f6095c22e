// `trustsim validate SCENARIO.json`: check a scenario (and --set overrides)
// without running anything. A sweep file (one with a `base`) is checked as a
// sweep: every variant and design point resolved and validated.
#include <iostream>
#include <memory>

#include "calibrate/calibration_file.hpp"
#include "cli/command_line.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_reader.hpp"
#include "scenario/schema_doc.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim::cli {

namespace {

struct ValidateOptions {
  std::string scenario_path;
  std::vector<std::string> assignments;
  bool print_resolved = false;
  bool list_keys = false;
};

// A calibration file (one with targets and parameters): read and checked as
// `trustsim calibrate` reads it, its priors' ends and targets included.
int validate_calibration(const ValidateOptions& options) {
  if (!options.assignments.empty()) {
    std::cerr
        << "validate: --set applies to scenarios; a calibration sets keys in its parameters\n";
    return bad_input;
  }
  const CalibrationDefinition calibration = read_calibration_file(options.scenario_path);
  if (options.print_resolved) {
    std::cout << calibration.resolved_json << '\n';
    return ok;
  }
  std::cout << "ok: calibration of " << calibration.priors.size() << " parameters to "
            << calibration.targets.targets.size() << " targets\n";
  return ok;
}

int execute(const ValidateOptions& options) {
  if (options.list_keys) {
    std::cout << schema_markdown();
    return ok;
  }
  if (options.scenario_path.empty()) {
    std::cerr << "validate: a scenario file is required (or --list-keys)\n";
    return bad_input;
  }
  const Json document =
      parse_json_document(read_input_bytes(options.scenario_path), options.scenario_path);
  if (is_calibration_document(document)) return validate_calibration(options);
  if (is_sweep_document(document)) {
    if (!options.assignments.empty()) {
      std::cerr << "validate: --set applies to scenarios; a sweep sets keys in its variants\n";
      return bad_input;
    }
    const SweepPlan plan = expand_sweep(read_sweep_file(options.scenario_path));
    if (options.print_resolved) {
      std::cout << plan.resolved_json << '\n';
      return ok;
    }
    std::cout << "ok: sweep of " << plan.runs.size() << " runs, " << plan.variant_names.size()
              << " variants (details: trustsim sweep " << options.scenario_path << " --dry-run)\n";
    return ok;
  }
  std::vector<Override> overrides;
  for (const auto& a : options.assignments) overrides.push_back(parse_override(a));
  const Scenario scenario = read_scenario_file(options.scenario_path, overrides);
  if (options.print_resolved) {
    std::cout << scenario.resolved.dump(2) << '\n';
    return ok;
  }
  const Parameters& p = scenario.settings.parameters;
  long long staff = 0;
  for (const auto& team : p.system.teams)
    for (const auto& group : team.staff) staff += group.count;
  const auto teams = static_cast<long long>(p.system.teams.size()) * p.system.localities;
  staff *= p.system.localities;
  std::cout << "ok: " << teams << (teams == 1 ? " team, " : " teams, ") << staff << " staff, "
            << p.days << " days\n";
  return ok;
}

}  // namespace

Subcommand add_validate_command(CLI::App& root) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* app = root.add_subcommand("validate", "Check a scenario (or sweep) file; run nothing");
  app->add_option("scenario", options->scenario_path, "Scenario file (JSON)");
  add_set_option(*app, options->assignments);
  app->add_flag("--resolved", options->print_resolved,
                "Print the scenario with every default filled in (JSON)");
  app->add_flag("--list-keys", options->list_keys,
                "Print the reference of every scenario key (Markdown) and exit");
  app->footer(
      "Examples:\n"
      "  trustsim validate scenarios/baseline.json\n"
      "  trustsim validate scenarios/baseline.json --set days=260 --resolved");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
