#include "scenario/scenario_reader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/consistency.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

namespace {

constexpr std::uintmax_t max_file_bytes = 64u << 20;  // scenarios are small; this is a wrong file

std::string read_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw ScenarioError(path, "", "is a directory, not a scenario file");
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > max_file_bytes)
    throw ScenarioError(path, "", "too large for a scenario (" + std::to_string(size) + " bytes)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, "", std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The offset of the first byte that cannot be in a UTF-8 text file, or npos.
std::size_t first_binary_byte(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return i;
    std::size_t continuation = 0;
    if (c < 0x80)
      continuation = 0;
    else if ((c & 0xE0) == 0xC0 && c >= 0xC2)
      continuation = 1;
    else if ((c & 0xF0) == 0xE0)
      continuation = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
      continuation = 3;
    else
      return i;
    for (std::size_t k = 1; k <= continuation; ++k)
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
        return i;
    i += continuation + 1;
  }
  return std::string::npos;
}

// nlohmann reports the byte where parsing stopped; editors want line:column.
[[noreturn]] void throw_syntax_error(const std::string& source, const std::string& text,
                                     const Json::parse_error& error) {
  const std::size_t stop = std::min<std::size_t>(error.byte, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i + 1 < stop; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  const std::size_t column = stop > line_start ? stop - line_start : 1;
  // Keep nlohmann's explanation, drop its own "[json.exception...] parse
  // error at line L, column C: " prefix.
  std::string what = error.what();
  const std::string marker = "parse error";
  if (auto at = what.find(marker); at != std::string::npos) {
    if (auto colon = what.find(": ", at); colon != std::string::npos) what = what.substr(colon + 2);
  }
  throw ScenarioError(source + ":" + std::to_string(line) + ":" + std::to_string(column), "", what);
}

Json parse_document(const std::string& text, const std::string& source) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ScenarioError(source, "", "empty file (expected a JSON object)");
  if (auto at = first_binary_byte(text); at != std::string::npos)
    throw ScenarioError(source, "",
                        "not a text file (binary data at byte " + std::to_string(at) + ")");
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& error) {
    throw_syntax_error(source, text, error);
  } catch (const Json::out_of_range& error) {
    // A number too large for a double (1e999): nlohmann gives no position.
    std::string what = error.what();
    if (auto end = what.find("] "); end != std::string::npos) what = what.substr(end + 2);
    throw ScenarioError(source, "", what);
  }
}

// An error found in a value that an override put there is reported against
// the override, which is what the user has to fix.
[[noreturn]] void report(const InvalidValue& error, const std::string& source,
                         const std::vector<Override>& overrides) {
  for (auto o = overrides.rbegin(); o != overrides.rend(); ++o) {
    const std::string& pointer = o->pointer;
    const bool inside = error.pointer == pointer ||
                        error.pointer.compare(0, pointer.size() + 1, pointer + "/") == 0;
    if (inside)
      throw ScenarioError(o->label, error.pointer == pointer ? "" : error.pointer, error.problem);
  }
  throw ScenarioError(source, error.pointer, error.problem);
}

}  // namespace

ScenarioSettings settings_from_json(const Json& document) {
  ScenarioSettings settings;
  read_object(document, "", scenario_fields(), settings);
  check_consistency(settings, document);
  return settings;
}

Json resolved_json(const ScenarioSettings& settings) {
  return write_object(settings, scenario_fields());
}

Scenario read_scenario_text(const std::string& text, const std::string& source,
                            const std::vector<Override>& overrides) {
  Json document = parse_document(text, source);
  if (!document.is_object())
    throw ScenarioError(source, "/", "a scenario must be a JSON object, got " + describe(document));
  for (const auto& o : overrides) apply_override(document, o);
  Scenario scenario{source, text, Json(), {}};
  try {
    scenario.settings = settings_from_json(document);
  } catch (const InvalidValue& error) {
    report(error, source, overrides);
  }
  scenario.resolved = resolved_json(scenario.settings);
  return scenario;
}

Scenario read_scenario_file(const std::string& path, const std::vector<Override>& overrides) {
  return read_scenario_text(read_file(path), path, overrides);
}

std::string read_input_file(const std::string& path) { return read_file(path); }

Json parse_input_document(const std::string& text, const std::string& source) {
  return parse_document(text, source);
}

}  // namespace trustsim
