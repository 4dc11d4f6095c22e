// `--set dotted.key=value` overrides, applied to the scenario JSON before it
// is validated, so an override is checked exactly like a key in the file.
#pragma once

#include <string>
#include <vector>

#include "scenario/json_value.hpp"

namespace trustsim {

struct Override {
  std::string label;    // how the user wrote it, for messages: "--set days", "--seed"
  std::string key;      // dotted: "system.teams.0.staff.1.count"
  std::string pointer;  // the same as a JSON pointer: "/system/teams/0/staff/1/count"
  Json value;
};

// Parses "dotted.key=value". The value is read as JSON ("3", "true",
// "[1,2]", "\"x\"") and, failing that, taken as a plain string, so that
// `--set meetings.regime=online` needs no quotes. Throws ScenarioError.
Override parse_override(const std::string& assignment);

// An override with a value already in hand (for options like --seed).
Override make_override(std::string label, const std::string& dotted_key, Json value);

// Puts the value at its place in `document`, creating groups (objects) that
// the file leaves out. List entries must already exist. Throws ScenarioError.
void apply_override(Json& document, const Override& override_);

}  // namespace trustsim
