// Shared fixtures for the scenario suites: a small valid scenario and a way
// to expect a ScenarioError with a given location.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim::testing {

// Two teams across two organisations: the smallest scenario that has
// "between teams" and "across organisations".
inline Json small_scenario() {
  return Json::parse(R"({
    "name": "small",
    "days": 30,
    "system": {"teams": [
      {"name": "frailty", "site": "north", "staff": [
        {"profession": "nurse", "organisation": "community_provider", "count": 3},
        {"profession": "geriatrician", "organisation": "acute_hospital", "count": 1}]},
      {"name": "pharmacy", "site": "south", "staff": [
        {"profession": "pharmacist", "organisation": "primary_care", "count": 2, "site": "north"}]}
    ]}
  })");
}

// The ScenarioError thrown for `text` (with `overrides`); fails the test if
// the scenario is accepted.
inline ScenarioError error_for_text(const std::string& text,
                                    const std::vector<Override>& overrides = {}) {
  try {
    read_scenario_text(text, "scenario.json", overrides);
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("scenario was accepted: " << text);
  throw std::logic_error("unreachable");
}

inline ScenarioError error_for(const Json& document, const std::vector<Override>& overrides = {}) {
  return error_for_text(document.dump(), overrides);
}

}  // namespace trustsim::testing
