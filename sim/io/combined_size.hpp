// How large a file that combines the runs of several trustsim files (a
// sweep's parts, merged shards, compared runs) will be, so that a combine
// that cannot fit is refused at once (refuse_if_no_room), not after copying.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace trustsim {

// About the size of one file holding the runs of all `inputs`, within
// about 6 % (tests compare it with files written): the inputs' sizes, less
// what every input repeats and the combined file holds once.
// See the .cpp for the reasoning. If the first input cannot be measured
// (not HDF5, say), the plain sum.
// Throws what refuse_if_reading_crashes throws if reading the first input
// crashes HDF5.
std::uintmax_t estimated_combined_size(const std::vector<std::filesystem::path>& inputs);

}  // namespace trustsim
