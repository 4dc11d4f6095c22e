#include <catch2/catch.hpp>

#include "model/regime.hpp"

using namespace trustsim;

TEST_CASE("timed regime changes take effect on their day", "[meetings][regime]") {
  MeetingParameters m;
  m.regime = Regime::face_to_face;
  m.schedule = {{100, Regime::online, 0.9}, {300, Regime::hybrid, 0.25}};
  CHECK(regime_on(m, 0).regime == Regime::face_to_face);
  CHECK(regime_on(m, 0).face_to_face_fraction == 1.0);
  CHECK(regime_on(m, 99).regime == Regime::face_to_face);
  CHECK(regime_on(m, 100).regime == Regime::online);
  CHECK(regime_on(m, 100).face_to_face_fraction == 0.0);  // online means none in person
  CHECK(regime_on(m, 299).regime == Regime::online);
  CHECK(regime_on(m, 300).regime == Regime::hybrid);
  CHECK(regime_on(m, 300).face_to_face_fraction == 0.25);
}
