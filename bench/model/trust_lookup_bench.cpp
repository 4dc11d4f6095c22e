// Reading T(i->j): the row search for the tie and its lazy decay to today.
// Issues read it once per issue; half the pairs looked up here have a tie
// and half are strangers, whose lookup scans the whole row to find nothing.
#include <catch2/catch.hpp>

#include "model/random_stream.hpp"
#include "warmed_world.hpp"

using namespace trustsim;

TEST_CASE("trust lookup with lazy decay") {
  const World& world = bench::warmed_world();
  std::vector<std::pair<StaffId, StaffId>> pairs;
  RandomStream rng(1, Purpose::issue, Day(0), Subject(0));
  while (pairs.size() < 10000) {
    const auto i = static_cast<StaffId>(rng.below(world.staff.size()));
    const auto& ties = world.trust.ties_of(i);
    if (pairs.size() % 2 == 0 && !ties.empty()) {
      pairs.emplace_back(i, ties[rng.below(ties.size())].to);
    } else {
      const auto& locality =
          world.locality_members[static_cast<std::size_t>(world.staff.locality[i])];
      pairs.emplace_back(i, locality[rng.below(locality.size())]);
    }
  }
  BENCHMARK("trust_between, 10,000 pairs (half tied)") {
    double sum = 0.0;
    for (const auto& [i, j] : pairs) sum += world.trust_between(i, j, bench::bench_day);
    return sum;
  };
}
