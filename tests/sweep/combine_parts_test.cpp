// Parts written run by run, in any order and across "sessions", combine
// into one file whose runs are exactly the parts' and whose /summary and
// /comparison follow the plan.
#include <catch2/catch.hpp>

#include <cmath>

#include "io/hdf5_read.hpp"
#include "io/string_checksum.hpp"
#include "io/summary_reader.hpp"
#include "model/simulation.hpp"
#include "sweep/combine_parts.hpp"
#include "sweep/comparison_file.hpp"
#include "sweep/run_part.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::testing;

namespace {

Provenance provenance() {
  return {"0.1.0", "abc1234", "2026-01-01T00:00:00Z", "trustsim sweep sweep.json", "sweep", 11,
          "{}",    "{}"};
}

PartsManifest manifest_of(const SweepPlan& plan) {
  return {fingerprint_text(plan.fingerprint), static_cast<std::int64_t>(plan.runs.size()), "0.1.0",
          "abc1234", "sweep.json"};
}

void write_part(const SweepPlan& plan, const PartsDirectory& parts, std::size_t i) {
  const RunPlan& run = plan.runs[i];
  write_run_part(parts.part_path(run.run_id), run, simulate(*run.parameters, run.seed),
                 plan.swept_keys, provenance(), fingerprint_text(plan.fingerprint));
}

const Json sweep_json = small_sweep({{"variants", {{"online", {{"meetings.regime", "online"}}}}},
                                     {"grid", {{"trust.half_life_days", {60, 120}}}}});

// Every run of `plan` from its part; throws FileError if one is missing,
// damaged or foreign.
void combine_parts(const SweepPlan& plan, const PartsDirectory& parts, OutputFile& file,
                   const Provenance& provenance) {
  combine_runs(plan, plan.runs, parts_source(plan, parts), file, provenance, Comparison::include);
}

// Equal, NaN standing for itself (an outcome undefined in a run).
bool same_values(const SummaryValues& a, const SummaryValues& b) {
  const auto* x = std::get_if<std::vector<double>>(&a);
  const auto* y = std::get_if<std::vector<double>>(&b);
  if (x == nullptr || y == nullptr) return a == b;
  if (x->size() != y->size()) return false;
  for (std::size_t k = 0; k < x->size(); ++k)
    if ((*x)[k] != (*y)[k] && !(std::isnan((*x)[k]) && std::isnan((*y)[k]))) return false;
  return true;
}

}  // namespace

TEST_CASE("parts written out of order combine into the planned file", "[combine_parts]") {
  ScratchDirectory scratch("combine");
  const SweepPlan plan = expand_sweep(read_sweep(sweep_json));
  REQUIRE(plan.runs.size() == 8);
  const auto output = scratch.path() / "out.h5";
  {
    // A first session writes some parts, a second (after a "kill") the rest.
    PartsDirectory parts(output, manifest_of(plan), PartsMode::fresh);
    for (std::size_t i : {5, 0, 3}) write_part(plan, parts, i);
  }
  PartsDirectory parts(output, manifest_of(plan), PartsMode::resume);
  CHECK(parts.finished_count() == 3);
  for (std::size_t i : {7, 1, 2, 4, 6}) write_part(plan, parts, i);
  {
    OutputFile file(output, false);
    combine_parts(plan, parts, file, provenance());
    file.commit();
  }
  const SummaryTable summary = read_summary(output);
  CHECK(summary.kind == "sweep");
  REQUIRE(summary.rows() == 8);
  const auto& run_ids = std::get<std::vector<std::int64_t>>(summary.columns[0].values);
  CHECK(run_ids == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7});
  bool has_swept_column = false;
  for (const auto& column : summary.columns)
    if (column.name == "trust.half_life_days") {
      has_swept_column = true;
      CHECK(std::get<std::vector<double>>(column.values) ==
            std::vector<double>{60, 60, 60, 60, 120, 120, 120, 120});
    }
  CHECK(has_swept_column);

  // The runs' datasets are the ones a direct simulation gives.
  const RunResult direct = simulate(*plan.runs[6].parameters, plan.runs[6].seed);
  hdf5::Handle file = hdf5::file(H5Fopen(output.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  hdf5::Handle daily = hdf5::group(H5Gopen2(file, "runs/run_000006/daily", H5P_DEFAULT), "open");
  CHECK(hdf5::read_doubles(daily, "trust_between") == direct.daily[index(Daily::trust_between)]);

  // A part holds no /team_summary; the combined file's is built from each
  // run's teams group: one row per run and team, the run's own values.
  hdf5::Handle part =
      hdf5::file(H5Fopen(parts.part_path(6).c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  CHECK(H5Lexists(part, "team_summary", H5P_DEFAULT) == 0);
  // Its /summary is bare values, which the output's is not.
  const std::string trust_column = std::string("summary/") + outcome_info[0].name;
  CHECK(H5Aexists_by_name(part, trust_column.c_str(), "units", H5P_DEFAULT) == 0);
  CHECK(H5Aexists_by_name(file, trust_column.c_str(), "units", H5P_DEFAULT) > 0);
  CHECK(read_summary(parts.part_path(6)).rows() == 1);
  const SummaryTable teams = read_table(output, "team_summary");
  const std::size_t per_run = direct.team_names.size();
  REQUIRE(teams.rows() == 8 * per_run);
  const auto& team_runs = std::get<std::vector<std::int64_t>>(teams.columns[0].values);
  CHECK(team_runs[6 * per_run] == 6);
  for (const auto& column : teams.columns)
    if (column.name == team_outcome_info[0].name) {
      const auto& values = std::get<std::vector<double>>(column.values);
      CHECK(std::vector<double>(values.begin() + 6 * per_run, values.begin() + 7 * per_run) ==
            direct.team_outcomes[0]);
    }

  const auto comparison = read_comparison(output);
  REQUIRE(comparison);
  CHECK(comparison->grid_keys == std::vector<std::string>{"trust.half_life_days"});
  REQUIRE(comparison->rows.size() == 2 * 2 * outcome_count);  // cells x variants x outcomes
  CHECK(comparison->rows.front().variant == "baseline");
  CHECK(comparison->rows.front().mean.n == 2);
}

TEST_CASE("a missing or foreign part stops the combination", "[combine_parts]") {
  ScratchDirectory scratch("combine-bad");
  const SweepPlan plan = expand_sweep(read_sweep(sweep_json));
  const SweepPlan other = expand_sweep(read_sweep(small_sweep({{"seed", 12}})));
  const auto output = scratch.path() / "out.h5";
  PartsDirectory parts(output, manifest_of(plan), PartsMode::fresh);
  for (std::size_t i = 1; i < plan.runs.size(); ++i) write_part(plan, parts, i);
  {
    OutputFile file(output, false);
    CHECK_THROWS_WITH(combine_parts(plan, parts, file, provenance()), Catch::Contains("missing"));
  }
  // Run 0 of another sweep under run 0's name.
  write_run_part(parts.part_path(0), other.runs[0],
                 simulate(*other.runs[0].parameters, other.runs[0].seed), other.swept_keys,
                 provenance(), fingerprint_text(other.fingerprint));
  OutputFile file(output, false);
  CHECK_THROWS_WITH(combine_parts(plan, parts, file, provenance()),
                    Catch::Contains("not a part of this sweep"));
}

TEST_CASE("the runs this invocation wrote are combined from their outcomes, not read back",
          "[combine_parts]") {
  ScratchDirectory scratch("combine-written");
  const SweepPlan plan = expand_sweep(read_sweep(sweep_json));
  const auto output = scratch.path() / "out.h5";
  PartsDirectory parts(output, manifest_of(plan), PartsMode::fresh);
  RunsWritten written;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const RunPlan& run = plan.runs[i];
    const RunResult result = simulate(*run.parameters, run.seed);
    const hdf5::StringStretch strings =
        write_run_part(parts.part_path(run.run_id), run, result, plan.swept_keys, provenance(),
                       fingerprint_text(plan.fingerprint));
    if (i % 2 == 1) written.emplace(run.run_id, RunWritten{result.outcomes, strings});
    // The part's checksum, taken from its strings as recorded, is a full walk's.
    CHECK_NOTHROW(hdf5::check_string_checksum(hdf5::file(
        H5Fopen(parts.part_path(run.run_id).c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open a part")));
  }
  auto summary_of = [&](const std::filesystem::path& path, const RunsWritten* here) {
    {
      OutputFile file(path, false);
      combine_runs(plan, plan.runs, parts_source(plan, parts, WrittenBy::this_invocation, here),
                   file, provenance(), Comparison::include);
      file.commit();
    }
    // Its strings' checksum, partly taken from the parts' stretches, is a full walk's.
    CHECK_NOTHROW(hdf5::check_string_checksum(
        hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the output")));
    return read_summary(path);
  };
  const SummaryTable read_back = summary_of(scratch.path() / "read.h5", nullptr);
  const SummaryTable remembered = summary_of(scratch.path() / "remembered.h5", &written);
  REQUIRE(read_back.columns.size() == remembered.columns.size());
  for (std::size_t c = 0; c < read_back.columns.size(); ++c) {
    INFO(read_back.columns[c].name);
    CHECK(same_values(read_back.columns[c].values, remembered.columns[c].values));
  }

  // Run 3's first outcome as remembered, not as its part says.
  written.at(3).outcomes[0] = 12345.0;
  const SummaryTable marked = summary_of(scratch.path() / "marked.h5", &written);
  for (const auto& column : marked.columns)
    if (column.name == outcome_info[0].name)
      CHECK(std::get<std::vector<double>>(column.values)[3] == 12345.0);
}
