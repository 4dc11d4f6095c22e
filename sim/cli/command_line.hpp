// What every subcommand shares: exit codes, the subcommand interface, and
// small helpers for provenance (the invocation, the time).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace trustsim::cli {

// 0 ok; 2 the user's input is wrong (scenario, file, option); 1 anything
// else (a bug, a full disk). A cancelled run exits with 128 + the signal.
enum ExitCode : int { ok = 0, internal_error = 1, bad_input = 2 };

// A subcommand registers its options on `app` and returns what to do once
// the command line has been parsed.
struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> execute;
};

Subcommand add_run_command(CLI::App& root);
Subcommand add_validate_command(CLI::App& root);
Subcommand add_summary_command(CLI::App& root);
Subcommand add_sweep_command(CLI::App& root);
Subcommand add_merge_command(CLI::App& root);
Subcommand add_calibrate_command(CLI::App& root);
Subcommand add_compare_command(CLI::App& root);
Subcommand add_report_command(CLI::App& root);

// --set: each occurrence takes exactly one key=value, so options and the
// scenario file may come in any order.
CLI::Option* add_set_option(CLI::App& app, std::vector<std::string>& assignments);

// --resume and --force (each excluding the other) and -q/--quiet: the flags
// of every command that keeps its finished work in OUT.h5.parts/. `noun` is
// what the command makes ("sweep"), `kept` what a resume keeps ("finished
// runs"), `discarded` what --force throws away ("parts").
void add_resume_flags(CLI::App& app, bool& resume, bool& force, bool& quiet,
                      const std::string& noun, const std::string& kept,
                      const std::string& discarded);

// What --threads N asks for, threads or processes: N, or all cores (0).
int workers_wanted(int threads);

// The invocation as one shell-quoted line (for the file's provenance).
std::string shell_quoted(const std::vector<std::string>& arguments);
void remember_invocation(int argc, char** argv);
const std::string& invocation();

// `text` with control characters (a file name may hold any byte but / and
// NUL: newlines, escape sequences that would rewrite the terminal) shown
// as \xNN, so that every message stays one honest line.
std::string printable(const std::string& text);

// Flushes and closes standard output; false (errno set) if anything
// written to it was lost (a full disk, a closed pipe).
bool close_standard_output();

// Where a command writes when no -o is given: results/<input's stem><suffix>.h5.
std::filesystem::path default_output(const std::string& input_path, const std::string& suffix = "");

// Now, as ISO 8601 UTC ("2026-11-23T17:40:00Z").
std::string utc_now();

}  // namespace trustsim::cli
