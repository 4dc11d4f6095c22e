#include <catch2/catch.hpp>

#include "model/day.hpp"

using namespace trustsim;

TEST_CASE("the chance of raising an issue rises with trust", "[issues]") {
  Parameters p;
  double previous = -1.0;
  for (double trust = 0.0; trust <= 1.0; trust += 0.01) {
    const double chance = raise_probability(p, trust, 0);
    REQUIRE(chance > previous);
    REQUIRE(chance > 0.0);
    REQUIRE(chance < 1.0);
    previous = chance;
  }
  CHECK(raise_probability(p, p.issues.raise_threshold, 0) == Approx(0.5));
}

TEST_CASE("'do not avoid difficult conversations' lowers the threshold from its start day",
          "[issues][interventions]") {
  Parameters p;
  p.interventions.difficult_conversations.enabled = true;
  p.interventions.difficult_conversations.start_day = 10;
  const double trust = 0.35;
  CHECK(raise_probability(p, trust, 9) == raise_probability(Parameters{}, trust, 9));
  CHECK(raise_probability(p, trust, 10) > raise_probability(p, trust, 9));
  const double shifted =
      p.issues.raise_threshold - p.interventions.difficult_conversations.threshold_shift;
  CHECK(raise_probability(p, shifted, 10) == Approx(0.5));
}
