// The distance to the targets: each miss in its own units, combined as the
// Euclidean norm or the largest miss.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "calibrate/distance.hpp"
#include "calibrate_fixtures.hpp"

using namespace trustsim;

TEST_CASE("misses combine as the Euclidean norm or the largest", "[distance]") {
  CHECK(combine_misses({3.0, 4.0}, DistanceKind::euclidean) == Approx(5.0));
  CHECK(combine_misses({3.0, 4.0}, DistanceKind::maximum) == 4.0);
  CHECK(combine_misses({}, DistanceKind::euclidean) == 0.0);
  CHECK(combine_misses({1.0, std::nan("")}, DistanceKind::maximum) ==
        std::numeric_limits<double>::infinity());
}

TEST_CASE("the distance reads each target's outcome", "[distance]") {
  Json document = testing::calibration_document(testing::small_scenario());
  document["targets"]["targets"]["leaving"] = {
      {"outcome", "leavers"}, {"interval", {2.0, 4.0}}, {"tolerance", 0.5}, {"source", "s"}};
  const CalibrationDefinition c = testing::read_calibration_json(document);
  // Targets in the order written: the fixture's trust (trust_within 0.6,
  // sd 0.02), then leaving.
  REQUIRE(c.targets.targets.size() == 2);
  Outcomes simulated{};
  simulated[index(Outcome::trust_within)] = 0.66;
  simulated[index(Outcome::leavers)] = 5.0;
  const auto misses = target_misses(c, simulated);
  CHECK(c.targets.targets[1].name == "leaving");
  CHECK(misses[1] == Approx(2.0));
  CHECK(misses[0] == Approx(3.0));
  CHECK(distance_to_targets(c, simulated) == Approx(std::sqrt(13.0)));
}
