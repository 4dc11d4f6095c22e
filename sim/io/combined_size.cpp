#include "io/combined_size.hpp"

#include <sys/mman.h>

#include <new>
#include <string>

#include "io/contained_read.hpp"
#include "io/hdf5_copy.hpp"
#include "io/hdf5_handles.hpp"

namespace trustsim {

namespace {

// What a trustsim file holds besides its runs (`/runs`), as measured.
struct Share {
  std::uint64_t bytes = 0;  // 0: not measured
  std::uint64_t has_comparison = 0;
};

// The superblock, the root attributes (provenance), `/summary`, the team
// tables and, if there, `/comparison`, as they take in a file of their own:
// copied into a file in memory in the 1.10 format trustsim writes.
Share share_besides_runs(const std::filesystem::path& path) {
  hdf5::silence_library_errors();
  hdf5::Handle source =
      hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open an input");
  hdf5::Handle access =
      hdf5::property_list(H5Pcreate(H5P_FILE_ACCESS), "create file access properties");
  hdf5::check_status(H5Pset_fapl_core(access, std::size_t{1} << 16, /*backing_store=*/0),
                     "keep a file in memory");
  hdf5::check_status(H5Pset_libver_bounds(access, H5F_LIBVER_V110, H5F_LIBVER_V110),
                     "choose the file format");
  hdf5::Handle copy = hdf5::file(H5Fcreate("besides-runs", H5F_ACC_TRUNC, H5P_DEFAULT, access),
                                 "create a file in memory");
  hdf5::copy_attributes(source, copy);
  H5G_info_t info{};
  hdf5::check_status(H5Gget_info(source, &info), "list the file");
  Share share;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[256] = {};
    if (H5Lget_name_by_idx(source, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name,
                           H5P_DEFAULT) <= 0)
      throw hdf5::Error("HDF5: cannot name an object");
    H5O_info_t object{};
    hdf5::check_status(H5Oget_info_by_name2(source, name, &object, H5O_INFO_BASIC, H5P_DEFAULT),
                       "inspect an object");
    if (std::string(name) == "comparison") share.has_comparison = 1;
    if (std::string(name) != "runs" && object.type == H5O_TYPE_GROUP)
      hdf5::check_status(H5Ocopy(source, name, copy, name, H5P_DEFAULT, H5P_DEFAULT),
                         "copy a group into memory");
  }
  hdf5::check_status(H5Fflush(copy, H5F_SCOPE_GLOBAL), "flush a file in memory");
  // The image's size, as on disk (a file in memory grows by whole
  // increments, which H5Fget_filesize would count).
  const ssize_t size = H5Fget_file_image(copy, nullptr, 0);
  if (size < 0) throw hdf5::Error("HDF5: cannot size a file in memory");
  share.bytes = static_cast<std::uint64_t>(size);
  return share;
}

}  // namespace

// Each input repeats what the combined file holds once: the provenance, a
// superblock, the structure of `/summary` and, but in a sweep's part, the
// team tables (their objects, each column's attributes `units`,
// `description`, `name`, `label`, which a part's bare `/summary` lacks;
// strings in global heap collections of at least 4 kB): about 47 kB in a
// sweep's part of the tiny test scenario when parts held all of it, beside
// about 59 kB of run. Summing the inputs' sizes therefore overstated a
// sweep's output by a third at 4 runs and by three quarters at 100. So the
// first input's share besides its runs is measured (share_besides_runs) and
// taken off every input but one, which the combined file holds. An input
// without the comparison tables (a sweep's part, a shard) is taken off one
// input fewer: the combined file adds `/comparison` and `/team_comparison`,
// tables of about the same make and size (a column per outcome, the same
// attributes; a shard's slice adds none, and is then estimated high by one
// share). The inputs of one combine share a layout (a sweep's parts and
// shards one plan; compared files are refused unless alike), so the first
// stands for all; the rows an input adds to `/summary` (a few hundred bytes
// a run) stay counted in its size, though a part's do not hold the rows it
// adds to `/team_summary`, nor the output's own described tables (a few tens
// of kB in all). Against outputs written (sweeps of the tiny scenario of 4
// to 100 runs, 80 or 400 days; the baseline's of 4 and 100 runs; full and
// summary-only), the estimate is 11 % low to 1 % high, the lowest for the
// smallest summary-only sweeps (docs/benchmarks.md, change 30); the sums of
// sizes were 14 to 78 % high. The measurement reads the first input
// in a child process (a damaged file must not crash the command,
// contained_read.hpp), which hands it back in a page shared with it.
std::uintmax_t estimated_combined_size(const std::vector<std::filesystem::path>& inputs) {
  std::uintmax_t total = 0;
  for (const auto& path : inputs) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (!error) total += size;
  }
  if (inputs.size() < 2) return total;
  void* page =
      ::mmap(nullptr, sizeof(Share), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return total;
  auto* shared = new (page) Share;
  try {
    refuse_if_reading_crashes(inputs.front(),
                              [&] { *shared = share_besides_runs(inputs.front()); });
  } catch (...) {
    ::munmap(page, sizeof(Share));
    throw;
  }
  const Share share = *shared;
  ::munmap(page, sizeof(Share));
  const std::uintmax_t repeats = inputs.size() - (share.has_comparison ? 1 : 2);
  const std::uintmax_t repeated = share.bytes * repeats;
  return repeated < total ? total - repeated : total;
}

}  // namespace trustsim
