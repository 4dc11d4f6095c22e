// Copying a group between HDF5 files through the dataset API: every
// dataset is made anew with the same type, shape and creation properties
// (chunks, shuffle, deflate, checksum) and filled with the source's chunks
// as they are stored (fixed-size values: no second deflate), or else with
// its values (strings, unchunked datasets); every attribute likewise. A
// chunk copied as stored is not checked on the way: the file it goes into
// is verified whole before it is committed (OutputFile::commit). Not
// H5Ocopy: in HDF5 1.10 a write that fails inside H5Ocopy (a full disk, no
// memory) crashes the library in its clean-up (H5T_close_real,
// H5B__node_dest), where a failed H5Dwrite or H5Dclose is reported like
// any other.
#pragma once

#include <string>

#include "io/hdf5_handles.hpp"

namespace trustsim::hdf5 {

// Copies the group `from_parent`/`from_name`, recursively, to a new group
// `to_parent`/`to_name`. Throws Error naming what could not be read or
// written.
void copy_group(hid_t from_parent, const std::string& from_name, hid_t to_parent,
                const std::string& to_name);

// Copies every attribute of the object `from` to the object `to`.
void copy_attributes(hid_t from, hid_t to);

}  // namespace trustsim::hdf5
