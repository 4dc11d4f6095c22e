// A run copied between files (ResultWriter::copy_runs, by H5Ocopy) keeps
// its chunks as stored (no second deflate), its strings, its unchunked
// datasets and its attributes: the copy reads back the same, with the same
// filters.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"
#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "io/result_writer.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

namespace {

// The bytes of every stored chunk of `name`, in chunk order.
std::vector<std::vector<unsigned char>> stored_chunks(hid_t parent, const std::string& name) {
  hdf5::Handle dataset = hdf5::dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open");
  hdf5::Handle space = hdf5::dataspace(H5Dget_space(dataset), "shape");
  hsize_t count = 0;
  REQUIRE(H5Dget_num_chunks(dataset, space, &count) >= 0);
  std::vector<std::vector<unsigned char>> chunks;
  for (hsize_t k = 0; k < count; ++k) {
    hsize_t offset[2] = {0, 0};
    unsigned filters = 0;
    haddr_t address = 0;
    hsize_t size = 0;
    REQUIRE(H5Dget_chunk_info(dataset, space, k, offset, &filters, &address, &size) >= 0);
    std::vector<unsigned char> bytes(size);
    std::uint32_t read_filters = 0;
    REQUIRE(H5Dread_chunk(dataset, H5P_DEFAULT, offset, &read_filters, bytes.data()) >= 0);
    chunks.push_back(std::move(bytes));
  }
  return chunks;
}

int filter_count(hid_t parent, const std::string& name) {
  hdf5::Handle dataset = hdf5::dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "open");
  hdf5::Handle creation = hdf5::property_list(H5Dget_create_plist(dataset), "properties");
  return H5Pget_nfilters(creation);
}

}  // namespace

TEST_CASE("a copied run keeps every value, attribute and filter, and its chunks as stored") {
  // 300 x 600 doubles: 1.4 MB, so more than one chunk (chunk_shape), the
  // last of them partly filled.
  const std::vector<hsize_t> dims{300, 600};
  std::vector<double> grid(dims[0] * dims[1]);
  for (std::size_t k = 0; k < grid.size(); ++k) grid[k] = 0.001 * static_cast<double>(k % 977);
  const std::vector<std::string> names{"frailty", "dementia", "pharmacy"};
  const std::vector<std::int64_t> small{3, 1, 4, 1, 5};

  ScratchDirectory dir("hdf5-copy");
  const auto source_path = dir.path / "source.h5";
  {
    OutputFile file(source_path, false);
    hdf5::Handle runs = hdf5::create_group(file.id(), "runs");
    hdf5::Handle group = hdf5::create_group(runs, "run_000003");
    hdf5::write_dataset<double>(group, "grid", std::span<const double>(grid), dims,
                                {"1", "a grid of numbers"});
    hdf5::write_strings(group, "names", names, {"1", "team names"});
    hdf5::write_dataset(group, "small", small, {"1", "unchunked", /*compress=*/false});
    hdf5::write_attribute(group, "note", std::string("kept"));
    group.close("close");
    runs.close("close");
    file.commit();
  }
  const auto copy_path = dir.path / "copy.h5";
  {
    OutputFile file(copy_path, false);
    ResultWriter writer(file, trustsim::testing::tiny_provenance(),
                        trustsim::testing::tiny_layout());
    writer.copy_runs({RunCopy{
        source_path, 3, RunRecord{3, "baseline", 0, 1u, "", {}}, {}, false, std::nullopt}});
    writer.finish();
    file.commit();
  }

  hdf5::Handle source =
      hdf5::file(H5Fopen(source_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  hdf5::Handle copy = hdf5::file(H5Fopen(copy_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  hdf5::Handle from = hdf5::group(H5Gopen2(source, "runs/run_000003", H5P_DEFAULT), "open");
  hdf5::Handle to = hdf5::group(H5Gopen2(copy, "runs/run_000003", H5P_DEFAULT), "open");

  CHECK(hdf5::read_doubles(to, "grid") == grid);
  CHECK(hdf5::read_strings(to, "names") == names);
  CHECK(hdf5::read_int64s(to, "small") == small);
  CHECK(hdf5::read_string_attribute(to, "note") == "kept");
  CHECK(filter_count(to, "grid") == filter_count(from, "grid"));
  CHECK(filter_count(to, "grid") >= 2);  // shuffle and deflate at least
  const auto chunks = stored_chunks(from, "grid");
  CHECK(chunks.size() > 1);
  CHECK(stored_chunks(to, "grid") == chunks);
}
