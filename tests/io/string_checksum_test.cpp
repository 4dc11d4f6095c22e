// The checksum of a file's variable-length strings (which HDF5's global
// heap does not checksum): written on commit, and any change to a string
// without it is found.
#include <catch2/catch.hpp>
#include <fstream>

#include "io/file_check.hpp"
#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "io/string_checksum.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

namespace {

std::filesystem::path write_file(const std::filesystem::path& path) {
  OutputFile file(path, false);
  hdf5::write_attribute(file.id(), "scenario_given", std::string("{\"days\": 30}"));
  hdf5::write_attribute(file.id(), "seed", std::int64_t{7});
  hdf5::Handle group = hdf5::create_group(file.id(), "summary");
  hdf5::write_attribute(group, "columns", std::vector<std::string>{"variant"});
  hdf5::write_strings(group, "variant", {"baseline", "online"}, {"1", "variant name"});
  group.reset();
  file.commit();
  return path;
}

hdf5::Handle open(const std::filesystem::path& path, unsigned mode = H5F_ACC_RDONLY) {
  return hdf5::file(H5Fopen(path.c_str(), mode, H5P_DEFAULT), "open a test file");
}

// The root attribute string_checksum as stored.
std::uint64_t stored_checksum(hid_t file) {
  std::uint64_t stored = 0;
  hdf5::Handle attr(H5Aopen(file, hdf5::string_checksum_attribute, H5P_DEFAULT), H5Aclose);
  REQUIRE(H5Aread(attr, H5T_NATIVE_UINT64, &stored) >= 0);
  return stored;
}

}  // namespace

TEST_CASE("a committed file carries the checksum of its strings, and passes its check") {
  ScratchDirectory dir("string-checksum");
  const auto path = write_file(dir.path / "a.h5");
  hdf5::Handle file = open(path);
  REQUIRE(hdf5::has_attribute(file, hdf5::string_checksum_attribute));
  CHECK(stored_checksum(file) == hdf5::string_checksum(file));
  CHECK_NOTHROW(hdf5::check_string_checksum(file));
  CHECK_NOTHROW(read_every_dataset(path));
}

TEST_CASE("the same strings give the same checksum, and any other string another") {
  ScratchDirectory dir("string-checksum-same");
  hdf5::Handle a = open(write_file(dir.path / "a.h5"));
  hdf5::Handle b = open(write_file(dir.path / "b.h5"));
  CHECK(hdf5::string_checksum(a) == hdf5::string_checksum(b));
  // Numbers are left to the metadata checksums: changing one changes nothing here.
  {
    hdf5::Handle c = open(write_file(dir.path / "c.h5"), H5F_ACC_RDWR);
    const std::int64_t other_seed = 8;
    hdf5::Handle seed(H5Aopen(c, "seed", H5P_DEFAULT), H5Aclose);
    REQUIRE(H5Awrite(seed, H5T_NATIVE_INT64, &other_seed) >= 0);
    CHECK(hdf5::string_checksum(c) == hdf5::string_checksum(a));
  }
  SECTION("a changed value of a string dataset") {
    hdf5::Handle c = open(write_file(dir.path / "c2.h5"), H5F_ACC_RDWR);
    hdf5::Handle group(H5Gopen2(c, "summary", H5P_DEFAULT), H5Gclose);
    REQUIRE(H5Ldelete(group, "variant", H5P_DEFAULT) >= 0);
    hdf5::write_strings(group, "variant", {"baseline", "onlinf"}, {"1", "variant name"});
    group.reset();
    CHECK(hdf5::string_checksum(c) != hdf5::string_checksum(a));
    CHECK_THROWS_WITH(hdf5::check_string_checksum(c),
                      Catch::Contains("do not match their checksum, string_checksum"));
  }
  SECTION("a changed string attribute") {
    hdf5::Handle c = open(write_file(dir.path / "c3.h5"), H5F_ACC_RDWR);
    REQUIRE(H5Adelete(c, "scenario_given") >= 0);
    hdf5::write_attribute(c, "scenario_given", std::string("{\"days\": 31}"));
    CHECK_THROWS_WITH(hdf5::check_string_checksum(c), Catch::Contains("global heap"));
  }
  SECTION("a string moved from one place to another") {
    hdf5::Handle c = open(write_file(dir.path / "c4.h5"), H5F_ACC_RDWR);
    REQUIRE(H5Adelete(c, "scenario_given") >= 0);
    hdf5::write_attribute(c, "scenario_resolved", std::string("{\"days\": 30}"));
    CHECK(hdf5::string_checksum(c) != hdf5::string_checksum(a));
  }
}

TEST_CASE("the checksum of a given file does not change between versions of trustsim") {
  // Files written by earlier versions must still pass: the walk's order and
  // what it sums are fixed. Nested groups whose names sort one way level by
  // level and another as whole paths ("a/x" after "a", before "a-b"), a
  // group and an object with more links and attributes than HDF5 keeps in
  // its compact form, strings in attributes and datasets, and numbers.
  ScratchDirectory dir("string-checksum-fixed");
  const auto path = dir.path / "a.h5";
  {
    // The 1.10 format, as trustsim writes: links and attributes past eight
    // go to "dense" storage, whose native order is not by name.
    hdf5::Handle access =
        hdf5::property_list(H5Pcreate(H5P_FILE_ACCESS), "create file access properties");
    REQUIRE(H5Pset_libver_bounds(access, H5F_LIBVER_V110, H5F_LIBVER_V110) >= 0);
    hdf5::Handle f = hdf5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access),
                                "create a test file");
    hdf5::write_attribute(f, "kind", std::string("sweep"));
    for (const char* name : {"a_c", "B", "a-b", "a"}) {
      hdf5::Handle group = hdf5::create_group(f, name);
      hdf5::write_attribute(group, "label", std::string("group ") + name);
    }
    hdf5::Handle a(H5Gopen2(f, "a", H5P_DEFAULT), H5Gclose);
    hdf5::Handle x = hdf5::create_group(a, "x");
    hdf5::write_strings(x, "names", {"one", "two", ""}, {"1", "names"});
    hdf5::write_dataset(x, "values", std::vector<double>{1.0, 2.0}, {"1", "numbers"});
    hdf5::Handle many = hdf5::create_group(f, "many");
    for (int k = 11; k >= 0; --k) {
      const std::string name = "item_" + std::to_string(k);
      hdf5::write_strings(many, name, {name}, {"1", "item " + std::to_string(k)});
      hdf5::write_attribute(many, "attribute_" + std::to_string(k), "value " + std::to_string(k));
    }
  }
  CHECK(hdf5::string_checksum(open(path)) == 0x855c172bebc23cc3);
}

TEST_CASE("a group copied with its stretch recorded gives the checksum a full walk gives") {
  // A part records its run group's stretch as it writes it; the file the
  // group is copied into takes the stretch instead of walking the copy.
  ScratchDirectory dir("string-checksum-stretch");
  const auto part = dir.path / "part.h5";
  hdf5::StringRecord record;
  {
    OutputFile file(part, false);
    hdf5::write_attribute(file.id(), "kind", std::string("sweep_part"));
    {
      hdf5::Handle runs = hdf5::create_group(file.id(), "runs");
      hdf5::RecordingStrings recording(record);
      hdf5::Handle run = hdf5::create_group(runs, "run_000001");
      hdf5::write_attribute(run, "variant", std::string("baseline"));
      hdf5::write_strings(run, "names", {"one", "two"}, {"1", "names"});
      hdf5::Handle teams = hdf5::create_group(run, "teams");
      hdf5::write_dataset(teams, "trust", std::vector<double>{0.5}, {"1", "trust"});
    }
    file.string_stretches()["runs/run_000001"] = record.stretch("runs/run_000001");
    file.commit();
  }
  const hdf5::StringStretch recorded = record.stretch("runs/run_000001");
  CHECK(recorded.bytes > 0);
  CHECK_NOTHROW(hdf5::check_string_checksum(open(part)));  // the part's own sum, as walked

  const auto copy_into = [&](const std::filesystem::path& path,
                             const std::optional<hdf5::StringStretch>& stretch) {
    OutputFile file(path, false);
    hdf5::write_attribute(file.id(), "kind", std::string("sweep"));
    {
      hdf5::Handle runs = hdf5::create_group(file.id(), "runs");
      hdf5::Handle from = open(part);
      hdf5::check_status(
          H5Ocopy(from, "runs/run_000001", runs, "run_000001", H5P_DEFAULT, H5P_DEFAULT),
          "copy a run");
    }
    if (stretch) file.string_stretches()["runs/run_000001"] = *stretch;
    file.commit();
  };
  copy_into(dir.path / "given.h5", recorded);
  copy_into(dir.path / "walked.h5", std::nullopt);
  hdf5::Handle given = open(dir.path / "given.h5");
  CHECK_NOTHROW(hdf5::check_string_checksum(given));  // stored == a full walk of the copy
  CHECK(stored_checksum(given) == stored_checksum(open(dir.path / "walked.h5")));

  // A stretch that is not the copy's makes a checksum the check refuses.
  hdf5::StringStretch wrong = recorded;
  wrong.crc ^= 1;
  copy_into(dir.path / "wrong.h5", wrong);
  CHECK_THROWS_WITH(hdf5::check_string_checksum(open(dir.path / "wrong.h5")),
                    Catch::Contains("do not match their checksum"));
}

TEST_CASE("a group's strings recorded as written give the sum a walk of the group gives") {
  // Names whose order by name differs from the order written, and from the
  // order of their paths ('-' sorts before '/', '_' after); attributes of
  // every kind the writer writes, added before and after a dataset's
  // values; an empty list; numbers, which the sum leaves out.
  ScratchDirectory dir("string-checksum-recorded");
  hdf5::StringRecord record;
  const auto part = dir.path / "part.h5";
  {
    OutputFile file(part, false);
    hdf5::write_attribute(file.id(), "kind", std::string("sweep_part"));  // outside the group
    {
      hdf5::Handle runs = hdf5::create_group(file.id(), "runs");
      hdf5::RecordingStrings recording(record);
      hdf5::Handle run = hdf5::create_group(runs, "run_000001");
      hdf5::write_attribute(run, "variant", std::string("baseline"));
      hdf5::write_attribute(run, "seed", std::int64_t{7});
      hdf5::write_attribute(run, "empty", std::vector<std::string>{});
      hdf5::write_attribute(run, "columns", std::vector<std::string>{"b", "", "a"});
      hdf5::Handle z = hdf5::create_group(run, "z");
      hdf5::write_strings(z, "names", {"one", "two"}, {"1", "names"});
      hdf5::Handle a = hdf5::create_group(run, "a");
      hdf5::Handle a_b = hdf5::create_group(run, "a_b");
      hdf5::Handle a_dash = hdf5::create_group(run, "a-b");
      hdf5::write_dataset(a, "trust", std::vector<double>{0.5},
                          {"1", "trust", true, {{"name", "trust"}, {"label", "Trust"}}});
      hdf5::write_dataset(a, "bare", std::vector<double>{1.0}, {"", "", true, {}, false});
      hdf5::Handle trust = hdf5::dataset(H5Dopen2(a, "trust", H5P_DEFAULT), "reopen trust");
      hdf5::write_attribute(trust, "dimensions", std::vector<std::string>{"day"});
      hdf5::write_dataset(a_dash, "day", std::vector<std::int32_t>{0, 1}, {"day", "day"});
      hdf5::write_attribute(a_b, "note", std::string("after"));
    }
    file.string_stretches()["runs/run_000001"] = record.stretch("runs/run_000001");
    file.commit();
  }
  // The stored sum took the group's stretch from the record; a walk of the
  // whole file reads the group itself. The two agree only if the record's
  // bytes and their number are the walk's.
  hdf5::Handle file = open(part);
  CHECK(stored_checksum(file) == hdf5::string_checksum(file));
  CHECK_THROWS_WITH(record.stretch("runs/run_000002"), Catch::Contains("no strings were recorded"));
}

TEST_CASE("a file recorded whole as written gives its checksum without a walk") {
  // As a sweep part: everything recorded, the file's stretch taken whole at
  // commit, and its run group's stretch (which the combined output takes)
  // from the same record. The stored sum is the walk's only if the record
  // missed nothing.
  ScratchDirectory dir("string-checksum-whole");
  const auto part = dir.path / "part.h5";
  hdf5::StringRecord whole;
  {
    OutputFile file(part, false);
    {
      hdf5::RecordingStrings recording(whole);
      hdf5::write_attribute(file.id(), "kind", std::string("sweep_part"));
      hdf5::write_attribute(file.id(), "seed", std::uint64_t{3});
      hdf5::Handle runs = hdf5::create_group(file.id(), "runs");
      hdf5::Handle run = hdf5::create_group(runs, "run_000001");
      hdf5::write_attribute(run, "variant", std::string("baseline"));
      hdf5::write_strings(run, "names", {"one", "two"}, {"1", "names"});
      hdf5::Handle summary = hdf5::create_group(file.id(), "summary");
      hdf5::write_dataset(summary, "trust", std::vector<double>{0.5}, {"1", "trust"});
      hdf5::write_attribute(summary, "columns", std::vector<std::string>{"trust"});
    }
    CHECK(whole.stretch(".").bytes > whole.stretch("runs/run_000001").bytes);
    file.string_stretches()["."] = whole.stretch(".");
    file.commit();
  }
  hdf5::Handle file = open(part);
  CHECK(stored_checksum(file) == hdf5::string_checksum(file));
  CHECK(stored_checksum(file) == whole.stretch(".").crc);
  const hdf5::StringStretch walked =
      hdf5::walked_stretch(file, "runs/run_000001", hdf5::OtherDatasets::skip);
  CHECK(walked.crc == whole.stretch("runs/run_000001").crc);
  CHECK(walked.bytes == whole.stretch("runs/run_000001").bytes);
}

TEST_CASE("a file without the checksum (an older trustsim's) passes the check") {
  ScratchDirectory dir("string-checksum-absent");
  const auto path = write_file(dir.path / "a.h5");
  {
    hdf5::Handle file = open(path, H5F_ACC_RDWR);
    REQUIRE(H5Adelete(file, hdf5::string_checksum_attribute) >= 0);
  }
  hdf5::Handle file = open(path);
  CHECK_NOTHROW(hdf5::check_string_checksum(file));
}

TEST_CASE("a string checksum of another type is refused") {
  ScratchDirectory dir("string-checksum-type");
  const auto path = write_file(dir.path / "a.h5");
  hdf5::Handle file = open(path, H5F_ACC_RDWR);
  REQUIRE(H5Adelete(file, hdf5::string_checksum_attribute) >= 0);
  hdf5::write_attribute(file, hdf5::string_checksum_attribute, std::string("1234"));
  CHECK_THROWS_WITH(hdf5::check_string_checksum(file), Catch::Contains("not a 64-bit integer"));
}

namespace {

// Flips a byte in the middle of the first chunk of dataset `name`.
void damage_first_chunk(const std::filesystem::path& path, const char* name) {
  haddr_t address = 0;
  hsize_t size = 0;
  {
    hdf5::Handle file = open(path);
    hdf5::Handle set = hdf5::dataset(H5Dopen2(file, name, H5P_DEFAULT), "open");
    hdf5::Handle space = hdf5::dataspace(H5Dget_space(set), "shape");
    REQUIRE(H5Dget_chunk_info(set, space, 0, nullptr, nullptr, &address, &size) >= 0);
  }
  std::fstream bytes(path, std::ios::in | std::ios::out | std::ios::binary);
  bytes.seekg(static_cast<std::streamoff>(address + size / 2));
  const char byte = static_cast<char>(bytes.get() ^ 0x5a);
  bytes.seekp(static_cast<std::streamoff>(address + size / 2));
  bytes.put(byte);
}

}  // namespace

TEST_CASE("a verification's one walk also reads every dataset of numbers whole") {
  ScratchDirectory dir("string-checksum-numbers");
  const auto path = dir.path / "a.h5";
  {
    OutputFile file(path, false);
    std::vector<double> values(4000);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = 0.001 * static_cast<double>(i);
    hdf5::write_dataset(file.id(), "values", values, {"1", "numbers"});
    file.commit();
  }
  CHECK_NOTHROW(read_every_dataset(path));
  const bool with_checksum = GENERATE(true, false);
  if (!with_checksum) {
    hdf5::Handle file = open(path, H5F_ACC_RDWR);
    REQUIRE(H5Adelete(file, hdf5::string_checksum_attribute) >= 0);
  }
  damage_first_chunk(path, "values");
  // The strings alone still pass: the walk that sums them passes numbers by.
  CHECK_NOTHROW(hdf5::check_string_checksum(open(path)));
  CHECK_THROWS_WITH(read_every_dataset(path), Catch::Contains("HDF5: cannot read values: "));
}

namespace {

// Five run groups (a string attribute and a chunked, deflated series each)
// between root strings and a /summary, as a combined output has them.
std::filesystem::path write_runs(const std::filesystem::path& path) {
  OutputFile file(path, false);
  hdf5::write_attribute(file.id(), "scenario_given", std::string("{\"days\": 30}"));
  {
    hdf5::Handle runs = hdf5::create_group(file.id(), "runs");
    for (int r = 0; r < 5; ++r) {
      hdf5::Handle run = hdf5::create_group(runs, "run_00000" + std::to_string(r));
      hdf5::write_attribute(run, "variant", std::string(r % 2 == 1 ? "online" : "baseline"));
      hdf5::Handle daily = hdf5::create_group(run, "daily");
      std::vector<double> values(4000);
      for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = r + 0.001 * static_cast<double>(i);
      hdf5::write_dataset(daily, "trust_within", values, {"1", "trust"});
    }
  }
  {
    hdf5::Handle summary = hdf5::create_group(file.id(), "summary");
    hdf5::write_strings(summary, "variant", {"baseline", "online"}, {"1", "variant name"});
  }
  file.commit();
  return path;
}

void replace_string_attribute(const std::filesystem::path& path, const char* object,
                              const char* name, const std::string& value) {
  hdf5::Handle file = open(path, H5F_ACC_RDWR);
  hdf5::Handle at(H5Oopen(file, object, H5P_DEFAULT), H5Oclose);
  REQUIRE(H5Adelete(at, name) >= 0);
  hdf5::write_attribute(at, name, value);
}

}  // namespace

TEST_CASE("a run group's stretch walked in the file is the part of the sum a whole walk reads") {
  ScratchDirectory dir("string-checksum-walked-stretch");
  const auto path = write_runs(dir.path / "a.h5");
  hdf5::Handle file = open(path);
  hdf5::StringStretches given;
  for (const char* run : {"runs/run_000001", "runs/run_000004"})
    given[run] = hdf5::walked_stretch(file, run, hdf5::OtherDatasets::skip);
  CHECK(given["runs/run_000001"].bytes > 0);
  CHECK_NOTHROW(hdf5::check_string_checksum(file, hdf5::OtherDatasets::skip, &given));
  given["runs/run_000004"].crc ^= 1;
  CHECK_THROWS_WITH(hdf5::check_string_checksum(file, hdf5::OtherDatasets::skip, &given),
                    Catch::Contains("do not match their checksum"));
}

TEST_CASE("a verification shared out among processes passes what one process passes") {
  ScratchDirectory dir("verify-processes-sound");
  const auto path = write_runs(dir.path / "a.h5");
  for (int processes : {1, 2, 3, 8}) {
    INFO(processes << " processes");
    CHECK_NOTHROW(verify_trustsim_file(path, processes));
  }
}

TEST_CASE("a verification shared out among processes refuses what one process refuses") {
  ScratchDirectory dir("verify-processes-damaged");
  const auto path = write_runs(dir.path / "a.h5");
  std::string found;
  SECTION("a damaged chunk in a run group") {
    damage_first_chunk(path, "runs/run_000003/daily/trust_within");
    found = "cannot read runs/run_000003/daily/trust_within";
  }
  SECTION("a string changed in a run group") {
    replace_string_attribute(path, "runs/run_000002", "variant", "hybrid");
    found = "do not match their checksum";
  }
  SECTION("a string changed outside the runs") {
    replace_string_attribute(path, ".", "scenario_given", "{\"days\": 31}");
    found = "do not match their checksum";
  }
  for (int processes : {1, 2, 3, 8}) {
    INFO(processes << " processes");
    CHECK_THROWS_WITH(
        verify_trustsim_file(path, processes),
        Catch::StartsWith(path.string() + ": damaged HDF5 file (") && Catch::Contains(found));
  }
}
