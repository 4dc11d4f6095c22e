// A large dataset's chunks are filtered by trustsim in parallel
// (io/chunk_filters.hpp) rather than by HDF5: they must be what HDF5's own
// shuffle, deflate and Fletcher32 filters would have stored, byte for byte.
#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

#include "io/chunk_filters.hpp"
#include "io/file_check.hpp"
#include "io/hdf5_handles.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "io_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::ScratchDirectory;

namespace {

// Every chunk of a dataset as stored: offset, filter mask and bytes.
struct StoredChunk {
  std::vector<hsize_t> offset;
  unsigned mask;
  std::vector<unsigned char> bytes;
  bool operator==(const StoredChunk&) const = default;
};

std::vector<StoredChunk> stored_chunks(hid_t file, const char* name, std::size_t rank) {
  hdf5::Handle set = hdf5::dataset(H5Dopen2(file, name, H5P_DEFAULT), "open");
  hdf5::Handle space = hdf5::dataspace(H5Dget_space(set), "space");
  hsize_t count = 0;
  REQUIRE(H5Dget_num_chunks(set, space, &count) >= 0);
  std::vector<StoredChunk> chunks(count);
  for (hsize_t k = 0; k < count; ++k) {
    StoredChunk& c = chunks[k];
    c.offset.resize(rank);
    haddr_t address = 0;
    hsize_t size = 0;
    REQUIRE(H5Dget_chunk_info(set, space, k, c.offset.data(), &c.mask, &address, &size) >= 0);
    c.bytes.resize(size);
    std::uint32_t filters = 0;
    REQUIRE(H5Dread_chunk(set, H5P_DEFAULT, c.offset.data(), &filters, c.bytes.data()) >= 0);
  }
  return chunks;
}

// The same values through HDF5's own filter pipeline, with the filters
// hdf5_write.cpp sets on a deflated dataset.
template <class T>
void write_through_hdf5(hid_t file, const char* name, const std::vector<T>& data,
                        const std::vector<hsize_t>& dims, hid_t type) {
  hdf5::Handle properties = hdf5::property_list(H5Pcreate(H5P_DATASET_CREATE), "properties");
  const auto chunk = hdf5::chunk_shape(dims, sizeof(T));
  REQUIRE(H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data()) >= 0);
  REQUIRE(H5Pset_shuffle(properties) >= 0);
  REQUIRE(H5Pset_deflate(properties, 4) >= 0);
  REQUIRE(H5Pset_fletcher32(properties) >= 0);
  hdf5::Handle space = hdf5::dataspace(
      H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "space");
  hdf5::Handle set = hdf5::dataset(
      H5Dcreate2(file, name, type, space, H5P_DEFAULT, properties, H5P_DEFAULT), "create");
  REQUIRE(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()) >= 0);
}

template <class T>
std::vector<T> values(std::size_t count) {
  std::vector<T> v(count);
  for (std::size_t i = 0; i < count; ++i)  // compressible, but not trivially
    v[i] = static_cast<T>((i * 2654435761u) % 1000) / static_cast<T>(7);
  return v;
}

}  // namespace

TEST_CASE("a large dataset's chunks are stored as HDF5's filters store them", "[io]") {
  ScratchDirectory dir("chunk-filters");
  const auto path = dir.path / "chunks.h5";
  // Several chunks each, with chunks reaching past the end: 1-D, a team
  // trust cube, and 2-D integers.
  const std::vector<hsize_t> line{300001}, cube{5, 333, 321}, table{1001, 700};
  const auto doubles = values<double>(line[0]);
  const auto trust = values<double>(5 * 333 * 321);
  const auto counts = values<std::uint32_t>(1001 * 700);
  {
    OutputFile file(path, false);
    for (const auto& [dims, bytes] : {std::pair{line, 8u}, {cube, 8u}, {table, 4u}})
      REQUIRE(hdf5::chunk_shape(dims, bytes) != dims);  // more than one chunk
    hdf5::write_dataset<double>(file.id(), "line", doubles, line, {"1", "values"});
    hdf5::write_dataset<double>(file.id(), "cube", trust, cube, {"1", "values"});
    hdf5::write_dataset<std::uint32_t>(file.id(), "table", counts, table, {"1", "values"});
    write_through_hdf5(file.id(), "line_by_hdf5", doubles, line, H5T_NATIVE_DOUBLE);
    write_through_hdf5(file.id(), "cube_by_hdf5", trust, cube, H5T_NATIVE_DOUBLE);
    write_through_hdf5(file.id(), "table_by_hdf5", counts, table, H5T_NATIVE_UINT32);
    file.commit();
  }
  hdf5::Handle file = hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
  for (const auto& [name, rank] : {std::pair{"line", 1u}, {"cube", 3u}, {"table", 2u}}) {
    INFO(name);
    const auto ours = stored_chunks(file, name, rank);
    CHECK(ours.size() > 1);
    CHECK(ours == stored_chunks(file, (std::string(name) + "_by_hdf5").c_str(), rank));
  }
  CHECK_NOTHROW(read_every_dataset(path));  // each chunk's checksum checked on reading
}

TEST_CASE("Fletcher32 as HDF5 sums it: big-endian words, an odd byte as a high half", "[io]") {
  const unsigned char bytes[] = {0x01, 0x02, 0x03};
  // Words 0x0102 and 0x0300: low sums 0x0102, 0x0402; high 0x0102 + 0x0402.
  CHECK(hdf5::fletcher32(bytes, 3) == 0x05040402u);
  CHECK(hdf5::fletcher32(bytes, 2) == 0x01020102u);
  // Past 360 words the sums fold to 16 bits on the way.
  const std::vector<unsigned char> ones(2000, 0xff);
  const std::uint32_t sum = hdf5::fletcher32(ones.data(), ones.size());
  CHECK((sum & 0xffff) == 0xffff);  // 1000 words of 0xffff, modulo 65535 with 0 kept as 0xffff
}
