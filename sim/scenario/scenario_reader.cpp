#include "scenario/scenario_reader.hpp"

#include "scenario/consistency.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

namespace {

// An error found in a value that an override put there is reported against
// the override, which is what the user has to fix.
[[noreturn]] void report(const InvalidValue& error, const std::string& source,
                         const std::vector<Override>& overrides) {
  for (auto o = overrides.rbegin(); o != overrides.rend(); ++o) {
    const std::string& pointer = o->pointer;
    const bool inside = error.pointer == pointer ||
                        error.pointer.compare(0, pointer.size() + 1, pointer + "/") == 0;
    if (inside)
      throw ScenarioError(o->label, error.pointer == pointer ? "" : error.pointer, error.problem);
  }
  throw ScenarioError(source, error.pointer, error.problem);
}

}  // namespace

ScenarioSettings settings_from_json(const Json& document) {
  ScenarioSettings settings;
  reject_retired_keys(document);
  read_object(document, "", scenario_fields(), settings);
  check_consistency(settings, document);
  return settings;
}

Json resolved_json(const ScenarioSettings& settings) {
  return write_object(settings, scenario_fields());
}

Scenario read_scenario_text(const std::string& text, const std::string& source,
                            const std::vector<Override>& overrides) {
  Json document = parse_json_document(text, source);
  if (!document.is_object())
    throw ScenarioError(source, "/", "a scenario must be a JSON object, got " + describe(document));
  Scenario scenario{source, text, document, Json(), {}};
  for (const auto& o : overrides) apply_override(document, o);
  try {
    scenario.settings = settings_from_json(document);
  } catch (const InvalidValue& error) {
    report(error, source, overrides);
  }
  scenario.resolved = resolved_json(scenario.settings);
  return scenario;
}

Scenario read_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  return read_scenario_text(read_input_bytes(path), path, overrides);
}

}  // namespace trustsim
