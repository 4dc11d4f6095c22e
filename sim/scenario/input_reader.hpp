// What every reader of a JSON input format (a sweep, a calibration, a
// targets file) does with a problem: report it against its file, at a JSON
// pointer (under `prefix` for an object given inline in another file); and
// how a sweep or calibration reads its base scenario, by name or inline.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "scenario/field.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim {

class InputReader {
 public:
  explicit InputReader(std::string source, std::string prefix = {})
      : source_(std::move(source)), prefix_(std::move(prefix)) {}

  // A file that names others: relative names are taken from `directory`;
  // `kind` names this file's format in messages ("sweep").
  InputReader(std::string source, std::string directory, std::string kind)
      : source_(std::move(source)), directory_(std::move(directory)), kind_(std::move(kind)) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& problem) const {
    throw ScenarioError(source_, prefix_ + pointer, problem);
  }

  // Runs `read`, turning a value error (from the typed readers of
  // json_value.hpp) into an error against this file.
  template <class Read>
  auto checked(Read&& read) const {
    try {
      return read();
    } catch (const InvalidValue& error) {
      fail(error.pointer, error.problem);
    }
  }

  void reject_unknown(const Json& object, const std::string& at,
                      const std::vector<std::string>& known) const {
    checked([&] { trustsim::reject_unknown(object, at, known); });
  }

  // The file `value` names at `at` (`what`: "scenario"), which must exist.
  std::filesystem::path named_file(const Json& value, const std::string& at,
                                   const std::string& what) const {
    const std::string name = value.get<std::string>();
    if (name.empty()) fail(at, "must name a " + what + " file, got an empty string");
    std::filesystem::path path(name);
    if (path.is_relative() && !directory_.empty()) path = std::filesystem::path(directory_) / path;
    std::error_code error;
    if (!std::filesystem::exists(path, error))
      fail(at, what + " file " + path.string() +
                   " does not exist (a relative path is taken from the " + kind_ +
                   " file's directory)");
    return path;
  }

  // /base: a scenario file's name (its own errors are reported against it,
  // by the scenario reader) or a scenario object. Its document as given;
  // `base_source` is the file's name, or "" for an object.
  Json read_base(const Json& value, std::string& base_source) const {
    if (value.is_string()) {
      base_source = named_file(value, "/base", "scenario").string();
      return read_scenario_file(base_source).given;
    }
    if (value.is_object()) {
      base_source.clear();
      try {
        (void)settings_from_json(value);
      } catch (const InvalidValue& error) {
        fail("/base" + error.pointer, error.problem);
      }
      return value;
    }
    fail("/base", "must be a scenario file name or a scenario object, got " + describe(value));
  }

 protected:
  std::string source_;
  std::string prefix_;
  std::string directory_;
  std::string kind_;
};

}  // namespace trustsim
