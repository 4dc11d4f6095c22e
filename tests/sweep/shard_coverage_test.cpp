// Before merging, the shard files must make one whole sweep: one plan, one
// program, each shard complete, every run exactly once. Each refusal here
// names the problem and the file, on one line.
#include <catch2/catch.hpp>

#include "io/output_file.hpp"
#include "sweep/shard_coverage.hpp"

using namespace trustsim;

namespace {

constexpr std::int64_t runs = 10;

// What a complete shard file of a 10-run sweep says of itself.
ShardDescription shard(int index, int count) {
  ShardDescription part;
  part.path = "part-" + std::to_string(index) + "-of-" + std::to_string(count) + ".h5";
  part.fingerprint = "00000000cafef00d";
  part.shard = Shard{index, count};
  part.sweep_run_count = runs;
  for (std::int64_t id = index - 1; id < runs; id += count) part.run_ids.push_back(id);
  part.program_version = "0.1.0";
  part.git_commit = "abc1234";
  return part;
}

std::string refusal(const std::vector<ShardDescription>& parts) {
  try {
    (void)assign_runs_to_parts(parts);
  } catch (const FileError& error) {
    const std::string message = error.what();
    CHECK(message.find('\n') == std::string::npos);  // one line
    return message;
  }
  FAIL("the parts were accepted");
  return "";
}

}  // namespace

TEST_CASE("the shards of one split, in any order, cover the sweep", "[shard_coverage]") {
  const auto holder = assign_runs_to_parts({shard(3, 3), shard(1, 3), shard(2, 3)});
  REQUIRE(holder.size() == runs);
  // Part 1 is shard 1/3 (ids 0, 3, 6, 9), part 2 is 2/3, part 0 is 3/3.
  CHECK(holder == std::vector<std::size_t>{1, 2, 0, 1, 2, 0, 1, 2, 0, 1});
  CHECK(assign_runs_to_parts({shard(1, 1)}) == std::vector<std::size_t>(runs, 0));
}

TEST_CASE("shards of different splits that tile the runs are accepted", "[shard_coverage]") {
  // 1/2 holds the even ids, 2/4 and 4/4 the odd ones.
  const auto holder = assign_runs_to_parts({shard(1, 2), shard(2, 4), shard(4, 4)});
  CHECK(holder[0] == 0);
  CHECK(holder[1] == 1);
  CHECK(holder[3] == 2);
}

TEST_CASE("shards of different sweeps are refused", "[shard_coverage]") {
  auto other = shard(2, 3);
  other.fingerprint = "1111111111111111";
  const std::string message = refusal({shard(1, 3), other, shard(3, 3)});
  CHECK_THAT(message, Catch::Contains("part-2-of-3.h5: is a shard of a different sweep"));
  CHECK_THAT(message, Catch::Contains("1111111111111111"));
  CHECK_THAT(message, Catch::Contains("00000000cafef00d"));
}

TEST_CASE("shards computed by different builds are refused", "[shard_coverage]") {
  auto other = shard(3, 3);
  other.git_commit = "def5678";
  CHECK_THAT(refusal({shard(1, 3), shard(2, 3), other}),
             Catch::Contains("mix results of two programs"));
}

TEST_CASE("a missing shard is refused and named", "[shard_coverage]") {
  CHECK(refusal({shard(1, 3), shard(3, 3)}) ==
        "merge: shard 2/3 missing (runs 1, 4, 7 are in no part given)");
  CHECK_THAT(refusal({shard(2, 4)}), Catch::Contains("shards 1/4, 3/4, 4/4 missing"));
}

TEST_CASE("runs missing across different splits are listed", "[shard_coverage]") {
  CHECK(refusal({shard(1, 2), shard(2, 4)}) ==
        "merge: runs 3, 7 of the sweep's 10 are in no part given");
}

TEST_CASE("a shard given twice is refused", "[shard_coverage]") {
  auto copy = shard(2, 3);
  copy.path = "copy-of-part-2.h5";
  CHECK(refusal({shard(1, 3), shard(2, 3), copy, shard(3, 3)}) ==
        "part-2-of-3.h5 and copy-of-part-2.h5 are both shard 2/3 of the sweep");
}

TEST_CASE("overlapping shards of different splits are refused", "[shard_coverage]") {
  // 1/2 holds 0, 2, 4, 6, 8; 1/4 holds 0, 4, 8.
  CHECK_THAT(refusal({shard(1, 2), shard(2, 2), shard(1, 4)}),
             Catch::Contains("run 0 is in two parts: part-1-of-2.h5 (shard 1/2) and "
                             "part-1-of-4.h5 (shard 1/4)"));
}

TEST_CASE("an incomplete or altered shard is refused", "[shard_coverage]") {
  auto short_one = shard(2, 3);
  short_one.run_ids.pop_back();
  CHECK(refusal({shard(1, 3), short_one, shard(3, 3)}) ==
        "part-2-of-3.h5 (shard 2/3): incomplete: holds 2 of its 3 runs");

  auto foreign_run = shard(2, 3);
  foreign_run.run_ids.push_back(2);  // shard 3/3's
  CHECK_THAT(refusal({shard(1, 3), foreign_run, shard(3, 3)}),
             Catch::Contains("holds run 2, which is not in its slice"));

  auto doubled = shard(2, 3);
  doubled.run_ids.push_back(4);
  CHECK_THAT(refusal({shard(1, 3), doubled, shard(3, 3)}), Catch::Contains("holds run 4 twice"));
}

TEST_CASE("no parts at all is refused", "[shard_coverage]") {
  CHECK(refusal({}) == "merge: no shard files given");
}
