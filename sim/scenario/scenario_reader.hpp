// From a scenario file (plus --set overrides) to validated settings and the
// fully resolved JSON that goes into every output file's provenance.
#pragma once

#include <string>
#include <vector>

#include "scenario/json_value.hpp"
#include "scenario/overrides.hpp"
#include "scenario/parameter_table.hpp"

namespace trustsim {

struct Scenario {
  std::string source;      // the file name as given
  std::string given_text;  // the file's bytes as read
  Json given;              // the file's document, before overrides
  Json resolved;           // every key, defaults filled in, overrides applied
  ScenarioSettings settings;
};

// Throws ScenarioError ("FILE: /pointer: problem", or "FILE:LINE:COL:
// problem" for JSON syntax) on any problem with the file or an override.
Scenario read_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});

// The same from text already in memory; `source` names it in messages.
Scenario read_scenario_text(const std::string& text, const std::string& source,
                            const std::vector<Override>& overrides = {});

// Validates a parsed document (throws InvalidValue) and returns its settings.
ScenarioSettings settings_from_json(const Json& document);

// Every key of the scenario with its value: the same table that reads.
Json resolved_json(const ScenarioSettings& settings);

}  // namespace trustsim
