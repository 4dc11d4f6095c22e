#include "io/summary_reader.hpp"

#include "io/contained_read.hpp"
#include "io/hdf5_read.hpp"
#include "io/output_file.hpp"

namespace trustsim {

std::size_t SummaryTable::rows() const {
  if (columns.empty()) return 0;
  return std::visit([](const auto& v) { return v.size(); }, columns.front().values);
}

namespace {

SummaryValues read_column(hid_t summary, const std::string& name) {
  switch (hdf5::column_kind(summary, name)) {
    case hdf5::ColumnKind::signed_integer:
      return hdf5::read_int64s(summary, name);
    case hdf5::ColumnKind::unsigned_integer:
      return hdf5::read_uint64s(summary, name);
    case hdf5::ColumnKind::real:
      return hdf5::read_doubles(summary, name);
    case hdf5::ColumnKind::text:
      return hdf5::read_strings(summary, name);
    case hdf5::ColumnKind::other:
      break;
  }
  throw hdf5::Error("column " + name + " has an unsupported type");
}

// The reading itself, on a file that is known to be a regular file.
SummaryTable read_regular_file(const std::filesystem::path& path, const std::string& group) {
  hdf5::silence_library_errors();
  const std::string name = path.string();
  if (H5Fis_hdf5(name.c_str()) <= 0) throw FileError(name + ": not an HDF5 file");
  const hid_t id = H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) throw FileError(name + ": cannot open (damaged or truncated HDF5 file?)");
  hdf5::Handle file(id, H5Fclose);
  try {
    if (!hdf5::has_attribute(file, "format") ||
        hdf5::read_string_attribute(file, "format") != "trustsim")
      throw FileError(name + ": not a trustsim output file (no format=trustsim attribute)");
    if (H5Lexists(file, group.c_str(), H5P_DEFAULT) <= 0)
      throw FileError(name + ": has no /" + group +
                      (group == "summary" ? " table (an unfinished file?)"
                                          : " table (written by an older trustsim?)"));
    hdf5::Handle summary =
        hdf5::group(H5Gopen2(file, group.c_str(), H5P_DEFAULT), ("open /" + group).c_str());
    SummaryTable table;
    table.kind = hdf5::read_string_attribute(file, "kind");
    table.program_version = hdf5::read_string_attribute(file, "program_version");
    table.created_utc = hdf5::read_string_attribute(file, "created_utc");
    std::size_t rows = 0;
    for (const auto& column : hdf5::read_strings_attribute(summary, "columns")) {
      const std::string where = "/" + group + "/" + column;
      hdf5::Handle set =
          hdf5::dataset(H5Dopen2(summary, column.c_str(), H5P_DEFAULT), ("open " + where).c_str());
      hdf5::Handle space =
          hdf5::dataspace(H5Dget_space(set), ("get the shape of " + where).c_str());
      if (H5Sget_simple_extent_ndims(space) != 1)
        throw FileError(name + ": " + where + " is not a column (a one-dimensional dataset)");
      SummaryColumn entry{
          column,
          hdf5::has_attribute(set, "units") ? hdf5::read_string_attribute(set, "units") : "",
          read_column(summary, column)};
      const std::size_t length = std::visit([](const auto& v) { return v.size(); }, entry.values);
      if (!table.columns.empty() && length != rows)
        throw FileError(name + ": " + where + " has " + std::to_string(length) + " rows, not " +
                        std::to_string(rows));
      rows = length;
      table.columns.push_back(std::move(entry));
    }
    return table;
  } catch (const hdf5::Error& problem) {
    throw FileError(name + ": damaged trustsim file (" + problem.what() + ")");
  }
}

}  // namespace

SummaryTable read_summary(const std::filesystem::path& path) {
  refuse_if_reading_crashes(path, [&path] { read_summary_of_checked_file(path); });
  return read_summary_of_checked_file(path);
}

SummaryTable read_summary_of_checked_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw FileError(path.string() + ": " +
                    (std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
  return read_regular_file(path, "summary");
}

SummaryTable read_table(const std::filesystem::path& path, const std::string& table) {
  auto read = [&] {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
      throw FileError(
          path.string() + ": " +
          (std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
    return read_regular_file(path, table);
  };
  refuse_if_reading_crashes(path, [&] { read(); });
  return read();
}

}  // namespace trustsim
