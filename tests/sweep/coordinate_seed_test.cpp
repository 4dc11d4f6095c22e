// Seeds from coordinates: what a run is, not where it is in the plan.
#include <catch2/catch.hpp>

#include <set>

#include "runner/seed_derivation.hpp"
#include "sweep/coordinate_seed.hpp"

using trustsim::coordinate_seed;
using trustsim::derive_run_seed;

TEST_CASE("without a design, a sweep run has the seed trustsim run gives", "[coordinate_seed]") {
  for (std::uint64_t r = 0; r < 5; ++r)
    CHECK(coordinate_seed(42, "baseline", {}, {}, r) == derive_run_seed(42, "baseline", r));
  CHECK(coordinate_seed(42, "facilitators", {}, {}, 3) == derive_run_seed(42, "facilitators", 3));
}

TEST_CASE("a design point's seed ignores the order its keys are listed in", "[coordinate_seed]") {
  const std::vector<std::string> keys{"days", "trust.half_life_days"};
  const std::vector<std::string> swapped{"trust.half_life_days", "days"};
  CHECK(coordinate_seed(9, "baseline", keys, {100, 60}, 0) ==
        coordinate_seed(9, "baseline", swapped, {60, 100}, 0));
}

TEST_CASE("every coordinate changes the seed", "[coordinate_seed]") {
  const std::vector<std::string> keys{"meetings.face_to_face_fraction"};
  const auto seed = coordinate_seed(9, "baseline", keys, {0.5}, 0);
  CHECK(coordinate_seed(10, "baseline", keys, {0.5}, 0) != seed);
  CHECK(coordinate_seed(9, "online", keys, {0.5}, 0) != seed);
  CHECK(coordinate_seed(9, "baseline", keys, {0.25}, 0) != seed);
  CHECK(coordinate_seed(9, "baseline", keys, {0.5}, 1) != seed);
  CHECK(coordinate_seed(9, "baseline", {"trust.informal_gain"}, {0.5}, 0) != seed);
  CHECK(coordinate_seed(9, "baseline", {}, {}, 0) != seed);
}

TEST_CASE("3 and 3.0, 0 and -0 are one coordinate", "[coordinate_seed]") {
  CHECK(coordinate_seed(1, "baseline", {"days"}, {3}, 0) ==
        coordinate_seed(1, "baseline", {"days"}, {3.0}, 0));
  CHECK(coordinate_seed(1, "baseline", {"x"}, {0.0}, 0) ==
        coordinate_seed(1, "baseline", {"x"}, {-0.0}, 0));
}

TEST_CASE("a grid of variants, values and replicates has no repeated seed", "[coordinate_seed]") {
  std::set<std::uint64_t> seeds;
  std::size_t count = 0;
  for (const char* variant : {"baseline", "online", "facilitators"})
    for (double value : {0.0, 0.25, 0.5, 0.75, 1.0})
      for (std::uint64_t r = 0; r < 50; ++r, ++count)
        seeds.insert(
            coordinate_seed(20240601, variant, {"meetings.face_to_face_fraction"}, {value}, r));
  CHECK(seeds.size() == count);
}
