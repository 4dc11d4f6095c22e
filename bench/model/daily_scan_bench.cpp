// The end-of-day measurement: one pass over every stored tie to drop stale
// and decayed ones and to sum the decayed excess within and between teams.
// It is the only per-day work proportional to the number of ties.
#include <catch2/catch.hpp>

#include "warmed_world.hpp"

using namespace trustsim;

TEST_CASE("daily trust measurement") {
  World world = bench::warmed_world();  // a copy: measuring prunes
  BENCHMARK("measure_trust, one day (4,000 staff)") {
    return measure_trust(world, bench::bench_day).between;
  };
}
