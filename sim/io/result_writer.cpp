#include "io/result_writer.hpp"

#include <cstdio>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"

namespace trustsim {

using hdf5::DatasetInfo;

namespace {

void write_provenance(hid_t root, const Provenance& p) {
  hdf5::write_attribute(root, "format", std::string("trustsim"));
  hdf5::write_attribute(root, "format_version", std::int64_t{1});
  hdf5::write_attribute(root, "program_version", p.program_version);
  hdf5::write_attribute(root, "git_commit", p.git_commit);
  hdf5::write_attribute(root, "created_utc", p.created_utc);
  hdf5::write_attribute(root, "command_line", p.command_line);
  hdf5::write_attribute(root, "kind", p.kind);
  hdf5::write_attribute(root, "seed", p.seed);
  hdf5::write_attribute(root, "scenario_given", p.scenario_given);
  hdf5::write_attribute(root, "scenario_resolved", p.scenario_resolved);
}

// A metric's dataset: its values with units and description, plus its name
// and the label figures and reports call it by, so that readers of the file
// need no copy of metrics.hpp; or, not `described`, its values alone.
void write_metric(hid_t parent, const MetricInfo& info, const std::vector<double>& values,
                  bool described = true) {
  hdf5::write_dataset(parent, info.name, values,
                      DatasetInfo{info.units,
                                  info.description,
                                  true,
                                  {{"name", info.name}, {"label", info.label}},
                                  described});
}

void write_daily(hid_t run, const RunResult& result) {
  hdf5::Handle daily = hdf5::create_group(run, "daily");
  std::vector<std::int32_t> days(static_cast<std::size_t>(result.days));
  for (int d = 0; d < result.days; ++d) days[static_cast<std::size_t>(d)] = d;
  hdf5::write_dataset(daily, "day", days, DatasetInfo{"day", "working day, from 0"});
  std::vector<std::string> columns;  // the metrics; `day` is their index
  for (std::size_t m = 0; m < daily_count; ++m) {
    const MetricInfo& info = daily_info[m];
    if (result.daily[m].size() != days.size())
      throw hdf5::Error(std::string("daily series ") + info.name + " has " +
                        std::to_string(result.daily[m].size()) + " values for " +
                        std::to_string(days.size()) + " days");
    write_metric(daily, info, result.daily[m]);
    columns.emplace_back(info.name);
  }
  hdf5::write_attribute(daily, "columns", columns);
}

void write_team_trust(hid_t run, const RunResult& result) {
  hdf5::Handle group = hdf5::create_group(run, "team_trust");
  std::vector<std::int32_t> days(result.team_trust_days.begin(), result.team_trust_days.end());
  hdf5::write_dataset(group, "day", days, DatasetInfo{"day", "day of each trust sample"});
  hdf5::write_strings(group, "team", result.team_names,
                      DatasetInfo{"1", "team names, in index order"});
  const hsize_t samples = days.size();
  const hsize_t teams = result.team_names.size();
  hdf5::write_dataset<double>(
      group, "trust", std::span<const double>(result.team_trust), {samples, teams, teams},
      DatasetInfo{"1", "mean trust T(i->j) for i in from_team, j in to_team, on day[s]"});
  hdf5::Handle trust = hdf5::dataset(H5Dopen2(group, "trust", H5P_DEFAULT), "reopen trust");
  hdf5::write_attribute(trust, "dimensions",
                        std::vector<std::string>{"day", "from_team", "to_team"});
}

// The run's per-team outcomes over its measurement window, one row per team.
void write_teams(hid_t run, const RunResult& result) {
  const std::size_t rows = result.team_names.size();
  for (std::size_t o = 0; o < team_outcome_count; ++o)
    if (result.team_outcomes[o].size() != rows)
      throw hdf5::Error(std::string("team outcome ") + team_outcome_info[o].name + " has " +
                        std::to_string(result.team_outcomes[o].size()) + " values for " +
                        std::to_string(rows) + " teams");
  if (result.team_localities.size() != rows)
    throw hdf5::Error("team localities have " + std::to_string(result.team_localities.size()) +
                      " values for " + std::to_string(rows) + " teams");
  hdf5::Handle teams = hdf5::create_group(run, "teams");
  hdf5::write_strings(teams, "team", result.team_names, DatasetInfo{"1", "team name"});
  std::vector<std::int32_t> localities(result.team_localities.begin(),
                                       result.team_localities.end());
  hdf5::write_dataset(teams, "locality", localities,
                      DatasetInfo{"1", "locality of the team, from 0"});
  std::vector<std::string> columns{"team", "locality"};
  for (std::size_t o = 0; o < team_outcome_count; ++o) {
    write_metric(teams, team_outcome_info[o], result.team_outcomes[o]);
    columns.emplace_back(team_outcome_info[o].name);
  }
  hdf5::write_attribute(teams, "columns", columns);
  hdf5::write_attribute(teams, "measure_from_day", std::int64_t{result.measured_from});
}

void write_network(hid_t run, const RunResult& result, const FileLayout& layout) {
  hdf5::Handle network = hdf5::create_group(run, "network");
  hdf5::write_attribute(network, "teams", result.team_names);
  hdf5::write_attribute(network, "organisations", layout.organisation_names);
  hdf5::write_attribute(network, "professions", result.profession_names);
  for (const auto& snapshot : result.snapshots) {
    hdf5::Handle day = hdf5::create_group(network, snapshot_group_name(snapshot.day));
    hdf5::write_attribute(day, "day", std::int64_t{snapshot.day});
    hdf5::write_dataset(day, "staff_id", snapshot.staff_id,
                        DatasetInfo{"1", "staff member (node)"});
    hdf5::write_dataset(day, "team", snapshot.team,
                        DatasetInfo{"1", "team index (network attribute teams)"});
    hdf5::write_dataset(day, "organisation", snapshot.organisation,
                        DatasetInfo{"1", "organisation code (network attribute organisations)"});
    hdf5::write_dataset(day, "profession", snapshot.profession,
                        DatasetInfo{"1", "profession code (network attribute professions)"});
    hdf5::write_dataset(day, "source", snapshot.source,
                        DatasetInfo{"1", "staff_id who trusts (edge from)"});
    hdf5::write_dataset(day, "target", snapshot.target,
                        DatasetInfo{"1", "staff_id trusted (edge to)"});
    hdf5::write_dataset(day, "trust", snapshot.trust, DatasetInfo{"1", "trust T(source->target)"});
  }
}

// /team_summary's rows: each run's teams table, run after run.
struct TeamRows {
  std::vector<std::int64_t> run;
  std::vector<std::string> variant;
  std::vector<std::string> team;
  std::vector<std::int32_t> locality;
  std::array<std::vector<double>, team_outcome_count> values;
};

// Appends the rows of run `record`'s teams table in `runs` (none in a file
// from before /team_summary).
void add_team_rows(hid_t runs, const RunRecord& record, TeamRows& rows) {
  hdf5::Handle run = hdf5::group(H5Gopen2(runs, run_group_name(record.run_id).c_str(), H5P_DEFAULT),
                                 "open a run's group");
  if (H5Lexists(run, "teams", H5P_DEFAULT) <= 0) return;
  hdf5::Handle teams = hdf5::group(H5Gopen2(run, "teams", H5P_DEFAULT), "open a run's teams");
  const auto names = hdf5::read_strings(teams, "team");
  const auto localities = hdf5::read_int64s(teams, "locality");
  std::array<std::vector<double>, team_outcome_count> values;
  for (std::size_t o = 0; o < team_outcome_count; ++o) {
    values[o] = hdf5::read_doubles(teams, team_outcome_info[o].name);
    if (values[o].size() != names.size())
      throw hdf5::Error("run " + std::to_string(record.run_id) + ": teams/" +
                        team_outcome_info[o].name + " has " + std::to_string(values[o].size()) +
                        " rows for " + std::to_string(names.size()) + " teams");
  }
  if (localities.size() != names.size())
    throw hdf5::Error("run " + std::to_string(record.run_id) + ": teams/locality has " +
                      std::to_string(localities.size()) + " rows for " +
                      std::to_string(names.size()) + " teams");
  for (std::size_t t = 0; t < names.size(); ++t) {
    rows.run.push_back(record.run_id);
    rows.variant.push_back(record.variant);
    rows.team.push_back(names[t]);
    rows.locality.push_back(static_cast<std::int32_t>(localities[t]));
    for (std::size_t o = 0; o < team_outcome_count; ++o) rows.values[o].push_back(values[o][t]);
  }
}

}  // namespace

std::string run_group_name(std::int64_t run_id) {
  char name[32];
  std::snprintf(name, sizeof name, "run_%06lld", static_cast<long long>(run_id));
  return name;
}

std::string run_group_path(std::int64_t run_id) { return "runs/" + run_group_name(run_id); }

std::string snapshot_group_name(int day) {
  char name[32];
  std::snprintf(name, sizeof name, "day_%04d", day);
  return name;
}

ResultWriter::ResultWriter(OutputFile& file, const Provenance& provenance, FileLayout layout)
    : file_(file), layout_(std::move(layout)) {
  write_provenance(file_.id(), provenance);
  runs_ = hdf5::create_group(file_.id(), "runs");
}

void ResultWriter::write_run(const RunRecord& record, const RunResult& result) {
  hdf5::silence_library_errors();  // this may be a worker thread
  if (record.swept_values.size() != layout_.swept_parameters.size())
    throw hdf5::Error("run " + std::to_string(record.run_id) +
                      " has the wrong number of swept values");
  hdf5::Handle run = hdf5::create_group(runs_, run_group_name(record.run_id));
  hdf5::write_attribute(run, "run_id", record.run_id);
  hdf5::write_attribute(run, "variant", record.variant);
  hdf5::write_attribute(run, "replicate", record.replicate);
  hdf5::write_attribute(run, "seed", record.seed);
  hdf5::write_attribute(run, "parameters", record.parameters_json);
  hdf5::write_attribute(run, "measure_from_day", std::int64_t{result.measured_from});
  // A summary-only run (RunControl::summary_only) has no daily series, team
  // trust samples or network snapshots; its per-team outcomes are written.
  if (!result.daily.front().empty()) write_daily(run, result);
  if (!result.team_trust_days.empty()) write_team_trust(run, result);
  write_teams(run, result);
  if (!result.snapshots.empty()) write_network(run, result, layout_);
  add_row(record, result.outcomes);
}

void ResultWriter::copy_runs(const std::vector<RunCopy>& copies,
                             const std::function<bool()>& stop) {
  for (const RunCopy& copy : copies)
    if (copy.record.swept_values.size() != layout_.swept_parameters.size())
      throw hdf5::Error("run " + std::to_string(copy.record.run_id) +
                        " has the wrong number of swept values");
  if (copies.empty()) return;
  runs_.close("close the runs group");
  file_.write_in_child(
      [&copies](hid_t file) {
        hdf5::Handle runs = hdf5::group(H5Gopen2(file, "runs", H5P_DEFAULT), "open the runs group");
        // Consecutive runs of one file (a shard's, a compared file's) share its opening.
        hdf5::Handle from;
        const std::filesystem::path* from_path = nullptr;
        for (const RunCopy& copy : copies) {
          if (from_path == nullptr || *from_path != copy.source) {
            from.close("close a file runs were copied from");
            from = hdf5::file(H5Fopen(copy.source.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                              "open a file to copy a run from");
            from_path = &copy.source;
          }
          const std::string name = run_group_name(copy.record.run_id);
          hdf5::check_status(H5Ocopy(from, run_group_path(copy.source_run_id).c_str(), runs,
                                     name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
                             "copy a run group between files");
          if (!copy.relabelled) continue;
          hdf5::Handle run =
              hdf5::group(H5Gopen2(runs, name.c_str(), H5P_DEFAULT), "open a copied run");
          for (const char* attribute : {"run_id", "variant"})
            hdf5::check_status(H5Adelete(run, attribute), "replace a copied run's attribute");
          hdf5::write_attribute(run, "run_id", copy.record.run_id);
          hdf5::write_attribute(run, "variant", copy.record.variant);
          run.close("close a copied run");
        }
        from.close("close a file runs were copied from");
        runs.close("close the runs group");
      },
      stop);
  runs_ = hdf5::group(H5Gopen2(file_.id(), "runs", H5P_DEFAULT), "open the runs group");
  for (const RunCopy& copy : copies) {
    if (copy.strings && !copy.relabelled)
      file_.string_stretches()[run_group_path(copy.record.run_id)] = *copy.strings;
    add_row(copy.record, copy.outcomes);
  }
}

void ResultWriter::add_row(const RunRecord& record,
                           const std::array<double, outcome_count>& outcomes) {
  RunRecord row = record;
  row.parameters_json.clear();  // kept in the run group; the summary needs only the ids
  rows_.push_back(std::move(row));
  outcomes_.push_back(outcomes);
}

void ResultWriter::finish(Tables tables) {
  hdf5::silence_library_errors();  // this may be a worker thread
  const bool described = tables == Tables::output;
  const auto info = [described](const std::string& units, const std::string& description) {
    return DatasetInfo{units, description, true, {}, described};
  };
  hdf5::Handle summary = hdf5::create_group(file_.id(), "summary");
  const std::size_t n = rows_.size();
  std::vector<std::int64_t> run_ids(n), replicates(n);
  std::vector<std::uint64_t> seeds(n);
  std::vector<std::string> variants(n);
  for (std::size_t i = 0; i < n; ++i) {
    run_ids[i] = rows_[i].run_id;
    replicates[i] = rows_[i].replicate;
    seeds[i] = rows_[i].seed;
    variants[i] = rows_[i].variant;
  }
  hdf5::write_dataset(summary, "run_id", run_ids,
                      info("1", "run id, also the name of runs/run_NNNNNN"));
  hdf5::write_strings(summary, "variant", variants, info("1", "variant name"));
  hdf5::write_dataset(summary, "replicate", replicates, info("1", "replicate within the variant"));
  hdf5::write_dataset(summary, "seed", seeds, info("1", "the run's own seed"));
  std::vector<std::string> columns{"run_id", "variant", "replicate", "seed"};
  for (std::size_t p = 0; p < layout_.swept_parameters.size(); ++p) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = rows_[i].swept_values[p];
    hdf5::write_dataset(summary, layout_.swept_parameters[p], values,
                        info("1", "swept parameter " + layout_.swept_parameters[p]));
    columns.push_back(layout_.swept_parameters[p]);
  }
  for (std::size_t o = 0; o < outcome_count; ++o) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = outcomes_[i][o];
    write_metric(summary, outcome_info[o], values, described);
    columns.emplace_back(outcome_info[o].name);
  }
  hdf5::write_attribute(summary, "columns", columns);

  if (tables == Tables::output) write_team_summary();

  hdf5::write_attribute(file_.id(), "run_count", static_cast<std::int64_t>(n));
  // Nothing may stay open when the file is committed: HDF5 would otherwise
  // keep the file open past its close, and write to it after the rename.
  summary.close("close /summary");
  runs_.close("close /runs");
}

void ResultWriter::write_team_summary() {
  TeamRows team_rows;
  for (const RunRecord& row : rows_) add_team_rows(runs_, row, team_rows);
  hdf5::Handle teams = hdf5::create_group(file_.id(), "team_summary");
  hdf5::write_dataset(teams, "run", team_rows.run, DatasetInfo{"1", "run id (/summary's run_id)"});
  hdf5::write_strings(teams, "variant", team_rows.variant, DatasetInfo{"1", "variant name"});
  hdf5::write_strings(teams, "team", team_rows.team, DatasetInfo{"1", "team name"});
  hdf5::write_dataset(teams, "locality", team_rows.locality,
                      DatasetInfo{"1", "locality of the team, from 0"});
  std::vector<std::string> team_columns{"run", "variant", "team", "locality"};
  for (std::size_t o = 0; o < team_outcome_count; ++o) {
    write_metric(teams, team_outcome_info[o], team_rows.values[o]);
    team_columns.emplace_back(team_outcome_info[o].name);
  }
  hdf5::write_attribute(teams, "columns", team_columns);
  teams.close("close /team_summary");
}

}  // namespace trustsim
