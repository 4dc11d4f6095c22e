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

TEST_CASE("attributes written as ASCII strings (h5py bytes) are read too") {
  // HDF5 converts no character sets: reading ASCII as UTF-8 failed, and a
  // trustsim file touched by h5py was called damaged.
  ScratchDirectory dir("summary-ascii");
  const auto path = dir.path / "f.h5";
  write_tiny_file(path, 1);
  {
    hdf5::Handle file = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    hdf5::check_status(H5Adelete(file, "kind"), "delete kind");
    hdf5::Handle type = hdf5::datatype(H5Tcopy(H5T_C_S1), "copy");
    hdf5::check_status(H5Tset_size(type, H5T_VARIABLE), "variable");
    hdf5::check_status(H5Tset_cset(type, H5T_CSET_ASCII), "ascii");
    hdf5::Handle space = hdf5::dataspace(H5Screate(H5S_SCALAR), "space");
    hdf5::Handle kind = hdf5::attribute(
        H5Acreate2(file, "kind", type, space, H5P_DEFAULT, H5P_DEFAULT), "create kind");
    const char* text = "run";
    hdf5::check_status(H5Awrite(kind, type, &text), "write kind");
  }
  CHECK(read_summary(path).kind == "run");
}

TEST_CASE("a trustsim file missing a required attribute is refused by name") {
  ScratchDirectory dir("summary-missing-attribute");
  const auto path = dir.path / "f.h5";
  write_tiny_file(path, 1);
  {
    hdf5::Handle file = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    hdf5::check_status(H5Adelete(file, "created_utc"), "delete created_utc");
  }
  CHECK_THROWS_WITH(read_summary(path),
                    Catch::StartsWith(path.string() + ": ") && Catch::Contains("created_utc"));
}

TEST_CASE("a summary column that is not one-dimensional is refused, not flattened") {
  ScratchDirectory dir("summary-matrix-column");
  const auto path = dir.path / "f.h5";
  write_tiny_file(path, 2);
  {
    hdf5::Handle file = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open");
    hdf5::check_status(H5Ldelete(file, "summary/run_id", H5P_DEFAULT), "delete run_id");
    const hsize_t dims[2] = {2, 2};
    hdf5::Handle space = hdf5::dataspace(H5Screate_simple(2, dims, nullptr), "space");
    hdf5::Handle set = hdf5::dataset(H5Dcreate2(file, "summary/run_id", H5T_STD_I64LE, space,
                                                H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                     "create");
    const std::int64_t values[4] = {0, 1, 2, 3};
    hdf5::check_status(H5Dwrite(set, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
                       "write");
  }
  CHECK_THROWS_WITH(
      read_summary(path),
      path.string() + ": /summary/run_id is not a column (a one-dimensional dataset)");
}
