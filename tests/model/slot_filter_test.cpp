#include <catch2/catch.hpp>

#include "model/slot_filter.hpp"

using namespace trustsim;

TEST_CASE("a slot filter never misses a slot it holds", "[trust][sums]") {
  SlotFilter targets, moved;
  CHECK(targets.empty());
  CHECK_FALSE(targets.meets(moved));
  for (StaffId slot : {3u, 64u, 200u, 1000u}) targets.add(slot);
  CHECK_FALSE(targets.empty());
  for (StaffId slot : {3u, 64u, 200u, 1000u}) {
    SlotFilter one;
    one.add(slot);
    CHECK(targets.meets(one));
    CHECK(one.meets(targets));
  }
  // Within 256 consecutive slots it is exact.
  for (StaffId slot = 0; slot < 256; ++slot) {
    SlotFilter one;
    one.add(slot);
    const bool held = slot == 3 || slot == 64 || slot == 200 || slot == 1000 % 256;
    CHECK(targets.meets(one) == held);
  }
  // Slots 256 apart are not told apart: a wrong yes, never a wrong no.
  moved.add(3 + 256);
  CHECK(targets.meets(moved));
}
