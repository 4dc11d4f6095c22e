#include "io/hdf5_handles.hpp"

namespace trustsim::hdf5 {

hid_t check(hid_t id, const char* what) {
  if (id < 0) throw Error(std::string("HDF5: cannot ") + what);
  return id;
}

herr_t check_status(herr_t status, const char* what) {
  if (status < 0) throw Error(std::string("HDF5: cannot ") + what);
  return status;
}

void silence_library_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    close_ = other.close_;
    other.id_ = -1;
  }
  return *this;
}

void Handle::reset() {
  if (id_ >= 0 && close_ != nullptr) close_(id_);
  id_ = -1;
}

Handle file(hid_t id, const char* what) { return Handle(check(id, what), H5Fclose); }
Handle group(hid_t id, const char* what) { return Handle(check(id, what), H5Gclose); }
Handle dataset(hid_t id, const char* what) { return Handle(check(id, what), H5Dclose); }
Handle dataspace(hid_t id, const char* what) { return Handle(check(id, what), H5Sclose); }
Handle datatype(hid_t id, const char* what) { return Handle(check(id, what), H5Tclose); }
Handle attribute(hid_t id, const char* what) { return Handle(check(id, what), H5Aclose); }
Handle property_list(hid_t id, const char* what) { return Handle(check(id, what), H5Pclose); }

Handle utf8_string_type() {
  Handle type = datatype(H5Tcopy(H5T_C_S1), "copy the string type");
  check_status(H5Tset_size(type, H5T_VARIABLE), "make strings variable length");
  check_status(H5Tset_cset(type, H5T_CSET_UTF8), "mark strings as UTF-8");
  return type;
}

}  // namespace trustsim::hdf5
