#include "io/hdf5_copy.hpp"

#include <cstdint>
#include <vector>

#include <string>

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

}  // namespace

void copy_attributes(hid_t from, hid_t to) {
  hsize_t position = 0;
  check_status(H5Aiterate2(from, H5_INDEX_NAME, H5_ITER_INC, &position, copy_attribute, &to),
               "copy attributes");
}

}  // namespace trustsim::hdf5
