// A trustsim file that will be read and copied from (a sweep's part on
// --resume, a shard given to merge) is first read whole in a child process:
// its /summary, every root attribute, and a copy of every run group into
// memory, the very reads and copies the real work then does. A file so
// damaged that HDF5 crashes or loops on it is refused in one line
// (contained_read.hpp) before the real work touches it.
#pragma once

#include <filesystem>

namespace trustsim {

// Throws FileError naming the file if reading or copying it crashes HDF5
// or does not finish within the CPU-time limit. Other problems (foreign,
// incomplete) are left to the real reading, which reports them itself.
void refuse_damaged_trustsim_file(const std::filesystem::path& path);

}  // namespace trustsim
