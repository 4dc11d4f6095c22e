#include "io/hdf5_read.hpp"

namespace trustsim::hdf5 {

namespace {

std::size_t element_count(hid_t space) {
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) throw Error("HDF5: cannot size a dataspace");
  return static_cast<std::size_t>(n);
}

// Reads strings through `read(memory_type, buffer)`, variable or fixed length.
template <class Read>
std::vector<std::string> read_text(hid_t stored_type, hid_t space, Read read) {
  const std::size_t n = element_count(space);
  std::vector<std::string> result;
  if (H5Tget_class(stored_type) != H5T_STRING) throw Error("HDF5: expected strings");
  if (H5Tis_variable_str(stored_type) > 0) {
    // Read in the stored character set: HDF5 does not convert ASCII to
    // UTF-8, and h5py writes bytes as variable-length ASCII.
    Handle type = datatype(H5Tcopy(stored_type), "copy a string type");
    std::vector<char*> texts(n, nullptr);
    if (n > 0) read(type.get(), static_cast<void*>(texts.data()));
    for (char* t : texts) result.emplace_back(t ? t : "");
    if (n > 0) H5Dvlen_reclaim(type, space, H5P_DEFAULT, texts.data());
  } else {
    const std::size_t width = H5Tget_size(stored_type);
    Handle type = datatype(H5Tcopy(stored_type), "copy a string type");
    std::vector<char> buffer(n * width + 1, '\0');
    if (n > 0) read(type.get(), static_cast<void*>(buffer.data()));
    for (std::size_t i = 0; i < n; ++i) {
      std::string text(buffer.data() + i * width, width);
      text.erase(text.find_last_not_of('\0') + 1);
      result.push_back(text);
    }
  }
  return result;
}

Handle open_attribute(hid_t object, const std::string& name) {
  return attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), ("open attribute " + name).c_str());
}

Handle open_dataset(hid_t parent, const std::string& name) {
  return dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), ("open dataset " + name).c_str());
}

template <class T>
std::vector<T> read_numbers(hid_t parent, const std::string& name, hid_t memory_type) {
  Handle set = open_dataset(parent, name);
  Handle space = dataspace(H5Dget_space(set), "get a dataspace");
  std::vector<T> values(element_count(space));
  if (!values.empty())
    check_status(H5Dread(set, memory_type, H5S_ALL, H5S_ALL, transfer_properties(), values.data()),
                 ("read dataset " + name).c_str());
  return values;
}

}  // namespace

bool has_attribute(hid_t object, const std::string& name) {
  return H5Aexists(object, name.c_str()) > 0;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  auto texts = read_strings_attribute(object, name);
  if (texts.size() != 1) throw Error("HDF5: attribute " + name + " is not a single string");
  return texts.front();
}

std::vector<std::string> read_strings_attribute(hid_t object, const std::string& name) {
  Handle attr = open_attribute(object, name);
  Handle type = datatype(H5Aget_type(attr), "get an attribute type");
  Handle space = dataspace(H5Aget_space(attr), "get an attribute space");
  return read_text(type, space, [&](hid_t memory_type, void* buffer) {
    check_status(H5Aread(attr, memory_type, buffer), ("read attribute " + name).c_str());
  });
}

std::int64_t read_integer_attribute(hid_t object, const std::string& name) {
  Handle attr = open_attribute(object, name);
  Handle type = datatype(H5Aget_type(attr), "get an attribute type");
  if (H5Tget_class(type) != H5T_INTEGER)
    throw Error("HDF5: attribute " + name + " is not an integer");
  std::int64_t value = 0;
  check_status(H5Aread(attr, H5T_NATIVE_INT64, &value), ("read attribute " + name).c_str());
  return value;
}

ColumnKind column_kind(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  Handle type = datatype(H5Dget_type(set), "get a dataset type");
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return H5Tget_sign(type) == H5T_SGN_NONE ? ColumnKind::unsigned_integer
                                               : ColumnKind::signed_integer;
    case H5T_FLOAT:
      return ColumnKind::real;
    case H5T_STRING:
      return ColumnKind::text;
    default:
      return ColumnKind::other;
  }
}

std::size_t dataset_length(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  Handle space = dataspace(H5Dget_space(set), "get a dataspace");
  return element_count(space);
}

std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name) {
  return read_numbers<std::int64_t>(parent, name, H5T_NATIVE_INT64);
}

std::vector<std::uint64_t> read_uint64s(hid_t parent, const std::string& name) {
  return read_numbers<std::uint64_t>(parent, name, H5T_NATIVE_UINT64);
}

std::vector<double> read_doubles(hid_t parent, const std::string& name) {
  return read_numbers<double>(parent, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  Handle type = datatype(H5Dget_type(set), "get a dataset type");
  Handle space = dataspace(H5Dget_space(set), "get a dataspace");
  return read_text(type, space, [&](hid_t memory_type, void* buffer) {
    check_status(H5Dread(set, memory_type, H5S_ALL, H5S_ALL, transfer_properties(), buffer),
                 ("read dataset " + name).c_str());
  });
}

}  // namespace trustsim::hdf5
