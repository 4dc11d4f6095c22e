// Scenario overrides that come from a sweep file, and the scenario they
// resolve to. An override is validated exactly like a key of a scenario
// file (the scenario reader's validator does the work), but a problem is
// reported where the user wrote the override in the sweep file, e.g.
//   sweeps/x.json: /variants/online/meetings.regim: unknown key "regim"; ...
#pragma once

#include <string>
#include <vector>

#include "scenario/overrides.hpp"
#include "scenario/parameter_table.hpp"

namespace trustsim {

struct PlacedOverride {
  Override change;
  std::string sweep_pointer;  // where the sweep file sets it: "/grid/days/2"
};

struct ResolvedScenario {
  ScenarioSettings settings;
  Json resolved;  // every key, defaults filled in: the run's provenance
};

// Applies `overrides` in order to a copy of `base` and validates the
// result. Throws ScenarioError naming `sweep_source` and the sweep pointer
// of the override at fault, or `context_pointer` when the problem lies in
// how several settings combine.
ResolvedScenario resolve_with_overrides(const Json& base,
                                        const std::vector<PlacedOverride>& overrides,
                                        const std::string& sweep_source,
                                        const std::string& context_pointer);

}  // namespace trustsim
