// The schema of a scenario file: one table of Fields per kind of JSON object
// (the scenario itself, a team, a staff group, a change of meeting regime).
// docs/scenarios.md is generated from these tables (`trustsim validate
// --list-keys`), so the documentation cannot drift from the checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"
#include "scenario/field.hpp"

namespace trustsim {

// Everything a scenario file sets: the model's parameters plus how to run it.
struct ScenarioSettings {
  std::string name;
  std::string description;
  // Which parameters were fitted, to what (shown by every report); empty:
  // none, every rate is an assumption.
  std::string calibrated_to;
  std::uint64_t seed = 1;  // base seed; each run derives its own from it
  int replicates = 1;
  Parameters parameters;
};

// Hard limits that keep a mistyped size from exhausting memory: checked
// before anything is allocated for the simulation.
inline constexpr int max_days = 10000;  // ~38 years of working days; day ids fit 4 digits
inline constexpr int max_staff_per_group = 10000;
inline constexpr int max_teams = 10000;
inline constexpr long long max_total_staff = 1000000;
// Meetings and contacts pair the staff of a team, so a day's work grows
// with the square of its size: one team of 8,010 took 93 s and 2.7 GB a
// day (issue 17). Teams in SPEC.md are tens of staff; 1000 keeps a day
// near a second.
inline constexpr long long max_staff_per_team = 1000;
// Team-by-team trust is a teams x teams matrix per sample, and the daily
// measurement pairs teams: a system of a million one-person teams validated
// and then failed to allocate (or ran for ever). Hundreds of teams is the
// largest system SPEC.md asks for.
inline constexpr long long max_total_teams = 5000;
// Values of team-by-team trust one run may hold (8 bytes each: 1 GiB).
inline constexpr long long max_team_trust_values = 1LL << 27;
inline constexpr int max_replicates = 100000;
// trust.prune_below is numerical only up to here: pruning drops the excess
// of the ties it removes from measured trust, and at 0.05 that lowered
// trust_between by 0.04 (tests/stylised/prune_below_test.cpp checks 0.01).
inline constexpr double max_prune_below = 0.01;

const std::vector<Field<ScenarioSettings>>& scenario_fields();

// Keys a scenario may no longer set: each is refused with what to use instead
// (check_consistency's reject_retired_keys, before any key is read).
struct RetiredKey {
  std::string pointer;
  std::string instead;
};
const std::vector<RetiredKey>& retired_keys();
const std::vector<Field<TeamSpec>>& team_fields();
const std::vector<Field<StaffGroupSpec>>& staff_group_fields();
const std::vector<Field<RegimeChange>>& regime_change_fields();

// Names of the enum values, in enum order, as written in scenario files.
const std::vector<std::string>& organisation_names();
const std::vector<std::string>& regime_names();

}  // namespace trustsim
