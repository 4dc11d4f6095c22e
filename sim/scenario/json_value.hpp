// Reading one JSON value as a typed, range-checked setting. Each reader
// throws InvalidValue naming the value's JSON pointer and saying what was
// expected and what was found.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustsim {

// The one JSON type: objects keep the order they were written in, so
// variants, grid axes and targets come out in the user's order and resolved
// scenarios in the schema's order.
using Json = nlohmann::ordered_json;

// A closed or half-open interval of allowed numbers.
struct Range {
  double low = 0.0;
  double high = 0.0;
  bool low_open = false;  // true: low itself is not allowed
  bool contains(double x) const { return (low_open ? x > low : x >= low) && x <= high; }
  std::string text() const;  // "[0, 1]", "(0, 1000]"
};

// A short description of a JSON value for messages: 'the string "abc"',
// '1.5', 'an object'.
std::string describe(const Json& value);

double read_real(const Json& value, const std::string& at, const Range& range);
std::int64_t read_integer(const Json& value, const std::string& at, const Range& range);
std::uint64_t read_unsigned64(const Json& value, const std::string& at);
bool read_boolean(const Json& value, const std::string& at);
std::string read_text(const Json& value, const std::string& at, bool required_non_empty);
// The index of the value among `choices`.
std::size_t read_choice(const Json& value, const std::string& at,
                        const std::vector<std::string>& choices);

// "/a/b" + "c" -> "/a/b/c", escaping '~' and '/' in the key.
std::string child_pointer(const std::string& parent, const std::string& key);
std::string child_pointer(const std::string& parent, std::size_t index);

}  // namespace trustsim
