// The one kind of error a scenario can have: something in the input is wrong.
// Its text is a single line, "WHERE: /json/pointer: problem", where WHERE is
// the file (or "--set key" for an override), so that a user can go straight
// to the offending key. The command line maps it to exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace trustsim {

class ScenarioError : public std::runtime_error {
 public:
  // pointer may be empty for problems with the whole file.
  ScenarioError(std::string where, std::string pointer, std::string problem);

  const std::string& where() const { return where_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string where_;
  std::string pointer_;
  std::string problem_;
};

// A value that breaks a rule, found before the file it came from is known
// (the parameter table checks values, the reader adds the file name).
struct InvalidValue : std::runtime_error {
  InvalidValue(std::string pointer, std::string problem);
  std::string pointer;
  std::string problem;
};

}  // namespace trustsim
