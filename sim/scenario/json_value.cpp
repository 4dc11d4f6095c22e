#include "scenario/json_value.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "scenario/nearest_name.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

namespace {

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// Integers are written as integers in messages, even when stored as double.
std::string bound_text(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return number_text(x);
}

}  // namespace

std::string Range::text() const {
  std::string text = low_open ? "(" : "[";
  text += bound_text(low);
  text += ", ";
  text += bound_text(high);
  text += "]";
  return text;
}

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::string: {
      std::string text = value.get<std::string>();
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return "the string \"" + text + "\"";
    }
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return value.dump();
    default:
      return "an unsupported value";
  }
}

double read_real(const Json& value, const std::string& at, const Range& range) {
  if (!value.is_number())
    throw InvalidValue(at, "must be a number in " + range.text() + ", got " + describe(value));
  const double x = value.get<double>();
  if (!std::isfinite(x)) throw InvalidValue(at, "must be a finite number, got " + describe(value));
  if (!range.contains(x))
    throw InvalidValue(at, "must be in " + range.text() + ", got " + describe(value));
  return x;
}

std::int64_t read_integer(const Json& value, const std::string& at, const Range& range) {
  const std::string expected = "must be an integer in " + range.text();
  if (!value.is_number()) throw InvalidValue(at, expected + ", got " + describe(value));
  // 3.0 is accepted as 3: JSON writers (and --set) do not always keep the
  // distinction, and the value is unambiguous.
  const double x = value.get<double>();
  if (!std::isfinite(x) || std::floor(x) != x)
    throw InvalidValue(at, expected + ", got " + describe(value));
  if (!range.contains(x)) throw InvalidValue(at, expected + ", got " + describe(value));
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return static_cast<std::int64_t>(x);  // in range, so it fits
}

std::uint64_t read_unsigned64(const Json& value, const std::string& at) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(value.get<std::int64_t>());
  throw InvalidValue(at, "must be an integer in [0, 18446744073709551615], got " + describe(value));
}

bool read_boolean(const Json& value, const std::string& at) {
  if (!value.is_boolean()) throw InvalidValue(at, "must be true or false, got " + describe(value));
  return value.get<bool>();
}

std::string read_text(const Json& value, const std::string& at, bool required_non_empty) {
  if (!value.is_string()) throw InvalidValue(at, "must be a string, got " + describe(value));
  std::string text = value.get<std::string>();
  if (required_non_empty && text.empty()) throw InvalidValue(at, "must not be empty");
  return text;
}

std::size_t read_choice(const Json& value, const std::string& at,
                        const std::vector<std::string>& choices) {
  std::string list;
  for (const auto& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  if (!value.is_string())
    throw InvalidValue(at, "must be one of " + list + ", got " + describe(value));
  const std::string text = value.get<std::string>();
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i] == text) return i;
  std::string problem = "must be one of " + list + ", got " + describe(value);
  if (auto near = nearest_name(text, choices)) problem += "; did you mean \"" + *near + "\"?";
  throw InvalidValue(at, problem);
}

std::string child_pointer(const std::string& parent, const std::string& key) {
  Json::json_pointer pointer(parent);
  pointer.push_back(key);
  return pointer.to_string();
}

std::string child_pointer(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

}  // namespace trustsim
