// The comparison as a terminal table: decimals that fit the uncertainty,
// and a mark where an interval excludes zero.
#include <catch2/catch.hpp>

#include <limits>

#include "sweep/comparison_text.hpp"

using namespace trustsim;

TEST_CASE("decimals show two significant digits of the half-width", "[comparison_text]") {
  CHECK(decimals_for(15.0) == 0);
  CHECK(decimals_for(2.1) == 1);
  CHECK(decimals_for(0.0014) == 4);
  CHECK(decimals_for(1e-12) == 6);  // capped
  CHECK(decimals_for(2500.0) == 0);
  CHECK(decimals_for(0.0) == 4);  // no spread: a fixed default
  CHECK(decimals_for(std::numeric_limits<double>::quiet_NaN()) == 4);
}

TEST_CASE("a block per outcome, a line per variant, * where the interval excludes zero",
          "[comparison_text]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ComparisonTable table;
  table.grid_keys = {"meetings.face_to_face_fraction"};
  const auto trust = index(Outcome::trust_between);
  table.rows.push_back({"baseline",
                        {0.5},
                        trust,
                        {50, 0.4010, 0.005, 0.3996, 0.4023},
                        {nan, nan, nan, nan},
                        {nan, nan, nan, nan}});
  table.rows.push_back({"facilitators",
                        {0.5},
                        trust,
                        {50, 0.4932, 0.009, 0.4905, 0.4958},
                        {0.0922, 90.0, 0.0893, 0.0951},
                        {nan, nan, nan, nan}});
  table.rows.push_back({"data_sharing",
                        {0.5},
                        trust,
                        {50, 0.4034, 0.005, 0.4019, 0.4048},
                        {0.0024, 95.0, -0.0005, 0.0053},
                        {nan, nan, nan, nan}});
  const std::string text = comparison_text(table);
  CHECK_THAT(text, Catch::Contains("== meetings.face_to_face_fraction = 0.5 =="));
  CHECK_THAT(text, Catch::Contains("trust_between (1)"));
  CHECK_THAT(text, Catch::Contains("0.4932  [0.4905, 0.4958]  +0.0922  [+0.0893, +0.0951]  *"));
  CHECK_THAT(text, Catch::Contains("[-0.0005, +0.0053]\n"));  // includes zero: no mark
  CHECK_THAT(text, !Catch::Contains("incidents"));            // no rows, no block
}
