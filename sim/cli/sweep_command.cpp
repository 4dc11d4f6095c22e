// `trustsim sweep SWEEP.json`: every run of a sweep (variants x design
// points x replicates) in parallel, each finished run saved at once to
// OUT.h5.parts/ so that a killed sweep continues with --resume, then all
// runs combined into OUT.h5 with the /comparison table. With --shard I/N,
// only the I-th of N slices of the runs, into a shard file for
// `trustsim merge` (an array job of a batch scheduler runs one per task).
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>

#include "cli/command_line.hpp"
#include "cli/execute_plan.hpp"
#include "cli/here_or_across_ranks.hpp"
#include "model/simulation.hpp"
#include "runner/cancellation.hpp"
#include "scenario/overrides.hpp"
#include "sweep/shard.hpp"
#include "sweep/sweep_definition.hpp"

#if TRUSTSIM_WITH_MPI
#include "cluster/mpi_session.hpp"
#include "cluster/parts_across_ranks.hpp"
#endif

namespace trustsim::cli {

namespace {

struct SweepOptions : ExecuteOptions {
  std::string sweep_path;
  std::string output_path;
  std::string shard;                     // "I/N", or empty for the whole sweep
  std::vector<std::string> assignments;  // --set: onto the base scenario, for every run
  int replicates = 0;                    // --replicates: 0 keeps the sweep file's
};

// A shard's default name says which shard it is, so that the tasks of an
// array job do not all write one file.
std::string shard_suffix(const std::optional<Shard>& shard) {
  if (!shard) return "";
  return ".shard-" + std::to_string(shard->index) + "-of-" + std::to_string(shard->count);
}

PreparedPlan prepare(const SweepOptions& options) {
  SweepDefinition sweep = read_sweep_file(options.sweep_path);
  // Overrides of the base scenario, checked like its own keys when the plan
  // resolves every run; recorded in the command line and resolved sweep.
  for (const auto& assignment : options.assignments)
    apply_override(sweep.base_document, parse_override(assignment));
  if (options.replicates > 0) sweep.replicates = options.replicates;
  PreparedPlan prepared;
  prepared.plan = expand_sweep(sweep);
  if (!options.shard.empty()) prepared.shard = parse_shard(options.shard);
  prepared.owned =
      prepared.shard ? runs_of_shard(prepared.plan.runs, *prepared.shard) : prepared.plan.runs;
  prepared.output = options.output_path.empty()
                        ? default_output(options.sweep_path, shard_suffix(prepared.shard))
                        : std::filesystem::path(options.output_path);
  prepared.source = sweep.source;
  prepared.given_text = sweep.given_text;
  if (options.dry_run) return prepared;
  std::vector<std::filesystem::path> inputs{options.sweep_path};
  if (!sweep.base_source.empty()) inputs.emplace_back(sweep.base_source);
  check_output(prepared.output, inputs, options);
  return prepared;
}

int execute_sweep(const SweepOptions& options, Workers& workers) {
  return execute_plan(
      options, [&options] { return prepare(options); }, workers);
}

int execute_here(const SweepOptions& options) {
  Workers alone;
  return execute_sweep(options, alone);
}

#if TRUSTSIM_WITH_MPI
// Under mpirun: every rank computes runs dealt out by rank 0 into the
// shared work directory (cluster/); rank 0 writes the output.
class RanksOfJob : public Workers {
 public:
  explicit RanksOfJob(const cluster::MpiSession& session) : session_(session) {}
  bool is_root() const override { return session_.is_root(); }
  bool alone() const override { return false; }
  void together(const std::function<void()>& step) const override {
    cluster::on_every_rank(session_, step);
  }
  void compute(const std::vector<RunPlan>& missing, const SweepPlan& plan,
               const PartsDirectory& parts, const Provenance& provenance,
               const PartRunOptions& options) override {
    const cluster::RanksOutcome outcome = cluster::run_parts_across_ranks(
        session_, missing, plan, parts, &trustsim::simulate, provenance, options);
    if (outcome.problem) std::rethrow_exception(outcome.problem);
    if (outcome.agreed == cluster::RankOutcome::failed) throw FailedElsewhere();
    if (outcome.agreed == cluster::RankOutcome::cancelled) throw Cancelled();
    reports_ = outcome.reports;
  }
  std::string computed_by() const override {
    std::string ranks = " by " + plural(static_cast<std::size_t>(session_.size()), "rank") + " (";
    for (std::size_t r = 0; r < reports_.size(); ++r)
      ranks += (r ? " + " : "") + std::to_string(reports_[r].runs_computed);
    return ranks + ")";
  }

 private:
  const cluster::MpiSession& session_;
  std::vector<cluster::RankReport> reports_;  // on rank 0
};

int execute_across_ranks(const SweepOptions& options, const cluster::MpiSession& session) {
  RanksOfJob ranks(session);
  return execute_sweep(options, ranks);
}
#endif

int execute(const SweepOptions& options) {
  return execute_here_or_across_ranks(
      [&] { return execute_here(options); },
      [&](const auto& session) { return execute_across_ranks(options, session); });
}

}  // namespace

Subcommand add_sweep_command(CLI::App& root) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* app = root.add_subcommand(
      "sweep", "Run a sweep (variants x grid/sampled design x replicates) into one HDF5 file");
  app->add_option("sweep", options->sweep_path, "Sweep file (JSON)")->required();
  app->add_option("-o,--output", options->output_path,
                  "Output file (default: results/<sweep name>.h5)");
  app->add_option("--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::PositiveNumber);
  add_resume_flags(*app, options->resume, options->force, options->quiet, "sweep", "finished runs",
                   "parts");
  app->add_option("--shard", options->shard,
                  "Run only the I-th of N slices of the runs (run ids leaving I-1 when divided by "
                  "N) into a shard file; combine the N files with trustsim merge")
      ->type_name("I/N")
      ->check(CLI::Validator(
          [](std::string& text) {
            try {
              (void)parse_shard(text);
              return std::string();
            } catch (const std::invalid_argument& problem) {
              return std::string(problem.what());
            }
          },
          "I/N"));
  add_set_option(*app, options->assignments)
      ->description(
          "Override a key of the base scenario for every run, as key=value "
          "(repeatable; variants and the design override it in turn)");
  app->add_option("--replicates", options->replicates, "Replicates (overrides the sweep's)")
      ->check(CLI::PositiveNumber);
  app->add_flag("--dry-run", options->dry_run,
                "Check the sweep and print its plan (runs, seeds, design points); run nothing");
  app->footer(
      "Examples:\n"
      "  trustsim sweep scenarios/interventions.json\n"
      "  trustsim sweep scenarios/trust_sensitivity.json --dry-run\n"
      "  trustsim sweep scenarios/regimes.json -o results/regimes.h5 --threads 4\n"
      "  trustsim sweep scenarios/interventions.json --replicates 5 --set days=120\n"
      "  trustsim sweep scenarios/interventions.json --resume   # after Ctrl-C or a kill\n"
      "  trustsim sweep scenarios/interventions.json --shard 2/8 -o part-2.h5   # array task 2\n"
      "  trustsim merge part-*.h5 -o results/interventions.h5\n"
      "  trustsim summary results/interventions.h5");
  return {app, [options] { return execute(*options); }};
}

}  // namespace trustsim::cli
