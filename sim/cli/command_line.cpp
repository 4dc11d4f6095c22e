#include "cli/command_line.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

#include <tbb/info.h>

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

void add_resume_flags(CLI::App& app, bool& resume, bool& force, bool& quiet,
                      const std::string& noun, const std::string& kept,
                      const std::string& discarded) {
  auto* resume_flag = app.add_flag("--resume", resume,
                                   "Continue an interrupted " + noun + " from OUT.h5.parts/ (" +
                                       kept + " are kept; starts afresh if there is none)");
  app.add_flag(
         "--force", force,
         "Discard an interrupted " + noun + "'s " + discarded + " and overwrite the output file")
      ->excludes(resume_flag);
  app.add_flag("-q,--quiet", quiet, "No progress or closing message on stderr");
}

int workers_wanted(int threads) { return threads > 0 ? threads : tbb::info::default_concurrency(); }

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

std::string printable(const std::string& text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string shown;
  shown.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      shown += "\\x";
      shown += hex[byte >> 4];
      shown += hex[byte & 15];
    } else {
      shown += c;
    }
  }
  return shown;
}

bool close_standard_output() {
  // The write that failed set errno then; later calls that succeed leave
  // it alone. Kept only if it names a failed write, else reported as EIO.
  std::cout.flush();
  const bool failed = std::cout.fail() || std::fflush(stdout) != 0 || std::ferror(stdout);
  const int cause = errno;
  const bool closed = std::fclose(stdout) == 0;  // a deferred write (NFS) fails here
  if (!failed && closed) return true;
  const int written_errors[] = {ENOSPC, EDQUOT, EFBIG, EIO, EPIPE, EROFS, EBADF};
  errno = EIO;
  for (const int known : written_errors)
    if (cause == known) errno = cause;
  return false;
}

std::filesystem::path default_output(const std::string& input_path, const std::string& suffix) {
  return std::filesystem::path("results") /
         (std::filesystem::path(input_path).stem().string() + suffix + ".h5");
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace trustsim::cli
