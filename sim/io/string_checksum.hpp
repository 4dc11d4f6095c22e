// A checksum of the variable-length strings of a file. HDF5 keeps them
// (variant and team names, units, descriptions, the provenance texts) in
// its global heap, which, alone among what trustsim stores, carries no
// checksum of its own: neither the 1.10 format's metadata checksums nor
// the chunks' Fletcher32 (hdf5_write.cpp) cover it. So the writer stores,
// as the root attribute `string_checksum` (a fixed-size uint64, held in the
// root's object header or its attribute heap, both checksummed), a CRC-64
// of every such string, and the verification that runs before a part or
// shard is copied and before parts are removed (file_check.hpp) recomputes
// it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/hdf5_handles.hpp"

namespace trustsim::hdf5 {

inline constexpr const char* string_checksum_attribute = "string_checksum";

// What the walk does with the datasets that hold no variable-length
// strings: pass them by, or read each whole, in its stored type, so that
// every chunk passes through its Fletcher32 (a verification that reads the
// whole file in one walk, file_check.hpp).
enum class OtherDatasets { skip, read_whole };

// CRC-64/XZ over every variable-length string of the file, in a canonical
// order: objects by path (H5Ovisit, by name), then each object's attributes
// by name, then a dataset's values; each string preceded by where it is
// (object path, attribute name) and its length, so that a string moved or
// cut is a different sum. Throws Error if a string cannot be read.
std::uint64_t string_checksum(hid_t file, OtherDatasets others = OtherDatasets::skip);

// The part of the sum's stream that one object (a group and all below it)
// contributes: the CRC-64 of those bytes alone, and their number.
struct StringStretch {
  std::uint64_t crc = 0;
  std::uint64_t bytes = 0;
};
// Stretches by object path, as the walk names objects ("runs/run_000003"),
// each taken for that object instead of walking it: a run group as its
// writer recorded it (StringRecord), or copied from a part that did (the
// same objects at the same path give the same bytes); "." the whole file,
// when its writer recorded all of it (a sweep part).
using StringStretches = std::map<std::string, StringStretch>;

// The strings written below one object (a run's group), recorded as the
// writer writes them (hdf5_write.hpp, RecordingStrings), so that its stretch
// is known without reading the group back: the walk opens every dataset and
// attribute, which HDF5 makes dear (docs/benchmarks.md, change 43). Objects
// by their paths as the walk names them ("runs/run_000003/daily/day"); only
// variable-length strings are recorded, as the walk sums nothing else.
class StringRecord {
 public:
  void object(const std::string& path) { (void)at(path); }
  void attribute(const std::string& object_path, const std::string& name,
                 std::vector<std::string> texts) {
    at(object_path).attributes[name] = std::move(texts);
  }
  void values(const std::string& dataset_path, std::vector<std::string> texts) {
    at(dataset_path).values = std::move(texts);
  }
  // The stretch of the object at `path` and all below it, as the walk of
  // string_checksum would measure it in the file written; at "." (the
  // root), the whole file's, which is its checksum if everything in the
  // file was written while recording.
  StringStretch stretch(const std::string& path) const;

 private:
  struct Node {
    std::map<std::string, std::vector<std::string>> attributes;  // by name, as the walk
    std::optional<std::vector<std::string>> values;              // a string dataset's
    std::map<std::string, Node> children;                        // by name, as the walk
  };
  Node& at(const std::string& path);  // made if new
  Node root_;
};

// Writes string_checksum(file) as the root attribute (replacing one that
// is there), taking `stretches` as above. Called last, just before the
// file is closed (OutputFile::commit).
void write_string_checksum(hid_t file, const StringStretches* stretches = nullptr);

// Throws Error if the file's stored string_checksum differs from its
// strings'. A file without the attribute (written before trustsim stored
// it, or by another program) passes: there is nothing to compare with
// (its other datasets are still read whole if asked). Objects in `given`
// are taken as their stretches there, not walked (nor read).
void check_string_checksum(hid_t file, OtherDatasets others = OtherDatasets::skip,
                           const StringStretches* given = nullptr);

// The stretch of the object at `path` and all below it, walked in the file
// as string_checksum walks it there (its other datasets read whole if
// asked): a run group's, summed by one of the processes that share out a
// verification (file_check.cpp). Throws Error if a string cannot be read.
StringStretch walked_stretch(hid_t file, const std::string& path, OtherDatasets others);

}  // namespace trustsim::hdf5
