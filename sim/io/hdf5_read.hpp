// Reading back what hdf5_write writes (and tolerating what other tools
// write: fixed-length strings, other integer widths).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"

namespace trustsim::hdf5 {

bool has_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
std::vector<std::string> read_strings_attribute(hid_t object, const std::string& name);
std::int64_t read_integer_attribute(hid_t object, const std::string& name);

// What kind of values a 1-D dataset holds, so a reader can pick a column type.
enum class ColumnKind { signed_integer, unsigned_integer, real, text, other };
ColumnKind column_kind(hid_t parent, const std::string& name);

std::size_t dataset_length(hid_t parent, const std::string& name);
std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name);
std::vector<std::uint64_t> read_uint64s(hid_t parent, const std::string& name);
std::vector<double> read_doubles(hid_t parent, const std::string& name);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);

}  // namespace trustsim::hdf5
