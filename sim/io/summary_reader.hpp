// Reading /summary (or /team_summary) back: the columns named by its
// `columns` attribute, each with the type it was stored with. Used by
// `trustsim summary` (and by anything that needs to know which runs a file
// holds).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace trustsim {

using SummaryValues = std::variant<std::vector<std::int64_t>, std::vector<std::uint64_t>,
                                   std::vector<double>, std::vector<std::string>>;

struct SummaryColumn {
  std::string name;
  std::string units;
  SummaryValues values;
};

struct SummaryTable {
  std::string kind;  // root attribute `kind`: run or sweep
  std::string program_version;
  std::string created_utc;
  std::vector<SummaryColumn> columns;
  std::size_t rows() const;
};

// Throws FileError (one line naming the file) if it is missing, not HDF5,
// not a trustsim output file, or so damaged that reading it crashes HDF5
// (tried first in a child process: contained_read.hpp).
SummaryTable read_summary(const std::filesystem::path& path);

// The same read without the child process, for a file that a check in a
// child process has already read (file_check.hpp).
SummaryTable read_summary_of_checked_file(const std::filesystem::path& path);

// The same for another table of the file laid out like /summary, e.g.
// "team_summary".
SummaryTable read_table(const std::filesystem::path& path, const std::string& table);

}  // namespace trustsim
