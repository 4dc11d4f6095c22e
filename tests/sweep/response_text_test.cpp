// Response curves as text: a row per grid cell, a column per variant, each
// cell's own mean and interval (never pooled across cells).
#include <catch2/catch.hpp>

#include <limits>

#include "sweep/comparison.hpp"
#include "sweep/response_text.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using testing::add_run;

TEST_CASE("one grid key: each cell's mean and interval, per variant", "[response_text]") {
  SweepOutcomes runs;
  // Cell 30: baseline 1, 2, 3 (mean 2); cell 60: 10, 12, 14 (mean 12).
  for (double v : {1, 2, 3}) add_run(runs, "baseline", {30}, v);
  for (double v : {10, 12, 14}) add_run(runs, "baseline", {60}, v);
  for (double v : {5, 5, 5}) add_run(runs, "facilitators", {30}, v);
  ComparisonTable table{{"trust.half_life_days"},
                        compare_variants({"baseline", "facilitators"}, runs)};
  const std::string text = response_text(table);
  CHECK_THAT(text, Catch::Contains("incidents (incidents) by grid value"));
  CHECK_THAT(text, Catch::Contains("trust.half_life_days  baseline mean [95% CI]"));
  // t(0.975, 2) = 4.303: 2 ± 4.303 · 1/√3 and 12 ± 4.303 · 2/√3, to the
  // one decimal the narrower half-width (2.5) needs.
  CHECK_THAT(text, Catch::Contains("30  2.0 [-0.5, 4.5]"));
  CHECK_THAT(text, Catch::Contains("60  12.0 [7.0, 17.0]"));
  CHECK_THAT(text, Catch::Contains("5.0 [5.0, 5.0]"));
}

TEST_CASE("two grid keys: a row per combination, and three or none: no response table",
          "[response_text]") {
  SweepOutcomes runs;
  for (double a : {1.0, 2.0})
    for (double b : {0.1, 0.2})
      for (double r : {0.0, 1.0}) add_run(runs, "baseline", {a, b}, a * 10 + b + r);
  ComparisonTable table{{"a", "b"}, compare_variants({"baseline"}, runs)};
  const std::string text = response_text(table);
  CHECK_THAT(text, Catch::Contains("a    b  baseline mean [95% CI]"));
  CHECK_THAT(text, Catch::Contains("2  0.2  20.7"));
  CHECK(response_text(ComparisonTable{{}, compare_variants({"baseline"}, runs)}).empty());
  table.grid_keys = {"a", "b", "c"};
  CHECK(response_text(table).empty());
}
