// `trustsim report FILE.h5 [-o DIR]`: the HTML report of any output file,
// written by the analysis package (analysis/trustsim/report.py) run with the
// Python that has its libraries. The binary finds the package in the source
// tree it was built from, else wherever the interpreter finds it installed,
// so the command works from any directory.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command_line.hpp"
#include "io/output_file.hpp"

#ifndef TRUSTSIM_ANALYSIS_DIR
#define TRUSTSIM_ANALYSIS_DIR ""
#endif

namespace trustsim::cli {

namespace {

// Debian's interpreter: the one whose python3-h5py, -pandas, -matplotlib
// and -scipy the package uses (a python3 earlier on PATH may not see them).
constexpr const char* default_python = "/usr/bin/python3";
constexpr const char* python_variable = "TRUSTSIM_PYTHON";

struct ReportOptions {
  std::string file;
  std::string output_directory;
  std::string outcomes;
  bool all_tables = false;
};

// The analysis/ directory of the source tree, if it is still there.
std::string source_package_directory() {
  const std::filesystem::path directory(TRUSTSIM_ANALYSIS_DIR);
  std::error_code error;
  if (!directory.empty() &&
      std::filesystem::is_regular_file(directory / "trustsim" / "report.py", error))
    return directory.string();
  return "";
}

int execute(const ReportOptions& options) {
  if (!std::filesystem::exists(options.file)) throw FileError(options.file + ": no such file");
  const char* chosen = std::getenv(python_variable);
  const std::string python = chosen && *chosen ? chosen : default_python;
  if (const std::string package = source_package_directory(); !package.empty()) {
    const char* old = std::getenv("PYTHONPATH");
    const std::string path = old && *old ? package + ":" + old : package;
    ::setenv("PYTHONPATH", path.c_str(), 1);
  }
  std::vector<std::string> arguments{python,       "-m",     "trustsim.report",
                                     options.file, "--prog", "trustsim report"};
  if (!options.output_directory.empty())
    arguments.insert(arguments.end(), {"-o", options.output_directory});
  if (!options.outcomes.empty())
    arguments.insert(arguments.end(), {"--outcomes", options.outcomes});
  if (options.all_tables) arguments.emplace_back("--all-tables");
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::cout.flush();
  ::execv(python.c_str(), argv.data());
  // Only reached if the interpreter could not be started.
  std::cerr << "trustsim report: cannot start " << python << ": " << std::strerror(errno)
            << " (install Debian's python3 with scripts/setup, or name another interpreter in "
            << python_variable << ")\n";
  return internal_error;
}

}  // namespace

Subcommand add_report_command(CLI::App& root) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* app = root.add_subcommand(
      "report", "Write the HTML report (figures, comparison, caveats) and CSV tables of a file");
  app->add_option("file", options->file,
                  "trustsim output file (.h5) of run, sweep, compare or merge")
      ->required();
  app->add_option("-o,--output", options->output_directory,
                  "Directory to write into (default: FILE without .h5, plus _report)");
  app->add_option("--outcomes", options->outcomes,
                  "Outcomes the question is about, comma-separated; always shown first "
                  "(default: trust_between,issues_unraised,incidents,leavers)");
  app->add_flag("--all-tables", options->all_tables,
                "Also write every run's daily series and team trust as CSV");
  app->footer(
      "Runs analysis/ (the trustsim Python package) with /usr/bin/python3, or with the\n"
      "interpreter named in TRUSTSIM_PYTHON; needs Debian's python3-h5py, -pandas,\n"
      "-matplotlib and -scipy (scripts/setup installs them).\n"
      "Examples:\n"
      "  trustsim report results/baseline.h5\n"
      "  trustsim report results/interventions.h5 -o reports/interventions\n"
      "  trustsim report results/interventions.h5 --outcomes incidents,leavers");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
