#include "scenario/field.hpp"

#include <algorithm>

namespace trustsim {

const char* kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::real:
      return "number";
    case ValueKind::integer:
      return "integer";
    case ValueKind::boolean:
      return "boolean";
    case ValueKind::text:
      return "string";
    case ValueKind::choice:
      return "choice";
    case ValueKind::unsigned64:
      return "unsigned 64-bit integer";
    case ValueKind::list:
      return "list";
  }
  return "value";
}

std::string unknown_key_problem(const std::string& key, const std::vector<std::string>& known,
                                const std::string& elsewhere) {
  std::string problem = "unknown key \"" + key + "\"";
  if (auto near = nearest_name(key, known)) {
    problem += "; did you mean \"" + *near + "\"?";
  } else if (!elsewhere.empty()) {
    problem += " here; did you mean " + elsewhere + "?";
  } else if (!known.empty() && known.size() <= 16) {
    std::string list;
    for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
    problem += "; known keys here: " + list;
  }
  return problem;
}

void reject_unknown(const Json& object, const std::string& at,
                    const std::vector<std::string>& known) {
  for (const auto& item : object.items())
    if (std::find(known.begin(), known.end(), item.key()) == known.end())
      throw InvalidValue(child_pointer(at, item.key()), unknown_key_problem(item.key(), known));
}

}  // namespace trustsim
