// An object key the calibration and targets formats do not know, with the
// nearest known key suggested (as scenario and sweep files do).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario/json_value.hpp"

namespace trustsim {

struct UnknownKey {
  std::string key;
  std::string problem;  // 'unknown key "x"; did you mean "y"?'
};

std::optional<UnknownKey> find_unknown_key(const Json& object,
                                           const std::vector<std::string>& known);

}  // namespace trustsim
