// Copying an object's attributes to another object, in another file or the
// same: each read in its stored type and created anew. (Whole groups are
// copied with H5Ocopy: ResultWriter::copy_runs, and in memory
// combined_size.cpp and file_check.cpp.)
#pragma once

#include "io/hdf5_handles.hpp"

namespace trustsim::hdf5 {

// Copies every attribute of the object `from` to the object `to`.
void copy_attributes(hid_t from, hid_t to);

}  // namespace trustsim::hdf5
