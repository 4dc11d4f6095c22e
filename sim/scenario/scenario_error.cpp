#include "scenario/scenario_error.hpp"

#include <utility>

namespace trustsim {

namespace {
std::string one_line(const std::string& where, const std::string& pointer,
                     const std::string& problem) {
  std::string text = where + ": ";
  if (!pointer.empty()) text += pointer + ": ";
  return text + problem;
}
}  // namespace

ScenarioError::ScenarioError(std::string where, std::string pointer, std::string problem)
    : std::runtime_error(one_line(where, pointer, problem)),
      where_(std::move(where)),
      pointer_(std::move(pointer)),
      problem_(std::move(problem)) {}

InvalidValue::InvalidValue(std::string pointer_, std::string problem_)
    : std::runtime_error(pointer_ + ": " + problem_),
      pointer(std::move(pointer_)),
      problem(std::move(problem_)) {}

}  // namespace trustsim
