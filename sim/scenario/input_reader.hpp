// What every reader of a JSON input format (a sweep, a calibration, a
// targets file) does with a problem: report it against its file, at a JSON
// pointer (under `prefix` for an object given inline in another file).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scenario/field.hpp"
#include "scenario/scenario_error.hpp"

namespace trustsim {

class InputReader {
 public:
  explicit InputReader(std::string source, std::string prefix = {})
      : source_(std::move(source)), prefix_(std::move(prefix)) {}

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

 protected:
  std::string source_;
  std::string prefix_;
};

}  // namespace trustsim
