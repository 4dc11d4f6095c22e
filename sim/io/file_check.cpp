#include "io/file_check.hpp"

#include <algorithm>
#include <new>
#include <sstream>
#include <vector>

#include "io/contained_read.hpp"
#include "io/hdf5_handles.hpp"
#include "io/hdf5_read.hpp"
#include "io/output_file.hpp"
#include "io/string_checksum.hpp"
#include "io/summary_reader.hpp"

namespace trustsim {

namespace {

// Reads every attribute of `object` in its stored type.
herr_t read_attribute(hid_t object, const char* name, const H5A_info_t*, void*) {
  const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
  if (attribute < 0) return 0;
  hdf5::Handle attr(attribute, H5Aclose);
  hdf5::Handle type(H5Aget_type(attr), H5Tclose);
  if (H5Tget_class(type) == H5T_STRING) {
    try {
      hdf5::read_strings_attribute(object, name);
    } catch (const hdf5::Error&) {
    }
    return 0;
  }
  hdf5::Handle space(H5Aget_space(attr), H5Sclose);
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  const std::size_t size = H5Tget_size(type);
  if (count <= 0 || size == 0 || static_cast<std::size_t>(count) > (std::size_t{1} << 30) / size)
    return 0;
  std::vector<unsigned char> bytes(static_cast<std::size_t>(count) * size);
  H5Aread(attr, type, bytes.data());
  return 0;
}

// Copies one run group, as a combine copies it (ResultWriter::copy_runs),
// into a file that lives only in memory.
herr_t copy_run(hid_t runs, const char* name, const H5L_info_t*, void*) {
  hdf5::Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  if (H5Pset_fapl_core(access, std::size_t{1} << 20, /*backing_store=*/0) < 0) return 0;
  hdf5::Handle scratch(H5Fcreate("run-copy-check", H5F_ACC_TRUNC, H5P_DEFAULT, access), H5Fclose);
  if (!scratch) return 0;
  H5Ocopy(runs, name, scratch, name, H5P_DEFAULT, H5P_DEFAULT);
  return 0;
}

void read_and_copy_everything(const std::filesystem::path& path) {
  hdf5::silence_library_errors();
  read_summary_of_checked_file(path);
  hdf5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file) return;
  hsize_t position = 0;
  H5Aiterate2(file, H5_INDEX_NAME, H5_ITER_NATIVE, &position, read_attribute, nullptr);
  if (H5Lexists(file, "runs", H5P_DEFAULT) <= 0) return;
  hdf5::Handle runs(H5Gopen2(file, "runs", H5P_DEFAULT), H5Gclose);
  if (!runs) return;
  H5Literate(runs, H5_INDEX_NAME, H5_ITER_NATIVE, nullptr, copy_run, nullptr);
}

}  // namespace

void refuse_damaged_trustsim_file(const std::filesystem::path& path) {
  refuse_if_reading_crashes(path, [&path] { read_and_copy_everything(path); });
}

void refuse_damaged_or_unverified_trustsim_files(
    const std::vector<std::filesystem::path>& paths,
    const std::function<void(const std::filesystem::path&)>& own_checks, int processes) {
  // Out of memory or file handles is the machine's problem, never the file's:
  // it leaves the child as such (contained_read.hpp), whichever read met it.
  const auto unless_resources = [](const std::function<void()>& read) {
    try {
      read();
      return true;
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& problem) {
      if (is_resource_exhaustion(problem.what())) throw;
      return false;
    }
  };
  const std::size_t at_once = static_cast<std::size_t>(std::max(processes, 1));
  for (std::size_t first = 0; first < paths.size(); first += at_once) {
    std::vector<ContainedRead> reads;
    for (std::size_t k = first; k < std::min(first + at_once, paths.size()); ++k) {
      const std::filesystem::path& path = paths[k];
      reads.push_back({path,
                       [&] {
                         unless_resources([&path] { read_and_copy_everything(path); });
                         if (unless_resources([&] { own_checks(path); })) read_every_dataset(path);
                         return std::string();
                       },
                       reading_cpu_seconds(path)});
    }
    read_in_children(reads, ReadFailures::report);
  }
}

void read_every_dataset(const std::filesystem::path& path, const hdf5::StringStretches* given) {
  hdf5::silence_library_errors();
  hdf5::Handle file =
      hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the file");
  // One walk through the file: its strings summed against string_checksum,
  // every other dataset read whole.
  hdf5::check_string_checksum(file, hdf5::OtherDatasets::read_whole, given);
}

namespace {

// Share `share` of `shares` of the file's run groups (every shares-th, by
// name), each read whole and its stretch summed, as lines of text for the
// parent: "<length of path> <path> <crc> <bytes>".
std::string read_share_of_runs(const std::filesystem::path& path, int share, int shares) {
  hdf5::silence_library_errors();
  hdf5::Handle file =
      hdf5::file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open the file");
  if (H5Lexists(file, "runs", H5P_DEFAULT) <= 0) return {};
  std::vector<std::string> names;  // the hard links of /runs, by name, as the walk takes them
  hdf5::Handle runs = hdf5::group(H5Gopen2(file, "runs", H5P_DEFAULT), "open /runs");
  hsize_t position = 0;
  hdf5::check_status(
      H5Literate(
          runs, H5_INDEX_NAME, H5_ITER_INC, &position,
          [](hid_t, const char* name, const H5L_info_t* info, void* names_data) -> herr_t {
            if (info->type == H5L_TYPE_HARD)
              static_cast<std::vector<std::string>*>(names_data)->push_back(name);
            return 0;
          },
          &names),
      "list /runs");
  std::ostringstream lines;
  for (std::size_t k = static_cast<std::size_t>(share); k < names.size();
       k += static_cast<std::size_t>(shares)) {
    const std::string run = "runs/" + names[k];
    const hdf5::StringStretch stretch =
        hdf5::walked_stretch(file, run, hdf5::OtherDatasets::read_whole);
    lines << run.size() << ' ' << run << ' ' << stretch.crc << ' ' << stretch.bytes << '\n';
  }
  return lines.str();
}

void add_stretches(const std::string& lines, hdf5::StringStretches& stretches) {
  std::istringstream in(lines);
  std::size_t length = 0;
  while (in >> length) {
    std::string run(length, '\0');
    hdf5::StringStretch stretch;
    in.ignore(1);
    in.read(run.data(), static_cast<std::streamsize>(length));
    in >> stretch.crc >> stretch.bytes;
    stretches[run] = stretch;
  }
}

}  // namespace

void verify_trustsim_file(const std::filesystem::path& path, int processes) {
  const int cpu_seconds = reading_cpu_seconds(path);
  hdf5::StringStretches runs;
  if (processes > 1) {
    // The run groups, most of the file, at once; then the rest, with the
    // runs' stretches as summed (HDF5 reads in one thread a process). A
    // file whose runs share objects with the rest by hard links (trustsim
    // writes none) may be refused that one walk would pass, never passed.
    std::vector<ContainedRead> shares;
    for (int share = 0; share < processes; ++share)
      shares.push_back(
          {path, [&path, share, processes] { return read_share_of_runs(path, share, processes); },
           cpu_seconds});
    for (const std::string& lines : read_in_children(shares, ReadFailures::report))
      add_stretches(lines, runs);
  }
  refuse_if_reading_crashes(
      path, [&] { read_every_dataset(path, &runs); }, cpu_seconds, ReadFailures::report);
}

}  // namespace trustsim
