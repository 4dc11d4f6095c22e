// Shards slice a sweep's runs by interleaving run ids: every run in exactly
// one shard, shards as even as the division allows, and "I/N" read strictly.
#include <catch2/catch.hpp>

#include "sweep/shard.hpp"

using namespace trustsim;

namespace {

std::vector<RunPlan> plans(std::int64_t count) {
  std::vector<RunPlan> runs(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) runs[static_cast<std::size_t>(i)].run_id = i;
  return runs;
}

}  // namespace

TEST_CASE("shard text is read as I/N with 1 <= I <= N", "[shard]") {
  const Shard shard = parse_shard("2/8");
  CHECK(shard.index == 2);
  CHECK(shard.count == 8);
  CHECK(shard.text() == "2/8");
  CHECK(parse_shard("1/1").count == 1);
  for (const char* bad :
       {"", "3", "0/3", "4/3", "-1/3", "1/0", "a/3", "1/3x", " 1/3", "1//3", "1/99999999999"})
    CHECK_THROWS_AS(parse_shard(bad), std::invalid_argument);
  CHECK_THROWS_WITH(parse_shard("4/3"), Catch::Contains("more than the 3 shards"));
}

TEST_CASE("the shards of a split hold every run exactly once", "[shard]") {
  for (std::int64_t run_count : {0, 1, 2, 7, 30, 31}) {
    for (int count : {1, 2, 3, 8, 40}) {
      std::vector<int> held(static_cast<std::size_t>(run_count), 0);
      for (int index = 1; index <= count; ++index) {
        const Shard shard{index, count};
        const auto slice = runs_of_shard(plans(run_count), shard);
        CHECK(static_cast<std::int64_t>(slice.size()) == shard_run_count(run_count, shard));
        for (const auto& run : slice) ++held[static_cast<std::size_t>(run.run_id)];
      }
      for (int times : held) CHECK(times == 1);
    }
  }
}

TEST_CASE("interleaved shards differ in size by at most one run", "[shard]") {
  // 10 runs in 3 shards: 4, 3, 3 (a block split of costly runs would not
  // even out; an interleave deals every variant's replicates round).
  CHECK(shard_run_count(10, Shard{1, 3}) == 4);
  CHECK(shard_run_count(10, Shard{2, 3}) == 3);
  CHECK(shard_run_count(10, Shard{3, 3}) == 3);
  const auto second = runs_of_shard(plans(10), Shard{2, 3});
  REQUIRE(second.size() == 3);
  CHECK(second[0].run_id == 1);
  CHECK(second[1].run_id == 4);
  CHECK(second[2].run_id == 7);
}
