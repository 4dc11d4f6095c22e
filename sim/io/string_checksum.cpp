#include "io/string_checksum.hpp"

#include <algorithm>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "io/crc64.hpp"
#include "io/hdf5_read.hpp"

namespace trustsim::hdf5 {

namespace {

// The sum, and how many bytes it has summed.
struct Stream {
  Crc64 sum;
  std::uint64_t bytes = 0;

  void process(const void* data, std::size_t count) {
    sum.process_bytes(data, count);
    bytes += count;
  }
  // Goes on as if `stretch`'s bytes had been summed.
  void append(const StringStretch& stretch) {
    sum = crc64_continuing(crc64_combine(sum.checksum(), stretch.crc, stretch.bytes));
    bytes += stretch.bytes;
  }
};

void add_text(Stream& sum, const char* text, std::size_t length) {
  const std::uint64_t size = length;
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(size >> (8 * i));
  sum.process(bytes, sizeof bytes);
  sum.process(text, length);
}

void add_text(Stream& sum, const std::string& text) { add_text(sum, text.data(), text.size()); }

// A list of strings is summed as its length, then each string.
void add_count(Stream& sum, std::size_t count) { add_text(sum, std::to_string(count)); }

// A string as HDF5 stores it and the walk reads it back: up to its first NUL.
void add_stored_text(Stream& sum, const char* text) { add_text(sum, text, std::strlen(text)); }

// The names along an object's path ("runs/run_000003" -> runs, run_000003;
// the root's, "" or ".", none).
std::vector<std::string> names_along(const std::string& path) {
  std::vector<std::string> names;
  if (path.empty() || path == ".") return names;
  for (std::size_t begin = 0; begin <= path.size();) {
    const std::size_t end = std::min(path.find('/', begin), path.size());
    names.push_back(path.substr(begin, end - begin));
    begin = end + 1;
  }
  return names;
}

bool is_variable_string(hid_t type) {
  return H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0;
}

// Adds the strings `read(type, buffer)` gives, `count` of them; a null
// string (h5py can write one) counts as a distinct marker.
template <class Read>
void add_strings(Stream& sum, hid_t stored_type, hid_t space, Read read) {
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  if (count < 0) throw Error("HDF5: cannot size a string's dataspace");
  add_count(sum, static_cast<std::size_t>(count));
  if (count == 0) return;
  Handle type = datatype(H5Tcopy(stored_type), "copy a string type");
  std::vector<char*> texts(static_cast<std::size_t>(count), nullptr);
  read(type.get(), texts.data());
  for (const char* text : texts) {
    if (text == nullptr)
      add_text(sum, "\xff", 1);
    else
      add_stored_text(sum, text);
  }
  H5Dvlen_reclaim(type, space, H5P_DEFAULT, texts.data());
}

struct Walk {
  OtherDatasets others = OtherDatasets::skip;
  const StringStretches* stretches = nullptr;
  Stream sum;
  std::string failure;        // what could not be read, and why
  std::set<haddr_t> visited;  // each object once, as H5Ovisit: a second link is passed by
};

herr_t add_attribute(hid_t object, const char* name, const H5A_info_t*, void* walk_data) {
  auto& walk = *static_cast<Walk*>(walk_data);
  try {
    Handle attr = attribute(H5Aopen(object, name, H5P_DEFAULT), "open an attribute");
    Handle type = datatype(H5Aget_type(attr), "read an attribute's type");
    if (!is_variable_string(type)) return 0;
    Handle space = dataspace(H5Aget_space(attr), "read an attribute's shape");
    add_text(walk.sum, name);
    const std::string what = std::string("read attribute ") + name;
    add_strings(walk.sum, type, space, [&](hid_t memory, void* buffer) {
      check_status(H5Aread(attr, memory, buffer), what.c_str());
    });
  } catch (const Error& problem) {
    walk.failure = std::string("attribute ") + name + ": " + problem.what();
    return -1;
  }
  return 0;
}

// Reads a dataset that holds no variable-length strings (those are read
// for the sum) whole in its stored type, so that every chunk passes through
// its Fletcher32 checksum; throws Error naming it if not.
void read_whole(hid_t set, hid_t type, hid_t space, const char* path) {
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  const std::size_t size = H5Tget_size(type);
  if (count < 0 || size == 0)
    throw Error(std::string("dataset ") + path + " has no readable shape");
  if (count == 0) return;
  if (static_cast<std::size_t>(count) > (std::size_t{1} << 32) / size)
    throw Error(std::string("dataset ") + path + " is larger than any trustsim writes");
  std::vector<unsigned char> bytes(static_cast<std::size_t>(count) * size);
  const std::string what = std::string("read dataset ") + path;
  check_status(H5Dread(set, type, H5S_ALL, H5S_ALL, transfer_properties(), bytes.data()),
               what.c_str());
  if (H5Tdetect_class(type, H5T_VLEN) > 0) H5Dvlen_reclaim(type, space, H5P_DEFAULT, bytes.data());
}

void add_dataset(Walk& walk, hid_t set, const char* path) {
  Handle type = datatype(H5Dget_type(set), "read a dataset's type");
  if (!is_variable_string(type)) {
    if (walk.others == OtherDatasets::read_whole)
      read_whole(set, type, dataspace(H5Dget_space(set), "read a dataset's shape"), path);
    return;
  }
  Handle space = dataspace(H5Dget_space(set), "read a dataset's shape");
  add_text(walk.sum, "values");
  const std::string what = std::string("read dataset ") + path;
  add_strings(walk.sum, type, space, [&](hid_t memory, void* buffer) {
    check_status(H5Dread(set, memory, H5S_ALL, H5S_ALL, transfer_properties(), buffer),
                 what.c_str());
  });
}

void add_object(Walk& walk, hid_t object, const std::string& path);

struct Links {
  Walk& walk;
  const std::string& path;  // of the group whose links these are
};

herr_t add_link(hid_t group, const char* name, const H5L_info_t* info, void* links_data) {
  auto& links = *static_cast<Links*>(links_data);
  Walk& walk = links.walk;
  if (info->type != H5L_TYPE_HARD || !walk.visited.insert(info->u.address).second) return 0;
  const std::string path = links.path == "." ? name : links.path + "/" + name;
  if (walk.stretches != nullptr) {  // an object whose stretch was recorded where written
    const auto given = walk.stretches->find(path);
    if (given != walk.stretches->end()) {
      walk.sum.append(given->second);
      return 0;
    }
  }
  try {
    Handle object(check(H5Oopen(group, name, H5P_DEFAULT), "open an object"), H5Oclose);
    add_object(walk, object, path);
  } catch (const Error& problem) {
    if (walk.failure.empty()) walk.failure = path + ": " + problem.what();
  }
  return walk.failure.empty() ? 0 : -1;
}

// The walk of H5Ovisit(H5_INDEX_NAME, H5_ITER_INC): an object, then each
// object its hard links lead to, in name order, depth first. Done by hand
// from the open object, because H5Ovisit hands on a path, and looking each
// path up again from the root, for the object's attributes and again to
// open a dataset, was a third of the checksum's time (docs/benchmarks.md).
void add_object(Walk& walk, hid_t object, const std::string& path) {
  add_text(walk.sum, path);
  hsize_t position = 0;
  const herr_t listed =
      H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &position, add_attribute, &walk);
  if (!walk.failure.empty()) throw Error(walk.failure);
  check_status(listed, "list an object's attributes");
  const H5I_type_t type = H5Iget_type(object);
  if (type == H5I_DATASET) add_dataset(walk, object, path.c_str());
  if (type != H5I_GROUP) return;
  Links links{walk, path};
  position = 0;
  const herr_t followed =
      H5Literate(object, H5_INDEX_NAME, H5_ITER_INC, &position, add_link, &links);
  if (!walk.failure.empty()) return;  // reported by string_checksum, with its path
  check_status(followed, "list a group's links");
}

}  // namespace

StringRecord::Node& StringRecord::at(const std::string& path) {
  Node* node = &root_;
  for (const auto& name : names_along(path)) node = &node->children[name];
  return *node;
}

StringStretch StringRecord::stretch(const std::string& path) const {
  const Node* node = &root_;
  for (const auto& name : names_along(path)) {
    const auto found = node->children.find(name);
    if (found == node->children.end()) throw Error("HDF5: no strings were recorded for " + path);
    node = &found->second;
  }
  Stream sum;
  // What add_object, add_attribute, add_dataset and add_link add, in order.
  const auto add_strings_of = [&sum](const std::vector<std::string>& texts) {
    add_count(sum, texts.size());
    for (const auto& text : texts) add_stored_text(sum, text.c_str());
  };
  const auto add_node = [&](const auto& self, const Node& at, const std::string& at_path) -> void {
    add_text(sum, at_path);
    for (const auto& [name, texts] : at.attributes) {
      add_text(sum, name);
      add_strings_of(texts);
    }
    if (at.values) {
      add_text(sum, "values");
      add_strings_of(*at.values);
    }
    for (const auto& [name, child] : at.children)
      self(self, child, at_path == "." ? name : at_path + "/" + name);
  };
  add_node(add_node, *node, path);
  return {sum.sum.checksum(), sum.bytes};
}

namespace {

// The walk from the object at `path` ("." the root: the whole file), its
// stretch of the sum; objects in `stretches` taken as given.
StringStretch walked_from(hid_t file, const std::string& path, OtherDatasets others,
                          const StringStretches* stretches) {
  if (stretches != nullptr) {  // recorded where written: nothing to walk
    const auto given = stretches->find(path);
    if (given != stretches->end()) return given->second;
  }
  Walk walk;
  walk.others = others;
  walk.stretches = stretches;
  try {
    Handle object(check(H5Oopen(file, path.c_str(), H5P_DEFAULT), "open an object"), H5Oclose);
    H5O_info_t info{};
    check_status(H5Oget_info2(object, &info, H5O_INFO_BASIC), "inspect an object");
    walk.visited.insert(info.addr);
    add_object(walk, object, path);
  } catch (const Error& problem) {
    if (walk.failure.empty()) walk.failure = path + ": " + problem.what();
  }
  if (!walk.failure.empty()) throw Error("HDF5: cannot read " + walk.failure);
  return {walk.sum.sum.checksum(), walk.sum.bytes};
}

std::uint64_t walked_checksum(hid_t file, OtherDatasets others, const StringStretches* stretches) {
  return walked_from(file, ".", others, stretches).crc;
}

}  // namespace

std::uint64_t string_checksum(hid_t file, OtherDatasets others) {
  return walked_checksum(file, others, nullptr);
}

void write_string_checksum(hid_t file, const StringStretches* stretches) {
  // Its own value is a number, outside the sum, so it may be written after it.
  if (has_attribute(file, string_checksum_attribute))
    check_status(H5Adelete(file, string_checksum_attribute), "replace the string checksum");
  const std::uint64_t value = walked_checksum(file, OtherDatasets::skip, stretches);
  Handle space = dataspace(H5Screate(H5S_SCALAR), "create a scalar dataspace");
  Handle attr = attribute(
      H5Acreate2(file, string_checksum_attribute, H5T_STD_U64LE, space, H5P_DEFAULT, H5P_DEFAULT),
      "create the string checksum");
  check_status(H5Awrite(attr, H5T_NATIVE_UINT64, &value), "write the string checksum");
}

void check_string_checksum(hid_t file, OtherDatasets others, const StringStretches* given) {
  if (!has_attribute(file, string_checksum_attribute)) {
    if (others == OtherDatasets::read_whole) walked_checksum(file, others, given);
    return;
  }
  Handle attr =
      attribute(H5Aopen(file, string_checksum_attribute, H5P_DEFAULT), "open the string checksum");
  Handle type = datatype(H5Aget_type(attr), "read the string checksum's type");
  if (H5Tget_class(type) != H5T_INTEGER || H5Tget_size(type) != 8)
    throw Error("HDF5: the root attribute string_checksum is not a 64-bit integer");
  std::uint64_t stored = 0;
  check_status(H5Aread(attr, H5T_NATIVE_UINT64, &stored), "read the string checksum");
  if (walked_checksum(file, others, given) != stored)
    throw Error(
        "HDF5: its variable-length strings (names, units, provenance) do not match their "
        "checksum, string_checksum: HDF5's global heap, which has no checksum of its own, "
        "is damaged");
}

StringStretch walked_stretch(hid_t file, const std::string& path, OtherDatasets others) {
  return walked_from(file, path, others, nullptr);
}

}  // namespace trustsim::hdf5
