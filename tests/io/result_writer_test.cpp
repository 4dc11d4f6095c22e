// The writer follows docs/output-format.md: names, types, shapes, units.
#include <catch2/catch.hpp>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::hdf5;
using trustsim::testing::ScratchDirectory;
using trustsim::testing::write_tiny_file;

namespace {
Handle open_file(const std::filesystem::path& path) {
  return file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the test file");
}
Handle open_group(hid_t parent, const std::string& name) {
  return group(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "open a group");
}
}  // namespace

TEST_CASE("root attributes carry the provenance") {
  ScratchDirectory dir("writer-root");
  write_tiny_file(dir.path / "f.h5", 2);
  Handle f = open_file(dir.path / "f.h5");
  CHECK(read_string_attribute(f, "format") == "trustsim");
  CHECK(read_integer_attribute(f, "format_version") == 1);
  CHECK(read_string_attribute(f, "program_version") == "0.1.0");
  CHECK(read_string_attribute(f, "git_commit") == "abc123");
  CHECK(read_string_attribute(f, "created_utc") == "2026-01-02T03:04:05Z");
  CHECK(read_string_attribute(f, "command_line") == "trustsim run x.json");
  CHECK(read_string_attribute(f, "kind") == "run");
  CHECK(read_integer_attribute(f, "seed") == 42);
  CHECK(read_string_attribute(f, "scenario_given") == "{\"given\": true}");
  CHECK(read_string_attribute(f, "scenario_resolved") == "{\"resolved\": true}");
  CHECK(read_integer_attribute(f, "run_count") == 2);
}

TEST_CASE("each run has its attributes and daily series with units") {
  ScratchDirectory dir("writer-daily");
  write_tiny_file(dir.path / "f.h5", 2);
  Handle f = open_file(dir.path / "f.h5");
  Handle run = open_group(f, "runs/run_000001");
  CHECK(read_integer_attribute(run, "run_id") == 1);
  CHECK(read_string_attribute(run, "variant") == "baseline");
  CHECK(read_integer_attribute(run, "replicate") == 1);
  CHECK(read_integer_attribute(run, "seed") == 1001);
  CHECK(read_string_attribute(run, "parameters") == "{}");

  Handle daily = open_group(run, "daily");
  const auto columns = read_strings_attribute(daily, "columns");
  REQUIRE(columns.size() == daily_count);  // the metrics; day is their index
  CHECK(read_int64s(daily, "day") == std::vector<std::int64_t>{0, 1, 2});
  for (std::size_t m = 0; m < daily_count; ++m) {
    const std::string name = daily_info[m].name;
    INFO(name);
    CHECK(columns[m] == name);
    CHECK(read_doubles(daily, name) ==
          std::vector<double>{1.0 + 10.0 * m, 2.0 + 10.0 * m, 3.0 + 10.0 * m});
    Handle set = dataset(H5Dopen2(daily, name.c_str(), H5P_DEFAULT), "open");
    CHECK(read_string_attribute(set, "units") == daily_info[m].units);
    CHECK(read_string_attribute(set, "description") == daily_info[m].description);
    CHECK(read_string_attribute(set, "name") == name);
    CHECK(read_string_attribute(set, "label") == daily_info[m].label);
  }
}

TEST_CASE("every dataset is checksummed and all but the smallest compressed") {
  ScratchDirectory dir("writer-chunks");
  const auto path = dir.path / "f.h5";
  write_tiny_file(path, 1);
  {  // a time series of a real run's length, next to the tiny file's
    Handle f = file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open for writing");
    write_dataset(f, "long_series", std::vector<double>(1040, 0.5), DatasetInfo{"1", "test"});
  }
  Handle f = open_file(path);
  auto filters_of = [&](const char* name) {
    Handle set = dataset(H5Dopen2(f, name, H5P_DEFAULT), "open");
    Handle properties = property_list(H5Dget_create_plist(set), "get creation properties");
    CHECK(H5Pget_layout(properties) == H5D_CHUNKED);
    std::vector<H5Z_filter_t> filters;
    for (int k = 0; k < H5Pget_nfilters(properties); ++k) {
      unsigned flags = 0;
      std::size_t values = 0;
      filters.push_back(H5Pget_filter2(properties, static_cast<unsigned>(k), &flags, &values,
                                       nullptr, 0, nullptr, nullptr));
    }
    return filters;
  };
  CHECK(filters_of("long_series") ==
        std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE, H5Z_FILTER_FLETCHER32});
  // Three days of a series: deflate would save nothing, the checksum stays.
  CHECK(filters_of("runs/run_000000/daily/trust_within") ==
        std::vector<H5Z_filter_t>{H5Z_FILTER_FLETCHER32});
}

TEST_CASE("team trust is a day x from_team x to_team cube") {
  ScratchDirectory dir("writer-team-trust");
  write_tiny_file(dir.path / "f.h5", 1);
  Handle f = open_file(dir.path / "f.h5");
  Handle group = open_group(f, "runs/run_000000/team_trust");
  CHECK(read_strings(group, "team") == std::vector<std::string>{"frailty", "pharmacy"});
  CHECK(read_int64s(group, "day") == std::vector<std::int64_t>{0});
  CHECK(read_doubles(group, "trust") == std::vector<double>{0.6, 0.3, 0.35, 0.7});
  Handle trust = dataset(H5Dopen2(group, "trust", H5P_DEFAULT), "open");
  Handle space = dataspace(H5Dget_space(trust), "space");
  hsize_t dims[3];
  REQUIRE(H5Sget_simple_extent_ndims(space) == 3);
  H5Sget_simple_extent_dims(space, dims, nullptr);
  CHECK(dims[0] == 1);
  CHECK(dims[1] == 2);
  CHECK(dims[2] == 2);
  CHECK(read_strings_attribute(trust, "dimensions") ==
        std::vector<std::string>{"day", "from_team", "to_team"});
}

TEST_CASE("network snapshots are node and edge tables named by their codes") {
  ScratchDirectory dir("writer-network");
  write_tiny_file(dir.path / "f.h5", 1);
  Handle f = open_file(dir.path / "f.h5");
  Handle network = open_group(f, "runs/run_000000/network");
  CHECK(read_strings_attribute(network, "teams") ==
        std::vector<std::string>{"frailty", "pharmacy"});
  CHECK(read_strings_attribute(network, "organisations").size() == 5);
  CHECK(read_strings_attribute(network, "professions") ==
        std::vector<std::string>{"nurse", "pharmacist"});
  Handle day = open_group(network, "day_0002");
  CHECK(read_integer_attribute(day, "day") == 2);
  CHECK(read_uint64s(day, "staff_id") == std::vector<std::uint64_t>{0, 1, 2});
  CHECK(read_int64s(day, "organisation") == std::vector<std::int64_t>{1, 0, 2});
  CHECK(read_uint64s(day, "source") == std::vector<std::uint64_t>{0, 2});
  CHECK(read_uint64s(day, "target") == std::vector<std::uint64_t>{1, 0});
  CHECK(read_doubles(day, "trust") == std::vector<double>{0.8, 0.45});
}

TEST_CASE("group names are fixed width") {
  CHECK(run_group_name(0) == "run_000000");
  CHECK(run_group_name(123456) == "run_123456");
  CHECK(snapshot_group_name(7) == "day_0007");
}

TEST_CASE("chunks stay near a mebibyte") {
  CHECK(chunk_shape({520}, 8) == std::vector<hsize_t>{520});
  CHECK(chunk_shape({1000000}, 8) == std::vector<hsize_t>{125000});  // halved 3 times
  const auto cube = chunk_shape({104, 400, 400}, 8);
  CHECK(cube[0] * cube[1] * cube[2] * 8 <= (1u << 20));
}

TEST_CASE("a run result of the wrong shape is an error, not a corrupt file") {
  ScratchDirectory dir("writer-shape");
  OutputFile file(dir.path / "f.h5", false);
  ResultWriter writer(file, trustsim::testing::tiny_provenance(), trustsim::testing::tiny_layout());
  auto result = trustsim::testing::tiny_result();
  result.daily[0].pop_back();
  CHECK_THROWS_AS(writer.write_run(RunRecord{}, result), hdf5::Error);
}

TEST_CASE("team outcomes of the wrong shape are an error too") {
  ScratchDirectory dir("writer-team-shape");
  OutputFile file(dir.path / "f.h5", false);
  ResultWriter writer(file, trustsim::testing::tiny_provenance(), trustsim::testing::tiny_layout());
  auto result = trustsim::testing::tiny_result();
  result.team_outcomes[index(TeamOutcome::incidents)].pop_back();
  CHECK_THROWS_AS(writer.write_run(RunRecord{}, result), hdf5::Error);
}

TEST_CASE("/team_summary has a row per run and team, also for runs copied from another file") {
  ScratchDirectory dir("writer-teams");
  write_tiny_file(dir.path / "part.h5", 2);
  {
    OutputFile file(dir.path / "whole.h5", true);
    ResultWriter writer(file, trustsim::testing::tiny_provenance(),
                        trustsim::testing::tiny_layout());
    writer.write_run(RunRecord{2, "late", 0, 7u, "{}", {}}, trustsim::testing::tiny_result(2));
    writer.copy_runs({RunCopy{dir.path / "part.h5",
                              1,
                              RunRecord{1, "baseline", 1, 1001u, "", {}},
                              {},
                              false,
                              std::nullopt}});
    writer.finish();
    file.commit();
  }
  Handle f = open_file(dir.path / "whole.h5");
  Handle teams = open_group(f, "team_summary");
  const auto columns = read_strings_attribute(teams, "columns");
  REQUIRE(columns.size() == 4 + team_outcome_count);
  CHECK(std::vector<std::string>(columns.begin(), columns.begin() + 4) ==
        std::vector<std::string>{"run", "variant", "team", "locality"});
  CHECK(read_int64s(teams, "run") == std::vector<std::int64_t>{2, 2, 1, 1});
  CHECK(read_strings(teams, "variant") ==
        std::vector<std::string>{"late", "late", "baseline", "baseline"});
  CHECK(read_strings(teams, "team") ==
        std::vector<std::string>{"frailty", "pharmacy", "frailty", "pharmacy"});
  // tiny_result(offset): team outcome o is {o + offset, 2 o}.
  const auto incidents = read_doubles(teams, "incidents");
  const double o = static_cast<double>(index(TeamOutcome::incidents));
  CHECK(incidents == std::vector<double>{o + 2, 2 * o, o + 1, 2 * o});
  Handle set = dataset(H5Dopen2(teams, "incidents_per_head_year", H5P_DEFAULT), "open");
  CHECK(read_string_attribute(set, "units") == "incidents/staff/year");
  CHECK(read_string_attribute(set, "label") == "Incidents per head a year");
}

TEST_CASE("copied runs keep their groups whole, and relabelled ones take their new identity") {
  ScratchDirectory dir("writer-copies");
  write_tiny_file(dir.path / "a.h5", 2);
  write_tiny_file(dir.path / "b.h5", 1);
  {
    OutputFile file(dir.path / "whole.h5", true);
    ResultWriter writer(file, trustsim::testing::tiny_provenance(),
                        trustsim::testing::tiny_layout());
    writer.copy_runs({RunCopy{dir.path / "a.h5",
                              1,
                              RunRecord{1, "baseline", 1, 1001u, "", {}},
                              {},
                              false,
                              std::nullopt},
                      RunCopy{dir.path / "a.h5",
                              0,
                              RunRecord{0, "baseline", 0, 1000u, "", {}},
                              {},
                              false,
                              std::nullopt},
                      RunCopy{dir.path / "b.h5",
                              0,
                              RunRecord{5, "later", 0, 1000u, "", {}},
                              {},
                              true,
                              std::nullopt}});
    writer.finish();
    file.commit();
  }
  Handle f = open_file(dir.path / "whole.h5");
  Handle runs = open_group(f, "runs");
  CHECK(read_integer_attribute(open_group(runs, "run_000001"), "run_id") == 1);
  CHECK(read_string_attribute(open_group(runs, "run_000000"), "variant") == "baseline");
  Handle relabelled = open_group(runs, "run_000005");
  CHECK(read_integer_attribute(relabelled, "run_id") == 5);
  CHECK(read_string_attribute(relabelled, "variant") == "later");
  // tiny_result(offset) puts its offset (the run id) into the daily series.
  const auto series = [&](const char* run) {
    return read_doubles(open_group(open_group(runs, run), "daily"), "trust_within");
  };
  CHECK(series("run_000001").front() == series("run_000000").front() + 1.0);
  CHECK(series("run_000005") == series("run_000000"));
  CHECK(read_strings(open_group(f, "summary"), "variant") ==
        std::vector<std::string>{"baseline", "baseline", "later"});
}
