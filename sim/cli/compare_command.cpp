// `trustsim compare A.h5 B.h5 ... -o OUT.h5`: separate runs (each file one
// variant, no design) combined into one file with the /comparison a sweep
// of those variants writes, computed by the same code (sweep/comparison),
// the first file being the baseline. Refused, before anything is written,
// where the comparison would mean nothing: files that simulate different
// teams or run lengths, or whose runs are not seeded alike.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "io/combined_size.hpp"
#include "io/hdf5_read.hpp"
#include "io/output_file.hpp"
#include "io/result_writer.hpp"
#include "io/summary_reader.hpp"
#include "runner/seed_derivation.hpp"
#include "scenario/parameter_table.hpp"
#include "sweep/comparison_file.hpp"
#include "version.hpp"

namespace trustsim::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> files;
  std::string output_path;
  bool force = false;
  bool quiet = false;
};

// One input file: its runs as /summary lists them, and what the checks need.
struct ComparedFile {
  std::filesystem::path path;
  std::string variant;  // as stored in the file
  std::string label;    // its name in the comparison
  std::uint64_t seed = 0;
  std::vector<std::int64_t> run_ids, replicates;
  std::vector<std::uint64_t> seeds;
  std::vector<std::array<double, outcome_count>> outcomes;
  nlohmann::json scenario;  // its first run's resolved scenario
  std::string scenario_resolved;
};

template <class T>
const std::vector<T>& column(const SummaryTable& table, const std::string& name,
                             const std::filesystem::path& path) {
  for (const auto& c : table.columns)
    if (c.name == name) {
      if (const auto* values = std::get_if<std::vector<T>>(&c.values)) return *values;
      throw FileError(path.string() + ": /summary column " + name + " has an unexpected type");
    }
  throw FileError(path.string() + ": /summary has no column " + name);
}

std::uint64_t root_seed(hid_t file) {
  hdf5::Handle attribute(H5Aopen(file, "seed", H5P_DEFAULT), H5Aclose);
  std::uint64_t seed = 0;
  hdf5::check_status(H5Aread(attribute, H5T_NATIVE_UINT64, &seed), "read the root seed");
  return seed;
}

ComparedFile read_compared(const std::filesystem::path& path) {
  ComparedFile file;
  file.path = path;
  const SummaryTable table = read_summary(path);  // checks it is a trustsim file
  const auto& variants = column<std::string>(table, "variant", path);
  if (variants.empty()) throw FileError(path.string() + ": holds no runs");
  const std::set<std::string> distinct(variants.begin(), variants.end());
  const std::size_t known = 4 + outcome_count;  // ids and outcomes; any more are swept keys
  if (distinct.size() != 1 || table.columns.size() != known)
    throw FileError(path.string() + ": holds " + std::to_string(distinct.size()) + " variant" +
                    (distinct.size() == 1 ? "" : "s") +
                    (table.columns.size() != known ? " over a design" : "") +
                    "; compare takes files of one variant each (a `trustsim run`); the "
                    "/comparison of a sweep already compares its variants");
  file.variant = variants.front();
  file.run_ids = column<std::int64_t>(table, "run_id", path);
  file.replicates = column<std::int64_t>(table, "replicate", path);
  file.seeds = column<std::uint64_t>(table, "seed", path);
  file.outcomes.resize(file.run_ids.size());
  for (std::size_t o = 0; o < outcome_count; ++o) {
    const auto& values = column<double>(table, outcome_info[o].name, path);
    for (std::size_t i = 0; i < values.size(); ++i) file.outcomes[i][o] = values[i];
  }
  try {
    hdf5::Handle h5 = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
    file.seed = root_seed(h5);
    file.scenario_resolved = hdf5::read_string_attribute(h5, "scenario_resolved");
    hdf5::Handle run = hdf5::group(
        H5Gopen2(h5, run_group_path(file.run_ids.front()).c_str(), H5P_DEFAULT), "open a run");
    file.scenario = nlohmann::json::parse(hdf5::read_string_attribute(run, "parameters"));
  } catch (const std::exception& problem) {
    throw FileError(path.string() + ": cannot read its provenance or runs (" + problem.what() +
                    ")");
  }
  return file;
}

// The first file's runs are the baseline; the others keep a variant name
// they were given (`run --variant`), else take their file's name.
void name_variants(std::vector<ComparedFile>& files) {
  std::map<std::string, std::filesystem::path> taken;
  for (std::size_t f = 0; f < files.size(); ++f) {
    ComparedFile& file = files[f];
    file.label = f == 0                       ? std::string("baseline")
                 : file.variant != "baseline" ? file.variant
                                              : file.path.stem().string();
    const auto [where, added] = taken.emplace(file.label, file.path);
    if (!added)
      throw FileError(file.path.string() + ": would be variant '" + file.label + "', as " +
                      where->second.string() +
                      " is; give its runs another name (trustsim run --variant NAME) or rename "
                      "the file");
  }
}

// What makes a comparison meaningless: other teams or another run length
// (the outcomes are totals over the run and depend on who is there), or
// runs not seeded as a sweep of these variants would seed them.
void refuse_incomparable(const std::vector<ComparedFile>& files) {
  const ComparedFile& first = files.front();
  for (const ComparedFile& file : files) {
    for (const char* key : {"days", "system"})
      if (file.scenario.value(key, nlohmann::json()) != first.scenario.value(key, nlohmann::json()))
        throw FileError(file.path.string() + " and " + first.path.string() +
                        " simulate different base scenarios (their /" + key +
                        " differs): compare runs of one organisation and run length, which "
                        "differ only in what is being compared");
    if (file.seed != first.seed)
      throw FileError(file.path.string() + " was run with seed " + std::to_string(file.seed) +
                      ", " + first.path.string() + " with seed " + std::to_string(first.seed) +
                      ": the files follow different seed schemes; rerun with --seed " +
                      std::to_string(first.seed) +
                      " so the comparison is the one a sweep would make");
    for (std::size_t i = 0; i < file.seeds.size(); ++i)
      if (file.seeds[i] !=
          derive_run_seed(file.seed, file.variant, static_cast<std::uint64_t>(file.replicates[i])))
        throw FileError(file.path.string() + ": run " + std::to_string(file.run_ids[i]) +
                        " is not seeded as `trustsim run` seeds (base seed, variant, replicate); "
                        "compare takes files written by `trustsim run`");
  }
}

int execute(const CompareOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const std::filesystem::path output(options.output_path);
  refuse_existing_output(output, options.force);
  std::vector<ComparedFile> files;
  for (const auto& path : options.files) {
    std::error_code error;
    if (std::filesystem::equivalent(path, output, error))
      throw FileError(output.string() + ": is one of the files being compared; write elsewhere");
    files.push_back(read_compared(path));
  }
  name_variants(files);
  refuse_incomparable(files);

  std::vector<std::filesystem::path> inputs;
  for (const auto& file : files) inputs.push_back(file.path);
  refuse_if_no_room(output, estimated_combined_size(inputs));

  nlohmann::json given = nlohmann::json::object();
  given["compare"] = nlohmann::json::array();
  for (const auto& file : files)
    given["compare"].push_back({{"file", file.path.string()}, {"variant", file.label}});
  OutputFile out(output, options.force);
  SweepOutcomes runs;
  std::vector<std::string> order;
  try {
    const Provenance provenance{
        program_version, git_commit,         utc_now(),     invocation(),
        "comparison",    files.front().seed, given.dump(2), files.front().scenario_resolved};
    ResultWriter writer(out, provenance, FileLayout{organisation_names(), {}});
    std::int64_t next = 0;
    std::vector<RunCopy> copies;
    for (const auto& file : files) {
      order.push_back(file.label);
      for (std::size_t i = 0; i < file.run_ids.size(); ++i) {
        copies.push_back(
            RunCopy{file.path, file.run_ids[i],
                    RunRecord{next++, file.label, file.replicates[i], file.seeds[i], "", {}},
                    file.outcomes[i], true, std::nullopt});
        runs.variant.push_back(file.label);
        runs.grid_values.emplace_back();
        runs.outcomes.push_back(file.outcomes[i]);
      }
    }
    writer.copy_runs(copies);
    writer.finish();
    ComparisonTable table{{}, compare_variants(order, runs)};
    // Each file's window, from its resolved scenario, as a sweep's comparison says it.
    std::vector<std::pair<std::string, int>> windows;
    for (const auto& file : files)
      windows.emplace_back(file.label,
                           file.scenario.value("/outputs/measure_from_day"_json_pointer, 0));
    table.window = window_text(windows);
    write_comparison(out.id(), table);
    out.commit();
  } catch (const hdf5::Error& error) {
    out.abandon();
    throw WriteError(output.string() + ": cannot write the comparison: " + error.what() +
                     "; no output written");
  }
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "trustsim: wrote " << output.string() << " (" << files.size()
              << " variants, baseline " << files.front().path.string() << ", "
              << runs.variant.size() << " runs, in " << std::fixed << std::setprecision(1)
              << seconds << " s)\n";
  }
  return ok;
}

}  // namespace

Subcommand add_compare_command(CLI::App& root) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* app = root.add_subcommand(
      "compare", "Compare separate runs (the first file as baseline) into one HDF5 file");
  app->add_option("files", options->files, "Output files of trustsim run, baseline first")
      ->required()
      ->expected(2, -1)
      ->check(CLI::ExistingFile);
  app->add_option("-o,--output", options->output_path, "Output file")->required();
  app->add_flag("--force", options->force, "Overwrite the output file if it exists");
  app->add_flag("-q,--quiet", options->quiet, "No closing message on stderr");
  app->footer(
      "Each file is one variant: the first is `baseline`, the others keep the name given with\n"
      "`trustsim run --variant NAME`, else take their file's name. The files must simulate the\n"
      "same teams for the same number of days, with the same --seed. Runs named alike share\n"
      "seeds (paired replicates; the intervals, which assume independence, are then\n"
      "conservative); runs named as a sweep's variants give exactly that sweep's comparison.\n"
      "Examples:\n"
      "  trustsim run scenarios/baseline.json -o base.h5\n"
      "  trustsim run scenarios/baseline.json --set meetings.regime=online --variant online "
      "-o online.h5\n"
      "  trustsim compare base.h5 online.h5 -o results/online_vs_base.h5\n"
      "  trustsim report results/online_vs_base.h5");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
