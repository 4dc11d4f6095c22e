#include "sweep/placed_override.hpp"

#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim {

namespace {

bool within(const std::string& pointer, const std::string& group) {
  return pointer == group || pointer.compare(0, group.size() + 1, group + "/") == 0;
}

}  // namespace

ResolvedScenario resolve_with_overrides(const Json& base,
                                        const std::vector<PlacedOverride>& overrides,
                                        const std::string& sweep_source,
                                        const std::string& context_pointer) {
  Json document = base;
  for (const auto& placed : overrides) {
    try {
      apply_override(document, placed.change);
    } catch (const ScenarioError& error) {  // e.g. a list entry that does not exist
      throw ScenarioError(sweep_source, placed.sweep_pointer, error.problem());
    }
  }
  ResolvedScenario result;
  try {
    result.settings = settings_from_json(document);
  } catch (const InvalidValue& error) {
    // The base was valid on its own, so the override that touches the bad
    // key (at it, inside it, or as an unknown group leading to it) is the
    // one to fix; the last such override wins, as it does when applied.
    for (auto placed = overrides.rbegin(); placed != overrides.rend(); ++placed) {
      const std::string& at = placed->change.pointer;
      if (within(error.pointer, at) || within(at, error.pointer)) {
        const std::string inner = error.pointer.size() > at.size() ? error.pointer + ": " : "";
        throw ScenarioError(sweep_source, placed->sweep_pointer, inner + error.problem);
      }
    }
    throw ScenarioError(
        sweep_source, context_pointer,
        "with these overrides the scenario is invalid: " + error.pointer + ": " + error.problem);
  }
  result.resolved = resolved_json(result.settings);
  return result;
}

}  // namespace trustsim
