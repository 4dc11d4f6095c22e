// `trustsim merge PART.h5... -o OUT.h5`: the shard files of one sweep (from
// `trustsim sweep --shard I/N`, one per array task of a batch job) checked
// as a set and combined into the file a single `trustsim sweep` would have
// written, with the parts' provenance kept in `merged_from`.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/command_line.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "sweep/merge_shards.hpp"
#include "version.hpp"

namespace trustsim::cli {

namespace {

struct MergeOptions {
  std::vector<std::string> parts;
  std::string output_path;
  int threads = 0;
  bool force = false;
  bool quiet = false;
};

void report_merged(const MergeOptions& options, const std::filesystem::path& output,
                   const MergeReport& report, std::chrono::steady_clock::time_point started) {
  if (options.quiet) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "trustsim: wrote " << output.string() << " (" << report.run_count << " runs from "
            << report.part_count << " shard file" << (report.part_count == 1 ? "" : "s") << ", in "
            << std::fixed << std::setprecision(1) << seconds << " s)\n";
}

int execute(const MergeOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const std::filesystem::path output(options.output_path);
  const std::vector<std::filesystem::path> parts(options.parts.begin(), options.parts.end());
  refuse_existing_output(output, options.force);
  // Replacing a part by the merge would lose it if the merge were wrong.
  std::error_code error;
  for (const auto& part : parts)
    if (std::filesystem::equivalent(part, output, error))
      throw FileError(output.string() + ": is one of the parts being merged; write elsewhere");
  // Written under a temporary name: a refusal, failure or signal leaves no
  // output and no temporary file.
  CancelOnSignal cancel;
  try {
    const MergeReport report = merge_shards(
        parts, output, options.force,
        Provenance{program_version, git_commit, utc_now(), invocation(), "sweep", 0, "", ""},
        workers_wanted(options.threads), cancel.flag());
    report_merged(options, output, report, started);
  } catch (const Cancelled&) {
    std::cerr << "trustsim: merge cancelled by signal " << cancel.signal_number()
              << "; no output written\n";
    return cancel.exit_code();
  } catch (const hdf5::Error& error) {
    throw WriteError(output.string() + ": cannot write the merged file: " + error.what() +
                     "; no output written");
  }
  return ok;
}

}  // namespace

Subcommand add_merge_command(CLI::App& root) {
  auto options = std::make_shared<MergeOptions>();
  CLI::App* app = root.add_subcommand(
      "merge", "Combine the shard files of one sweep (sweep --shard I/N) into one HDF5 file");
  app->add_option("parts", options->parts, "Shard files, one per shard, in any order")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("-o,--output", options->output_path, "Output file")->required();
  app->add_option(
         "--threads", options->threads,
         "Processes reading the shard files, then the merged file, back whole (default: all "
         "cores)")
      ->check(CLI::PositiveNumber);
  app->add_flag("--force", options->force, "Overwrite the output file if it exists");
  app->add_flag("-q,--quiet", options->quiet, "No closing message on stderr");
  app->footer(
      "Every part must be a shard of the same sweep, computed by the same trustsim build, and\n"
      "together the parts must hold every run exactly once; otherwise nothing is written.\n"
      "Examples:\n"
      "  trustsim merge results/part-*.h5 -o results/interventions.h5\n"
      "  trustsim summary results/interventions.h5");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
