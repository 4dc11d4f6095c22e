#include "cli/command_line.hpp"

#include <chrono>
#include <ctime>

namespace trustsim::cli {

namespace {
std::string invocation_line;
}

CLI::Option* add_set_option(CLI::App& app, std::vector<std::string>& assignments) {
  return app
      .add_option("--set", assignments,
                  "Override a scenario key: dotted.key=value (value as JSON, or a plain string); "
                  "repeatable. Example: --set meetings.regime=online")
      ->allow_extra_args(false)
      ->type_name("KEY=VALUE");
}

std::string shell_quoted(const std::vector<std::string>& arguments) {
  std::string line;
  for (const auto& argument : arguments) {
    if (!line.empty()) line += ' ';
    const bool plain =
        !argument.empty() && argument.find_first_not_of(
                                 "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "0123456789_./=:,+-@%") == std::string::npos;
    if (plain) {
      line += argument;
      continue;
    }
    line += '\'';
    for (char c : argument) {
      if (c == '\'')
        line += "'\\''";
      else
        line += c;
    }
    line += '\'';
  }
  return line;
}

void remember_invocation(int argc, char** argv) {
  invocation_line = shell_quoted(std::vector<std::string>(argv, argv + argc));
}

const std::string& invocation() { return invocation_line; }

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace trustsim::cli
