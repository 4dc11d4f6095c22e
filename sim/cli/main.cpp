// trustsim: one executable, one subcommand per file in sim/cli/. main only
// parses the command line and turns errors into the documented exit codes.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

#include "cli/command_line.hpp"
#include "io/hdf5_handles.hpp"
#include "io/output_file.hpp"
#include "scenario/scenario_error.hpp"
#include "version.hpp"

int main(int argc, char** argv) {
  using namespace trustsim;
  cli::remember_invocation(argc, argv);
  hdf5::silence_library_errors();
  // Past a file size limit (ulimit -f) the kernel kills a writer with
  // SIGXFSZ, leaving its temporary file behind and saying nothing. Ignored,
  // the write fails with EFBIG instead, which is reported and cleaned up.
  std::signal(SIGXFSZ, SIG_IGN);

  CLI::App app{
      "trustsim: agent-based simulation of trust between staff of integrated health-care "
      "teams.\nRun `trustsim SUBCOMMAND --help` for the options of each subcommand."};
  // Says whether this build can spread a sweep over MPI ranks.
  app.set_version_flag("--version", std::string("trustsim ") + program_version + " (git " +
                                        git_commit + (TRUSTSIM_WITH_MPI ? ", with MPI" : "") + ")");
  app.require_subcommand(1);
  const std::vector<cli::Subcommand> subcommands = {
      cli::add_run_command(app),     cli::add_sweep_command(app),
      cli::add_merge_command(app),   cli::add_validate_command(app),
      cli::add_summary_command(app), cli::add_calibrate_command(app),
      cli::add_compare_command(app), cli::add_report_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints help, the version or the problem
    return code == 0 ? cli::ok : cli::bad_input;
  }

  int code = cli::internal_error;  // require_subcommand makes its staying so unreachable
  try {
    for (const auto& subcommand : subcommands)
      if (subcommand.app->parsed()) code = subcommand.execute();
  } catch (const ScenarioError& error) {
    std::cerr << cli::printable(error.what()) << '\n';
    code = cli::bad_input;
  } catch (const FileError& error) {
    std::cerr << cli::printable(error.what()) << '\n';
    code = cli::bad_input;
  } catch (const WriteError& error) {
    std::cerr << cli::printable(error.what()) << '\n';
    code = cli::internal_error;
  } catch (const std::exception& error) {
    std::cerr << "trustsim: internal error: " << cli::printable(error.what()) << '\n';
    code = cli::internal_error;
  }
  // A table or plan cut short by a full disk is a failed write, not a success.
  if (!cli::close_standard_output()) {
    std::cerr << "trustsim: cannot write to standard output: " << std::strerror(errno) << '\n';
    return code == cli::ok ? cli::internal_error : code;
  }
  return code;
}
