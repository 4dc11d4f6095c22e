#include "scenario/overrides.hpp"

#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

namespace {

std::vector<std::string> split_dotted(const std::string& key, const std::string& label) {
  std::vector<std::string> tokens;
  std::string token;
  for (char c : key) {
    if (c == '.') {
      tokens.push_back(token);
      token.clear();
    } else {
      token += c;
    }
  }
  tokens.push_back(token);
  for (const auto& t : tokens)
    if (t.empty()) throw ScenarioError(label, "", "malformed key (empty part between dots)");
  return tokens;
}

bool is_index(const std::string& token) {
  return !token.empty() && token.size() < 10 &&
         token.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Override make_override(std::string label, const std::string& dotted_key, Json value) {
  Override result{std::move(label), dotted_key, "", std::move(value)};
  for (const auto& token : split_dotted(dotted_key, result.label))
    result.pointer = child_pointer(result.pointer, token);
  return result;
}

Override parse_override(const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0)
    throw ScenarioError("--set " + assignment, "", "expected dotted.key=value");
  const std::string key = assignment.substr(0, equals);
  const std::string text = assignment.substr(equals + 1);
  Json value;
  try {
    // The same parser as for files: a value nested absurdly deep, or a
    // number out of range (1e999), is not JSON trustsim reads.
    value = parse_json_document(text, "--set " + key);
  } catch (const ScenarioError&) {
    value = text;  // a bare word: online, face_to_face, a team name
  }
  return make_override("--set " + key, key, std::move(value));
}

void apply_override(Json& document, const Override& override_) {
  const auto tokens = split_dotted(override_.key, override_.label);
  Json* node = &document;
  std::string walked;  // dotted path so far, for messages
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    const bool last = i + 1 == tokens.size();
    if (node->is_array()) {
      if (!is_index(token))
        throw ScenarioError(override_.label, "",
                            walked + " is a list: expected an entry number, got \"" + token + "\"");
      const std::size_t index = std::stoul(token);
      if (index >= node->size())
        throw ScenarioError(override_.label, "",
                            "there is no entry " + token + " (" + walked + " has " +
                                std::to_string(node->size()) + " entries)");
      node = &(*node)[index];
    } else if (node->is_object()) {
      if (!node->contains(token)) {
        if (last) {
          (*node)[token] = nullptr;  // filled in below
        } else {
          (*node)[token] = Json::object();  // a group the file leaves to its defaults
        }
      }
      node = &(*node)[token];
    } else {
      throw ScenarioError(override_.label, "",
                          walked + " is a single value, not a group: cannot set " + override_.key);
    }
    walked += (walked.empty() ? "" : ".") + token;
  }
  *node = override_.value;
}

}  // namespace trustsim
