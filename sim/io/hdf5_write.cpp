#include "io/hdf5_write.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

#include "io/chunk_filters.hpp"

namespace trustsim::hdf5 {

namespace {

template <class T>
struct Types;
template <>
struct Types<double> {
  static hid_t file() { return H5T_IEEE_F64LE; }
  static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};
template <>
struct Types<std::int32_t> {
  static hid_t file() { return H5T_STD_I32LE; }
  static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct Types<std::int64_t> {
  static hid_t file() { return H5T_STD_I64LE; }
  static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct Types<std::uint32_t> {
  static hid_t file() { return H5T_STD_U32LE; }
  static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct Types<std::uint64_t> {
  static hid_t file() { return H5T_STD_U64LE; }
  static hid_t memory() { return H5T_NATIVE_UINT64; }
};

constexpr std::size_t deflate_from_bytes = 1024;
constexpr int deflate_level = 4;

Handle scalar_space() { return dataspace(H5Screate(H5S_SCALAR), "create a scalar dataspace"); }

Handle simple_space(const std::vector<hsize_t>& dims) {
  return dataspace(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                   "create a dataspace");
}

template <class T>
void write_scalar_attribute(hid_t object, const std::string& name, T value) {
  Handle space = scalar_space();
  Handle attr =
      attribute(H5Acreate2(object, name.c_str(), Types<T>::file(), space, H5P_DEFAULT, H5P_DEFAULT),
                "create an attribute");
  check_status(H5Awrite(attr, Types<T>::memory(), &value), "write an attribute");
}

// Creation properties: chunked by `chunk` and checksummed, unless `chunk`
// is empty (contiguous: not asked to compress, or an empty extent, which
// cannot be chunked); shuffled and deflated if `deflate`.
Handle creation_properties(const std::vector<hsize_t>& chunk, bool deflate) {
  Handle properties = property_list(H5Pcreate(H5P_DATASET_CREATE), "create dataset properties");
  if (!chunk.empty()) {
    check_status(H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data()),
                 "set the chunk shape");
    // The filters and their order are also chunk_filters.hpp's.
    if (deflate) {
      check_status(H5Pset_shuffle(properties), "enable the shuffle filter");
      check_status(H5Pset_deflate(properties, deflate_level), "enable deflate compression");
    }
    // A checksum of each stored chunk, checked on every read: H5Ocopy
    // copies chunks as stored, so damage on disk would otherwise pass
    // unseen from a sweep's parts into its output (file_check.hpp).
    check_status(H5Pset_fletcher32(properties), "enable the Fletcher32 checksum");
  }
  return properties;
}

void describe(hid_t dataset_id, const DatasetInfo& info) {
  if (!info.described) return;
  write_attribute(dataset_id, "units", info.units);
  write_attribute(dataset_id, "description", info.description);
  for (const auto& [name, value] : info.more) write_attribute(dataset_id, name, value);
}

}  // namespace

std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_bytes) {
  constexpr hsize_t target_bytes = 1 << 20;
  std::vector<hsize_t> chunk = dims;
  auto bytes = [&] {
    return std::accumulate(chunk.begin(), chunk.end(), hsize_t{element_bytes},
                           std::multiplies<hsize_t>());
  };
  while (bytes() > target_bytes) {
    auto largest = std::max_element(chunk.begin(), chunk.end());
    if (*largest <= 1) break;
    *largest = (*largest + 1) / 2;
  }
  return chunk;
}

namespace {

thread_local StringRecord* recording = nullptr;  // RecordingStrings'

// An object's path as the string checksum's walk names it: from the root,
// without the leading slash.
std::string path_of(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) throw Error("HDF5: cannot name an object written");
  std::string path(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, path.data(), path.size());
  path.resize(static_cast<std::size_t>(length));
  return path.starts_with('/') ? path.substr(1) : path;
}

}  // namespace

RecordingStrings::RecordingStrings(StringRecord& record) : previous_(recording) {
  recording = &record;
}

RecordingStrings::~RecordingStrings() { recording = previous_; }

Handle create_group(hid_t parent, const std::string& name) {
  Handle created = group(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                         "create a group");
  if (recording) recording->object(path_of(created));
  return created;
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = utf8_string_type();
  Handle space = scalar_space();
  Handle attr = attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                          "create a string attribute");
  const char* text = value.c_str();
  check_status(H5Awrite(attr, type, &text), "write a string attribute");
  if (recording) recording->attribute(path_of(object), name, {value});
}

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  write_scalar_attribute(object, name, value);
}

void write_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  write_scalar_attribute(object, name, value);
}

void write_attribute(hid_t object, const std::string& name,
                     const std::vector<std::string>& values) {
  Handle type = utf8_string_type();
  Handle space = simple_space({values.size()});
  Handle attr = attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                          "create a string-array attribute");
  std::vector<const char*> texts;
  for (const auto& v : values) texts.push_back(v.c_str());
  if (!texts.empty())
    check_status(H5Awrite(attr, type, texts.data()), "write a string-array attribute");
  if (recording) recording->attribute(path_of(object), name, values);
}

template <class T>
void write_dataset(hid_t parent, const std::string& name, std::span<const T> data,
                   const std::vector<hsize_t>& dims, const DatasetInfo& info) {
  const hsize_t count =
      std::accumulate(dims.begin(), dims.end(), hsize_t{1}, std::multiplies<hsize_t>());
  if (count != data.size()) throw Error("HDF5: dataset " + name + " has the wrong shape");
  Handle space = simple_space(dims);
  const bool chunked = info.compress && count > 0;
  const auto chunk = chunked ? chunk_shape(dims, sizeof(T)) : std::vector<hsize_t>{};
  // Deflate saves nothing on a few values (a run's teams, a sweep part's
  // one-row tables), and each compressed dataset sets up a compressor:
  // zlib allocates about a quarter of a megabyte and clears a part of it.
  const bool deflate = chunked && count * sizeof(T) >= deflate_from_bytes;
  Handle properties = creation_properties(chunk, deflate);
  Handle set = dataset(H5Dcreate2(parent, name.c_str(), Types<T>::file(), space, H5P_DEFAULT,
                                  properties, H5P_DEFAULT),
                       "create a dataset");
  if (recording) recording->object(path_of(set));
  // Stored as in memory (little-endian), so a large dataset's chunks can
  // be filtered here in parallel and written as filtered.
  if (deflate && chunk != dims && std::endian::native == std::endian::little) {
    for (const FilteredChunk& c :
         filtered_chunks(reinterpret_cast<const unsigned char*>(data.data()), dims, chunk,
                         sizeof(T), deflate_level))
      check_status(H5Dwrite_chunk(set, transfer_properties(), 0, c.offset.data(), c.bytes.size(),
                                  c.bytes.data()),
                   "write a filtered chunk");
  } else if (count > 0) {
    check_status(
        H5Dwrite(set, Types<T>::memory(), H5S_ALL, H5S_ALL, transfer_properties(), data.data()),
        "write a dataset");
  }
  describe(set, info);
  set.close(("write dataset " + name).c_str());  // compressed chunks reach the file here
}

template void write_dataset<double>(hid_t, const std::string&, std::span<const double>,
                                    const std::vector<hsize_t>&, const DatasetInfo&);
template void write_dataset<std::int32_t>(hid_t, const std::string&, std::span<const std::int32_t>,
                                          const std::vector<hsize_t>&, const DatasetInfo&);
template void write_dataset<std::int64_t>(hid_t, const std::string&, std::span<const std::int64_t>,
                                          const std::vector<hsize_t>&, const DatasetInfo&);
template void write_dataset<std::uint32_t>(hid_t, const std::string&,
                                           std::span<const std::uint32_t>,
                                           const std::vector<hsize_t>&, const DatasetInfo&);
template void write_dataset<std::uint64_t>(hid_t, const std::string&,
                                           std::span<const std::uint64_t>,
                                           const std::vector<hsize_t>&, const DatasetInfo&);

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& data,
                   const DatasetInfo& info) {
  Handle type = utf8_string_type();
  Handle space = simple_space({data.size()});
  Handle set =
      dataset(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              "create a string dataset");
  if (recording) recording->values(path_of(set), data);
  std::vector<const char*> texts;
  for (const auto& d : data) texts.push_back(d.c_str());
  if (!texts.empty())
    check_status(H5Dwrite(set, type, H5S_ALL, H5S_ALL, transfer_properties(), texts.data()),
                 "write a string dataset");
  describe(set, info);
  set.close(("write dataset " + name).c_str());
}

}  // namespace trustsim::hdf5
