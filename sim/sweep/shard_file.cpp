#include "sweep/shard_file.hpp"

#include "io/file_check.hpp"
#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"
#include "io/summary_reader.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

void write_shard_identity(hid_t file, const Shard& shard, std::int64_t sweep_run_count) {
  hdf5::write_attribute(file, "shard", shard.text());
  hdf5::write_attribute(file, "shard_index", std::int64_t{shard.index});
  hdf5::write_attribute(file, "shard_count", std::int64_t{shard.count});
  hdf5::write_attribute(file, "sweep_run_count", sweep_run_count);
}

ShardDescription read_shard_description(const std::filesystem::path& path) {
  // Damage that would crash HDF5 in any read below is refused first; then
  // missing, not HDF5, truncated, not trustsim: a FileError from here.
  refuse_damaged_trustsim_file(path);
  const SummaryTable summary = read_summary_of_checked_file(path);
  const std::string name = path.string();
  if (summary.kind != shard_kind)
    throw FileError(name + ": not a shard of a sweep (kind \"" + summary.kind +
                    "\"); merge takes the files of trustsim sweep --shard I/N");
  ShardDescription description;
  description.path = path;
  for (const auto& column : summary.columns)
    if (column.name == "run_id")
      if (const auto* ids = std::get_if<std::vector<std::int64_t>>(&column.values))
        description.run_ids = *ids;
  if (description.run_ids.size() != summary.rows())
    throw FileError(name + ": damaged shard file (no /summary/run_id column)");

  hdf5::Handle file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file) throw FileError(name + ": cannot open (damaged or truncated HDF5 file?)");
  const auto text = [&](const char* attribute) {
    if (!hdf5::has_attribute(file, attribute))
      throw FileError(name + ": damaged shard file (no root attribute " + attribute + ")");
    return hdf5::read_string_attribute(file, attribute);
  };
  const auto number = [&](const char* attribute) {
    if (!hdf5::has_attribute(file, attribute))
      throw FileError(name + ": damaged shard file (no root attribute " + attribute + ")");
    return hdf5::read_integer_attribute(file, attribute);
  };
  try {
    description.fingerprint = text(sweep_fingerprint_attribute);
    const std::int64_t index = number("shard_index"), count = number("shard_count");
    description.sweep_run_count = number("sweep_run_count");
    if (count < 1 || index < 1 || index > count || count > 1'000'000'000 ||
        description.sweep_run_count < 0)
      throw FileError(name + ": damaged shard file (shard " + std::to_string(index) + "/" +
                      std::to_string(count) + " of " + std::to_string(description.sweep_run_count) +
                      " runs)");
    description.shard = Shard{static_cast<int>(index), static_cast<int>(count)};
    description.program_version = text("program_version");
    description.git_commit = text("git_commit");
    description.created_utc = text("created_utc");
    description.command_line = text("command_line");
    description.scenario_given = text("scenario_given");
    description.scenario_resolved = text("scenario_resolved");
  } catch (const hdf5::Error& problem) {
    throw FileError(name + ": damaged shard file (" + problem.what() + ")");
  }
  return description;
}

}  // namespace trustsim
