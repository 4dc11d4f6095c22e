#include "io/hdf5_copy.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "io/hdf5_write.hpp"

namespace trustsim::hdf5 {

namespace {

bool holds_variable_length(hid_t type) {
  return H5Tis_variable_str(type) > 0 || H5Tdetect_class(type, H5T_VLEN) > 0;
}

// Values read in their stored type, released as HDF5 asks for
// variable-length ones (strings point into memory HDF5 allocated).
class Values {
 public:
  Values(hid_t type, hid_t space, const std::string& what) : type_(type), space_(space) {
    const hssize_t count = H5Sget_simple_extent_npoints(space);
    const std::size_t size = H5Tget_size(type);
    if (count < 0 || size == 0) throw Error("HDF5: cannot size " + what);
    bytes_.resize(static_cast<std::size_t>(count) * size);
  }
  Values(const Values&) = delete;
  Values& operator=(const Values&) = delete;
  ~Values() {
    if (read_ && holds_variable_length(type_))
      H5Dvlen_reclaim(type_, space_, H5P_DEFAULT, bytes_.data());
  }
  void* data() { return bytes_.data(); }
  bool empty() const { return bytes_.empty(); }
  void mark_read() { read_ = true; }

 private:
  hid_t type_;
  hid_t space_;
  std::vector<unsigned char> bytes_;
  bool read_ = false;
};

herr_t copy_attribute(hid_t from, const char* name, const H5A_info_t*, void* to_object) {
  const hid_t to = *static_cast<hid_t*>(to_object);
  try {
    Handle source = attribute(H5Aopen(from, name, H5P_DEFAULT), "open an attribute to copy");
    Handle type = datatype(H5Aget_type(source), "read an attribute's type");
    Handle space = dataspace(H5Aget_space(source), "read an attribute's shape");
    Values values(type, space, std::string("attribute ") + name);
    if (!values.empty()) {  // an empty list (`grid_keys` of a sweep without a grid) has no data
      check_status(H5Aread(source, type, values.data()), "read an attribute to copy");
      values.mark_read();
    }
    Handle copy = attribute(H5Acreate2(to, name, type, space, H5P_DEFAULT, H5P_DEFAULT),
                            "create a copied attribute");
    if (!values.empty())
      check_status(H5Awrite(copy, type, values.data()), "write a copied attribute");
    copy.close("write a copied attribute");
  } catch (const Error&) {
    return -1;  // H5Aiterate2 fails; the cause stays on HDF5's error stack
  }
  return 0;
}

// Chunks as stored, still deflated and with their Fletcher32 checksums:
// deflating each again took nearly all of a large run's copy (2.9% of
// ics_large's time against 0.1%, docs/benchmarks.md). Not for
// variable-length values (strings), which point into the source's heap.
bool copy_chunks_as_stored(hid_t source, hid_t copy, hid_t type, hid_t space,
                           const std::string& name) {
  if (holds_variable_length(type)) return false;
  hsize_t chunks = 0;
  check_status(H5Dget_num_chunks(source, space, &chunks), "count a dataset's chunks");
  std::vector<hsize_t> offset(
      static_cast<std::size_t>(std::max(H5Sget_simple_extent_ndims(space), 1)));
  std::vector<unsigned char> stored;
  for (hsize_t k = 0; k < chunks; ++k) {
    unsigned filters = 0;
    haddr_t address = 0;
    hsize_t size = 0;
    check_status(H5Dget_chunk_info(source, space, k, offset.data(), &filters, &address, &size),
                 "locate a chunk to copy");
    stored.resize(size);
    std::uint32_t read_filters = 0;
    check_status(H5Dread_chunk(source, H5P_DEFAULT, offset.data(), &read_filters, stored.data()),
                 ("read a chunk of " + name + " to copy it").c_str());
    check_status(
        H5Dwrite_chunk(copy, H5P_DEFAULT, read_filters, offset.data(), size, stored.data()),
        "write a copied chunk");
  }
  return true;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

void copy_dataset(hid_t source, const std::string& name, hid_t to_parent) {
  Handle type = datatype(H5Dget_type(source), "read a dataset's type");
  Handle space = dataspace(H5Dget_space(source), "read a dataset's shape");
  Handle creation = property_list(H5Dget_create_plist(source), "read a dataset's properties");
  Handle copy =
      dataset(H5Dcreate2(to_parent, name.c_str(), type, space, H5P_DEFAULT, creation, H5P_DEFAULT),
              "create a copied dataset");
  if (H5Pget_layout(creation) != H5D_CHUNKED ||
      !copy_chunks_as_stored(source, copy, type, space, name)) {
    Values values(type, space, "dataset " + name);
    if (!values.empty()) {
      const std::string reading = "read dataset " + name + " to copy it";
      check_status(H5Dread(source, type, H5S_ALL, H5S_ALL, transfer_properties(), values.data()),
                   reading.c_str());
      values.mark_read();
      check_status(H5Dwrite(copy, type, H5S_ALL, H5S_ALL, transfer_properties(), values.data()),
                   "write a copied dataset");
    }
  }
  copy_attributes(source, copy);
  copy.close(("write dataset " + name).c_str());  // its chunks reach the file here
}

// The open group `from` to a new group `to_parent`/`to_name`. Each member
// is opened once, relative to its group (looking it up again by name, to
// learn its kind and then to open it, was a tenth of the copy).
void copy_open_group(hid_t from, hid_t to_parent, const std::string& to_name) {
  Handle to = create_group(to_parent, to_name);
  copy_attributes(from, to);
  std::vector<std::string> names;
  hsize_t position = 0;
  check_status(H5Literate(from, H5_INDEX_NAME, H5_ITER_INC, &position, collect_name, &names),
               "list a group to copy");
  for (const auto& name : names) {
    Handle member(check(H5Oopen(from, name.c_str(), H5P_DEFAULT), "open an object to copy"),
                  H5Oclose);
    const H5I_type_t kind = H5Iget_type(member);
    if (kind == H5I_GROUP)
      copy_open_group(member, to, name);
    else if (kind == H5I_DATASET)
      copy_dataset(member, name, to);
    else
      throw Error("HDF5: cannot copy " + name + ": neither a group nor a dataset");
  }
}

}  // namespace

void copy_attributes(hid_t from, hid_t to) {
  hsize_t position = 0;
  check_status(H5Aiterate2(from, H5_INDEX_NAME, H5_ITER_INC, &position, copy_attribute, &to),
               "copy attributes");
}

void copy_group(hid_t from_parent, const std::string& from_name, hid_t to_parent,
                const std::string& to_name) {
  Handle from =
      group(H5Gopen2(from_parent, from_name.c_str(), H5P_DEFAULT), "open a group to copy");
  copy_open_group(from, to_parent, to_name);
}

}  // namespace trustsim::hdf5
