#include "sweep/shard.hpp"

#include <charconv>
#include <stdexcept>

namespace trustsim {

namespace {

// A whole positive number, digits only (no sign, no spaces).
bool read_positive(std::string_view digits, int& value) {
  if (digits.empty() || digits.size() > 9) return false;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && end == digits.data() + digits.size() && value >= 1;
}

}  // namespace

std::string Shard::text() const { return std::to_string(index) + "/" + std::to_string(count); }

Shard parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !read_positive(text.substr(0, slash), shard.index) ||
      !read_positive(text.substr(slash + 1), shard.count))
    throw std::invalid_argument("must be I/N, two whole numbers from 1 (e.g. 2/8), got \"" +
                                std::string(text) + "\"");
  if (shard.index > shard.count)
    throw std::invalid_argument("the shard number " + std::to_string(shard.index) +
                                " is more than the " + std::to_string(shard.count) +
                                " shards, in \"" + std::string(text) + "\"");
  return shard;
}

std::vector<RunPlan> runs_of_shard(const std::vector<RunPlan>& runs, const Shard& shard) {
  std::vector<RunPlan> slice;
  for (const RunPlan& run : runs)
    if (shard.holds(run.run_id)) slice.push_back(run);
  return slice;
}

std::int64_t shard_run_count(std::int64_t run_count, const Shard& shard) {
  // Ids index-1, index-1+count, ... below run_count.
  const std::int64_t first = shard.index - 1;
  return first >= run_count ? 0 : (run_count - first + shard.count - 1) / shard.count;
}

}  // namespace trustsim
