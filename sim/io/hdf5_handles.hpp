// Small RAII owners for HDF5 C-API identifiers, and the error HDF5 failures
// become. Each identifier is closed by the function for its kind.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>

namespace trustsim::hdf5 {

// A failure inside the HDF5 library (disk full, corrupt file): not the
// user's input, so the command line treats it as an internal error unless
// it is rethrown as a FileError.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws Error("HDF5: cannot what (cause)") when an HDF5 call reports
// failure (a negative value). The cause is what the system told HDF5 ("File
// too large", "No space left on device"), taken from the innermost entry of
// HDF5's error stack, which is then cleared.
hid_t check(hid_t id, const char* what);
herr_t check_status(herr_t status, const char* what);

// What the system told HDF5 about its latest failure ("Permission
// denied"), or "" if it said nothing; clears HDF5's error stack.
std::string take_failure_cause();

// HDF5 prints its own error stack by default; trustsim reports errors
// itself, in one line. Debian's HDF5 is built thread-safe, which keeps that
// setting per thread: every entry point that may run on a worker thread
// (OutputFile, ResultWriter, the readers) calls this first. Cheap after the
// first call on a thread.
void silence_library_errors();

// The transfer properties for every dataset read and write: HDF5 1.10
// allocates and zeroes its whole type-conversion buffer (1 MiB by default)
// for each read or write that converts, such as every one of strings,
// however little it moves; larger data pass through the small buffer in
// turn. Created once, kept for the life of the program.
hid_t transfer_properties();

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  void reset();  // closes now, ignoring failure: for unwinding and abandoning
  // Closes now and throws Error if closing fails. Closing a dataset writes
  // the chunks HDF5 still holds in memory, so a full disk can first show here.
  void close(const char* what);

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Constructors for each kind; each checks the id and pairs it with its closer.
Handle file(hid_t id, const char* what);
Handle group(hid_t id, const char* what);
Handle dataset(hid_t id, const char* what);
Handle dataspace(hid_t id, const char* what);
Handle datatype(hid_t id, const char* what);
Handle attribute(hid_t id, const char* what);
Handle property_list(hid_t id, const char* what);

// A variable-length UTF-8 string type, the one trustsim uses for all text.
Handle utf8_string_type();

}  // namespace trustsim::hdf5
