// A declarative description of one JSON key of a scenario: where it is (a
// JSON pointer relative to the object it belongs to), its type, its allowed
// range, and how to move its value into and out of the C++ struct that holds
// it. A table of Fields is the whole schema of an object: the same table
// validates input, fills defaults (the struct's own initialisers, so
// parameters.hpp stays the one place defaults live) and writes the resolved
// JSON back out.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "scenario/json_value.hpp"
#include "scenario/nearest_name.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

enum class ValueKind { real, integer, boolean, text, choice, unsigned64, list };

const char* kind_name(ValueKind kind);

template <class Owner>
struct Field {
  std::string pointer;  // relative to the described object, e.g. "/trust/half_life_days"
  ValueKind kind = ValueKind::real;
  std::string description;
  Range range{};                     // real and integer
  std::vector<std::string> choices;  // choice
  bool required = false;             // must be given: there is no sensible default
  // Checks `value` (found at the absolute pointer `at`) and stores it.
  std::function<void(const Json& value, const std::string& at, Owner& owner)> read;
  // The value as it will appear in the resolved scenario.
  std::function<Json(const Owner& owner)> write;
};

// The one message for a key nobody reads, in every input format (scenario,
// sweep, calibration, targets): 'unknown key "x"; did you mean "y"?', else
// where the key belongs if `elsewhere` names it, else the known keys here.
std::string unknown_key_problem(const std::string& key, const std::vector<std::string>& known,
                                const std::string& elsewhere = {});

// Throws InvalidValue (at `at`/KEY) for the first key of `object` that is not
// in `known`: the check for formats whose objects are flat lists of keys.
void reject_unknown(const Json& object, const std::string& at,
                    const std::vector<std::string>& known);

namespace detail {

inline std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  Json::json_pointer p(pointer);
  while (!p.empty()) {
    tokens.insert(tokens.begin(), p.back());
    p.pop_back();
  }
  return tokens;
}

// Every key path the table accepts: the fields themselves and the groups
// (intermediate objects) that lead to them, as relative pointers.
template <class Owner>
struct KnownKeys {
  std::set<std::string> fields;
  std::set<std::string> groups;

  explicit KnownKeys(const std::vector<Field<Owner>>& table) {
    for (const auto& field : table) {
      fields.insert(field.pointer);
      std::string prefix;
      const auto tokens = pointer_tokens(field.pointer);
      for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        prefix = child_pointer(prefix, tokens[i]);
        groups.insert(prefix);
      }
    }
  }

  // Names that may appear directly inside the group at `prefix`.
  std::vector<std::string> names_under(const std::string& prefix) const {
    std::vector<std::string> names;
    auto collect = [&](const std::set<std::string>& paths) {
      for (const auto& path : paths) {
        const auto tokens = pointer_tokens(path);
        const auto parent_tokens = pointer_tokens(prefix);
        if (tokens.size() != parent_tokens.size() + 1) continue;
        if (!std::equal(parent_tokens.begin(), parent_tokens.end(), tokens.begin())) continue;
        names.push_back(tokens.back());
      }
    };
    collect(fields);
    collect(groups);
    return names;
  }

  // A field elsewhere in the table with this exact final name: the user put
  // a real key at the wrong level.
  std::string elsewhere(const std::string& name) const {
    for (const auto& path : fields) {
      const auto tokens = pointer_tokens(path);
      if (!tokens.empty() && tokens.back() == name) return path;
    }
    return {};
  }
};

// The known keys of a table, worked out once per table: a sweep validates
// one scenario per design point and variant, and building these sets from
// the table's JSON pointers was most of the cost of each.
template <class Owner>
const KnownKeys<Owner>& known_keys(const std::vector<Field<Owner>>& table) {
  static std::mutex mutex;
  static std::map<const void*, std::unique_ptr<const KnownKeys<Owner>>> cache;
  std::lock_guard lock(mutex);
  auto& entry = cache[&table];
  if (!entry) entry = std::make_unique<const KnownKeys<Owner>>(table);
  return *entry;
}

template <class Owner>
void reject_unknown_keys(const Json& object, const std::string& base, const std::string& prefix,
                         const KnownKeys<Owner>& known) {
  for (const auto& [key, value] : object.items()) {
    const std::string relative = child_pointer(prefix, key);
    if (known.fields.count(relative)) continue;
    if (known.groups.count(relative)) {
      if (!value.is_object())
        throw InvalidValue(base + relative,
                           "must be an object (a group of settings), got " + describe(value));
      reject_unknown_keys(value, base, relative, known);
      continue;
    }
    throw InvalidValue(base + relative,
                       unknown_key_problem(key, known.names_under(prefix), known.elsewhere(key)));
  }
}

}  // namespace detail

// Reads `object`, found at the absolute pointer `at`, into `owner`. Keys that
// are absent keep the value `owner` already holds (its default). `table`
// must live as long as the program (the tables of parameter_table.hpp are
// static): its known keys are cached by its address.
template <class Owner>
void read_object(const Json& object, const std::string& at, const std::vector<Field<Owner>>& table,
                 Owner& owner) {
  if (!object.is_object())
    throw InvalidValue(at.empty() ? "/" : at, "must be an object, got " + describe(object));
  detail::reject_unknown_keys(object, at, "", detail::known_keys(table));
  for (const auto& field : table) {
    const Json::json_pointer pointer(field.pointer);
    if (object.contains(pointer)) {
      field.read(object.at(pointer), at + field.pointer, owner);
    } else if (field.required) {
      throw InvalidValue(at + field.pointer,
                         "required " + std::string(kind_name(field.kind)) + " is missing");
    }
  }
}

// The object with every field of the table, defaults included.
template <class Owner>
Json write_object(const Owner& owner, const std::vector<Field<Owner>>& table) {
  Json object = Json::object();
  for (const auto& field : table) object[Json::json_pointer(field.pointer)] = field.write(owner);
  return object;
}

}  // namespace trustsim
