// The scenario key reference (docs/scenarios.md), written from the parameter
// tables so that it always matches what is checked.
#pragma once

#include <string>

namespace trustsim {

std::string schema_markdown();

}  // namespace trustsim
