// /summary reads back column by column, and foreign files are refused clearly.
#include <catch2/catch.hpp>
#include <fstream>

#include "io/summary_reader.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;
using trustsim::testing::write_tiny_file;

TEST_CASE("the summary has one row per run and the documented columns") {
  ScratchDirectory dir("summary");
  write_tiny_file(dir.path / "f.h5", 3);
  const SummaryTable table = read_summary(dir.path / "f.h5");
  CHECK(table.kind == "run");
  CHECK(table.rows() == 3);
  REQUIRE(table.columns.size() == 4 + outcome_count);
  CHECK(table.columns[0].name == "run_id");
  CHECK(std::get<std::vector<std::int64_t>>(table.columns[0].values) ==
        std::vector<std::int64_t>{0, 1, 2});
  CHECK(std::get<std::vector<std::string>>(table.columns[1].values) ==
        std::vector<std::string>{"baseline", "baseline", "baseline"});
  CHECK(std::get<std::vector<std::uint64_t>>(table.columns[3].values) ==
        std::vector<std::uint64_t>{1000, 1001, 1002});
  for (std::size_t o = 0; o < outcome_count; ++o) {
    const auto& column = table.columns[4 + o];
    CHECK(column.name == outcome_info[o].name);
    CHECK(column.units == outcome_info[o].units);
    CHECK(std::get<std::vector<double>>(column.values) ==
          std::vector<double>{100.0 + o, 101.0 + o, 102.0 + o});
  }
}

TEST_CASE("files that are not trustsim output are refused with one line") {
  ScratchDirectory dir("summary-foreign");
  const auto missing = dir.path / "missing.h5";
  CHECK_THROWS_WITH(read_summary(missing), missing.string() + ": no such file");

  const auto text = dir.path / "text.h5";
  std::ofstream(text) << "not hdf5";
  CHECK_THROWS_WITH(read_summary(text), text.string() + ": not an HDF5 file");

  const auto foreign = dir.path / "foreign.h5";
  H5Fclose(H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  CHECK_THROWS_WITH(
      read_summary(foreign),
      foreign.string() + ": not a trustsim output file (no format=trustsim attribute)");
}

TEST_CASE("a truncated file is refused, not crashed on") {
  ScratchDirectory dir("summary-truncated");
  const auto path = dir.path / "f.h5";
  write_tiny_file(path, 2);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  CHECK_THROWS_AS(read_summary(path), FileError);
}
