// A whole simulated day, every phase and the measurement, stepping on from
// the warmed-up world: the end-to-end cost the kernels add up to.
#include <catch2/catch.hpp>

#include "warmed_world.hpp"

using namespace trustsim;

TEST_CASE("simulated day") {
  World world = bench::warmed_world();  // a copy: days change it
  int day = bench::bench_day;
  BENCHMARK("run_day, measurement included (4,000 staff)") {
    const auto result = run_day(world, day);
    ++day;
    return result.trust.within;
  };
}
