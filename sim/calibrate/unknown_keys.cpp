#include "calibrate/unknown_keys.hpp"

#include <algorithm>

#include "scenario/nearest_name.hpp"

namespace trustsim {

std::optional<UnknownKey> find_unknown_key(const Json& object,
                                           const std::vector<std::string>& known) {
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string problem = "unknown key \"" + key + "\"";
    if (auto near = nearest_name(key, known)) {
      problem += "; did you mean \"" + *near + "\"?";
    } else {
      std::string list;
      for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
      problem += "; known keys here: " + list;
    }
    return UnknownKey{key, problem};
  }
  return std::nullopt;
}

}  // namespace trustsim
