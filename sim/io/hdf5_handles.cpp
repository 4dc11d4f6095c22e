#include "io/hdf5_handles.hpp"

#include <cstdlib>

namespace trustsim::hdf5 {

namespace {

// HDF5 closes every file still open when the program exits. After a close
// that failed (a full disk, a file size limit) HDF5 1.10 keeps the file's id
// but has already freed part of the file's state, and that exit-time close
// crashes: a write error became a segfault. trustsim closes its own files
// (RAII handles, OutputFile), so HDF5's exit handler has nothing to do. It
// can only be switched off before the library's first use, hence a static
// initialiser in the file every use of HDF5 goes through.
[[maybe_unused]] const bool hdf5_exit_handler_off = (H5dont_atexit(), true);

// trustsim locks its temporary files itself, exclusively, for as long as
// it writes them (output_file.hpp); HDF5's own lock, taken again by every
// reader (the check of a file in a child process), would conflict with it.
// Files are never written by two processes: each writer has a name of its
// own, and final names are only ever renamed into place.
[[maybe_unused]] const bool hdf5_file_locking_off =
    (::setenv("HDF5_USE_FILE_LOCKING", "FALSE", 1), true);

// Called for each entry of the error stack, innermost first: keeps the
// first description. A system call's failure reads "..., errno = 28, error
// message = 'No space left on device', ..."; only the message is kept.
herr_t keep_innermost(unsigned position, const H5E_error2_t* entry, void* cause) {
  auto& text = *static_cast<std::string*>(cause);
  if (position != 0 || entry->desc == nullptr) return 0;
  text = entry->desc;
  const std::string marker = "error message = '";
  if (auto at = text.find(marker); at != std::string::npos) {
    const auto start = at + marker.size();
    text = text.substr(start, text.find('\'', start) - start);
  }
  return 0;
}

std::string failure(const char* what) {
  const std::string cause = take_failure_cause();
  std::string text = std::string("HDF5: cannot ") + what;
  if (!cause.empty()) text += " (" + cause + ")";
  return text;
}

}  // namespace

std::string take_failure_cause() {
  std::string cause;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &cause);
  H5Eclear2(H5E_DEFAULT);
  return cause;
}

hid_t check(hid_t id, const char* what) {
  if (id < 0) throw Error(failure(what));
  return id;
}

herr_t check_status(herr_t status, const char* what) {
  if (status < 0) throw Error(failure(what));
  return status;
}

void silence_library_errors() {
  thread_local bool silenced = false;
  if (silenced) return;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  silenced = true;
}

hid_t transfer_properties() {
  static const hid_t properties = [] {
    const hid_t list = check(H5Pcreate(H5P_DATASET_XFER), "create transfer properties");
    check_status(H5Pset_buffer(list, 64 << 10, nullptr, nullptr), "size the conversion buffer");
    return list;
  }();
  return properties;
}

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

void Handle::close(const char* what) {
  const hid_t id = id_;
  id_ = -1;
  if (id >= 0 && close_ != nullptr) check_status(close_(id), what);
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
