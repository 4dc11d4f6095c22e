// A trustsim file that will be read and copied from (a sweep's part on
// --resume, a shard given to merge) is first read whole in a child process:
// its /summary, every root attribute, and a copy of every run group into
// memory, the very reads and copies the real work then does. A file so
// damaged that HDF5 crashes or loops on it is refused in one line
// (contained_read.hpp) before the real work touches it.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "io/string_checksum.hpp"

namespace trustsim {

// Throws FileError naming the file if reading or copying it crashes HDF5
// or does not finish within the CPU-time limit. Other problems (foreign,
// incomplete) are left to the real reading, which reports them itself.
void refuse_damaged_trustsim_file(const std::filesystem::path& path);

// Both checks a part or shard gets before its runs are copied, in one
// child process a file instead of two: what refuse_damaged_trustsim_file
// reads, then the caller's `own_checks(path)` (its /summary, whose sweep:
// if they fail, the caller's own reading reports why), then, if they pass,
// what verify_trustsim_file reads, whose failure is damage. `processes`
// files at a time. Throws as those two, for the first file, in order, that
// fails.
void refuse_damaged_or_unverified_trustsim_files(
    const std::vector<std::filesystem::path>& paths,
    const std::function<void(const std::filesystem::path&)>& own_checks, int processes);

// Reads every dataset of the file whole, so that each chunk's Fletcher32
// checksum (hdf5_write.cpp) and each metadata checksum (the 1.10 format,
// output_file.cpp) is checked, and every variable-length string against
// the file's string_checksum (string_checksum.hpp), in one walk through
// its objects. Throws hdf5::Error naming the first object that fails, or
// saying the strings differ. Objects in `given` are taken as their
// stretches there (run groups already read by another process).
void read_every_dataset(const std::filesystem::path& path,
                        const hdf5::StringStretches* given = nullptr);

// What is done to a file before its runs are copied (a part, a shard:
// after refuse_damaged_trustsim_file and reading its /summary) and to a
// combined output before the parts it holds are removed:
// read_every_dataset, in a child process; with more than one `processes`,
// its run groups shared out among that many children at once, and then the
// rest of the file in one more. Throws FileError ("PATH: damaged HDF5 file
// (...)") if any read fails or crashes, WriteError if a read ran out of
// memory or handles.
void verify_trustsim_file(const std::filesystem::path& path, int processes = 1);

}  // namespace trustsim
