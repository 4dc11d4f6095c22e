// Choosing an informal contact's partner: a random existing tie or a
// reachable stranger, accepted less often across organisations and sites.
#include <catch2/catch.hpp>

#include "model/partner_choice.hpp"
#include "warmed_world.hpp"

using namespace trustsim;

TEST_CASE("partner choice") {
  const World& world = bench::warmed_world();
  BENCHMARK("choose_informal_partner, once per staff slot (4,000)") {
    std::uint64_t met = 0;
    for (StaffId i = 0; i < world.staff.size(); ++i) {
      if (!world.staff.active[i]) continue;
      RandomStream rng(world.seed, Purpose::informal_contact, Day(bench::bench_day), Subject(i));
      StaffId partner = i;
      met += choose_informal_partner(world, i, true, bench::bench_day, rng, partner) ? partner : 0;
    }
    return met;
  };
}
