// Writing attributes and self-describing datasets. Every dataset trustsim
// writes carries `units` and `description` string attributes, so h5dump and
// h5py users can read a file without the docs at hand.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "io/hdf5_handles.hpp"
#include "io/string_checksum.hpp"

namespace trustsim::hdf5 {

// While one is in scope, what this thread writes through the functions
// below (groups, datasets and their variable-length strings) is recorded
// in `record` as well, so that a writer knows the string checksum's
// stretch of what it wrote without reading it back (string_checksum.hpp).
class RecordingStrings {
 public:
  explicit RecordingStrings(StringRecord& record);
  ~RecordingStrings();
  RecordingStrings(const RecordingStrings&) = delete;
  RecordingStrings& operator=(const RecordingStrings&) = delete;

 private:
  StringRecord* previous_;
};

Handle create_group(hid_t parent, const std::string& name);

void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, std::uint64_t value);
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values);

struct DatasetInfo {
  std::string units;
  std::string description;
  bool compress = true;  // chunked with shuffle and deflate (time series, tables)
  // Further string attributes, written with the dataset (a metric's name
  // and label): name, value.
  std::vector<std::pair<std::string, std::string>> more = {};
  // False: none of the attributes above, only the values (a sweep part's
  // /summary, which trustsim alone reads, result_writer.hpp).
  bool described = true;
};

// An N-dimensional dataset of numbers, row-major, dims multiplying to the
// data's size. Stored in a fixed little-endian type matching T.
template <class T>
void write_dataset(hid_t parent, const std::string& name, std::span<const T> data,
                   const std::vector<hsize_t>& dims, const DatasetInfo& info);

template <class T>
void write_dataset(hid_t parent, const std::string& name, const std::vector<T>& data,
                   const DatasetInfo& info) {
  write_dataset<T>(parent, name, std::span<const T>(data), {data.size()}, info);
}

void write_strings(hid_t parent, const std::string& name, const std::vector<std::string>& data,
                   const DatasetInfo& info);

// Chunk shape for a dataset: the whole extent, halved along its largest
// dimension until a chunk is at most about a mebibyte.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t element_bytes);

}  // namespace trustsim::hdf5
