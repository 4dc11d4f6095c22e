// Rules that involve more than one key (a day within the run, unique team
// names, the size of the whole system), checked after each key on its own.
#pragma once

#include "scenario/json_value.hpp"
#include "scenario/parameter_table.hpp"

namespace trustsim {

// Throws InvalidValue at the pointer of the key to fix. `document` is the
// JSON the settings were read from (to know which keys were given).
void check_consistency(const ScenarioSettings& settings, const Json& document);

// Throws InvalidValue at a retired key (retired_keys()), naming what replaced it.
void reject_retired_keys(const Json& document);

}  // namespace trustsim
