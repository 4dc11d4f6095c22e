#include "sweep/shard_coverage.hpp"

#include <limits>
#include <set>
#include <string>

#include "io/output_file.hpp"

namespace trustsim {

namespace {

constexpr std::size_t nobody = std::numeric_limits<std::size_t>::max();

std::string named(const ShardDescription& part) {
  return part.path.string() + " (shard " + part.shard.text() + ")";
}

// "2, 5, 8" or "2, 5, 8, ... (40 in all)": enough to act on, one line.
std::string some_ids(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < 5; ++i)
    text += (i ? ", " : "") + std::to_string(ids[i]);
  if (ids.size() > 5) text += ", ... (" + std::to_string(ids.size()) + " in all)";
  return text;
}

void check_same_sweep(const std::vector<ShardDescription>& parts) {
  const ShardDescription& first = parts.front();
  for (const ShardDescription& part : parts) {
    if (part.fingerprint != first.fingerprint)
      throw FileError(part.path.string() + ": is a shard of a different sweep (plan " +
                      part.fingerprint + ") than " + first.path.string() + " (plan " +
                      first.fingerprint + ")");
    if (part.sweep_run_count != first.sweep_run_count)
      throw FileError(part.path.string() + ": damaged shard file (a sweep of " +
                      std::to_string(part.sweep_run_count) + " runs; " + first.path.string() +
                      " says " + std::to_string(first.sweep_run_count) + ")");
    // The plan is the same, but another build of trustsim may compute other
    // results for it: the merged file would not be one program's sweep.
    if (part.program_version != first.program_version || part.git_commit != first.git_commit)
      throw FileError(part.path.string() + ": was computed by trustsim " + part.program_version +
                      " (git " + part.git_commit + "), " + first.path.string() + " by " +
                      first.program_version + " (git " + first.git_commit +
                      "); merging would mix results of two programs");
  }
}

// A shard holds exactly its slice: shard files are written only once every
// run of the slice is done, so anything else is a damaged or altered file.
void check_complete(const ShardDescription& part) {
  std::set<std::int64_t> seen;
  for (std::int64_t id : part.run_ids) {
    if (id < 0 || id >= part.sweep_run_count || !part.shard.holds(id))
      throw FileError(named(part) + ": holds run " + std::to_string(id) +
                      ", which is not in its slice of the sweep's " +
                      std::to_string(part.sweep_run_count) + " runs");
    if (!seen.insert(id).second)
      throw FileError(named(part) + ": holds run " + std::to_string(id) + " twice");
  }
  const std::int64_t expected = shard_run_count(part.sweep_run_count, part.shard);
  if (static_cast<std::int64_t>(seen.size()) != expected)
    throw FileError(named(part) + ": incomplete: holds " + std::to_string(seen.size()) +
                    " of its " + std::to_string(expected) + " runs");
}

}  // namespace

std::vector<std::size_t> assign_runs_to_parts(const std::vector<ShardDescription>& parts) {
  if (parts.empty()) throw FileError("merge: no shard files given");
  check_same_sweep(parts);
  for (std::size_t i = 0; i < parts.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (parts[i].shard.index == parts[j].shard.index &&
          parts[i].shard.count == parts[j].shard.count)
        throw FileError(parts[j].path.string() + " and " + parts[i].path.string() +
                        " are both shard " + parts[i].shard.text() + " of the sweep");
  for (const ShardDescription& part : parts) check_complete(part);

  // Shards of different splits (1/2 with 2/4) may still tile the runs; what
  // counts is that every run is held exactly once.
  const auto run_count = static_cast<std::size_t>(parts.front().sweep_run_count);
  std::vector<std::size_t> holder(run_count, nobody);
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::int64_t id : parts[p].run_ids) {
      std::size_t& held_by = holder[static_cast<std::size_t>(id)];
      if (held_by != nobody)
        throw FileError("run " + std::to_string(id) + " is in two parts: " + named(parts[held_by]) +
                        " and " + named(parts[p]) + " (shards of different splits overlap)");
      held_by = p;
    }

  std::vector<std::int64_t> missing;
  for (std::size_t id = 0; id < run_count; ++id)
    if (holder[id] == nobody) missing.push_back(static_cast<std::int64_t>(id));
  if (missing.empty()) return holder;
  // Name the shards to re-run when the parts are all of one split.
  const int count = parts.front().shard.count;
  bool one_split = true;
  for (const auto& part : parts) one_split = one_split && part.shard.count == count;
  if (one_split) {
    std::vector<std::int64_t> absent;
    for (int index = 1; index <= count; ++index) {
      bool given = false;
      for (const auto& part : parts) given = given || part.shard.index == index;
      if (!given && shard_run_count(parts.front().sweep_run_count, Shard{index, count}) > 0)
        absent.push_back(index);
    }
    std::string list;
    for (std::int64_t index : absent)
      list += (list.empty() ? "" : ", ") + std::to_string(index) + "/" + std::to_string(count);
    throw FileError("merge: shard" + std::string(absent.size() == 1 ? " " : "s ") + list +
                    " missing (runs " + some_ids(missing) + " are in no part given)");
  }
  throw FileError("merge: runs " + some_ids(missing) + " of the sweep's " +
                  std::to_string(run_count) + " are in no part given");
}

}  // namespace trustsim
