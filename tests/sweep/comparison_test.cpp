// The comparison of variants: grouped by grid cell, sampled points pooled,
// each difference taken against the baseline of the same cell.
#include <catch2/catch.hpp>

#include <cmath>

#include "sweep/comparison.hpp"
#include "sweep/comparison_file.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using testing::add_run;

TEST_CASE("one cell: means, intervals and differences from baseline", "[comparison]") {
  // The sleep data again (see interval_estimate_test.cpp): a known answer.
  SweepOutcomes runs;
  for (double v : {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0})
    add_run(runs, "baseline", {}, v);
  for (double v : {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}) add_run(runs, "drug", {}, v);
  const auto rows = compare_variants({"baseline", "drug"}, runs);
  REQUIRE(rows.size() == 2 * outcome_count);
  const ComparisonRow& baseline = rows[index(Outcome::incidents)];
  CHECK(baseline.variant == "baseline");
  CHECK(baseline.outcome == index(Outcome::incidents));
  CHECK(baseline.mean.n == 10);
  CHECK(baseline.mean.mean == Approx(0.75));
  CHECK(baseline.mean.low == Approx(-0.52978041352623226).epsilon(1e-12));
  CHECK(std::isnan(baseline.difference.difference));  // not compared with itself
  const ComparisonRow& drug = rows[outcome_count + index(Outcome::incidents)];
  CHECK(drug.variant == "drug");
  CHECK(drug.difference.difference == Approx(1.58));
  CHECK(drug.difference.low == Approx(-0.20548323071171059).epsilon(1e-12));
  CHECK(drug.difference.high == Approx(3.3654832307117106).epsilon(1e-12));
}

TEST_CASE("each grid cell is compared with its own baseline", "[comparison]") {
  SweepOutcomes runs;
  for (double cell : {0.2, 0.8})
    for (int r = 0; r < 3; ++r) {
      add_run(runs, "baseline", {cell}, 100 * cell + r);
      add_run(runs, "online", {cell}, 100 * cell + r - 5);
    }
  const auto rows = compare_variants({"baseline", "online"}, runs);
  REQUIRE(rows.size() == 2 * 2 * outcome_count);
  for (const auto& row : rows) {
    if (row.variant != "online") continue;
    CHECK(row.mean.n == 3);
    CHECK(row.difference.difference == Approx(-5.0));  // not -5 +- 60 across cells
  }
  CHECK(rows.front().grid_values == std::vector<double>{0.2});
  CHECK(rows.back().grid_values == std::vector<double>{0.8});
  CHECK(rows.back().variant == "online");
}

TEST_CASE("runs with the same grid cell pool over sampled points", "[comparison]") {
  // Callers pass only the grid keys' values: sampled points share a cell.
  SweepOutcomes runs;
  for (double v : {1.0, 2.0, 3.0, 4.0}) add_run(runs, "baseline", {}, v);
  const auto rows = compare_variants({"baseline"}, runs);
  REQUIRE(rows.size() == outcome_count);
  CHECK(rows[0].mean.n == 4);
  CHECK(rows[0].mean.mean == Approx(2.5));
}

TEST_CASE("variants come out in the order asked for", "[comparison]") {
  SweepOutcomes runs;
  add_run(runs, "zeta", {}, 1);
  add_run(runs, "baseline", {}, 2);
  add_run(runs, "alpha", {}, 3);
  const auto rows = compare_variants({"baseline", "zeta", "alpha"}, runs);
  REQUIRE(rows.size() == 3 * outcome_count);
  CHECK(rows[0].variant == "baseline");
  CHECK(rows[outcome_count].variant == "zeta");
  CHECK(rows[2 * outcome_count].variant == "alpha");
  // One run each: a mean, no interval.
  CHECK(rows[outcome_count].mean.mean == 1.0);
  CHECK(std::isnan(rows[outcome_count].mean.low));
  CHECK(rows[outcome_count].difference.difference == -1.0);
  CHECK(std::isnan(rows[outcome_count].difference.low));
}

TEST_CASE("paired differences pair runs by design point and replicate", "[comparison]") {
  // Baseline and drug share noise per replicate (+-10) and differ by 1: the
  // paired interval is exactly 1, Welch's is wide. Pair keys list the runs
  // out of order to show pairing is by key, not position.
  SweepOutcomes runs;
  const double noise[4] = {10, -10, 5, -5};
  for (int r = 0; r < 4; ++r) {
    add_run(runs, "baseline", {}, 50 + noise[r]);
    runs.pair_keys.push_back({static_cast<double>(r)});
  }
  for (int r = 3; r >= 0; --r) {
    add_run(runs, "drug", {}, 51 + noise[r]);
    runs.pair_keys.push_back({static_cast<double>(r)});
  }
  const auto rows = compare_variants({"baseline", "drug"}, runs);
  const ComparisonRow& drug = rows[outcome_count];
  CHECK(drug.paired.difference == Approx(1.0));
  CHECK(drug.paired.low == Approx(1.0));
  CHECK(drug.paired.high == Approx(1.0));
  CHECK(drug.difference.high - drug.difference.low > 10.0);
  CHECK(std::isnan(rows[0].paired.difference));  // the baseline's own row
}

TEST_CASE("without pair keys the paired columns are NaN", "[comparison]") {
  SweepOutcomes runs;
  for (double v : {1.0, 2.0}) add_run(runs, "baseline", {}, v);
  for (double v : {2.0, 4.0}) add_run(runs, "drug", {}, v);
  const auto rows = compare_variants({"baseline", "drug"}, runs);
  CHECK(std::isnan(rows[outcome_count].paired.low));
  CHECK(rows[outcome_count].difference.difference == Approx(1.5));
}

TEST_CASE("prob_improves: the share of pairs in the better direction, ties one half",
          "[comparison]") {
  // By hand: variant - baseline over five pairs is +2, -1, 0, +3, +1.
  // Higher is better: 3 pairs up, 1 tie -> 3.5 / 5 = 0.7. Lower is better:
  // 1 pair down, 1 tie -> 1.5 / 5 = 0.3.
  const std::vector<double> baseline{10, 10, 10, 10, 10};
  const std::vector<double> variant{12, 9, 10, 13, 11};
  CHECK(probability_improves(variant, baseline, Better::higher) == Approx(0.7));
  CHECK(probability_improves(variant, baseline, Better::lower) == Approx(0.3));
  CHECK(std::isnan(probability_improves(variant, baseline, Better::neither)));
  CHECK(std::isnan(probability_improves({}, {}, Better::lower)));

  // Through the table: the same pairs, keys out of order; each outcome in
  // its direction.
  SweepOutcomes runs;
  for (int r = 0; r < 5; ++r) {
    add_run(runs, "baseline", {}, baseline[r]);
    runs.pair_keys.push_back({0.0, static_cast<double>(r)});
  }
  for (int r = 4; r >= 0; --r) {
    add_run(runs, "policy", {}, variant[r]);
    runs.pair_keys.push_back({0.0, static_cast<double>(r)});
  }
  const auto rows = compare_variants({"baseline", "policy"}, runs);
  const auto row = [&](Outcome o) { return rows[outcome_count + index(o)]; };
  CHECK(row(Outcome::trust_within).prob_improves == Approx(0.7));
  CHECK(row(Outcome::incidents).prob_improves == Approx(0.3));
  CHECK(row(Outcome::leavers).prob_improves == Approx(0.3));
  CHECK(std::isnan(row(Outcome::headcount).prob_improves));          // no direction
  CHECK(std::isnan(row(Outcome::issues_raised).prob_improves));      // no direction
  CHECK(std::isnan(rows[index(Outcome::incidents)].prob_improves));  // the baseline's own row
}

TEST_CASE("prob_improves is NaN when runs are not paired", "[comparison]") {
  SweepOutcomes runs;
  for (double v : {1.0, 2.0}) add_run(runs, "baseline", {}, v);
  for (double v : {2.0, 4.0}) add_run(runs, "drug", {}, v);
  const auto rows = compare_variants({"baseline", "drug"}, runs);
  CHECK(std::isnan(rows[outcome_count + index(Outcome::incidents)].prob_improves));
}

TEST_CASE("the comparison states its window, per variant when they differ", "[comparison]") {
  CHECK(window_text({{"baseline", 0}, {"baseline", 0}, {"drug", 0}}) ==
        "every outcome measured from day 0 to the end of each run (outputs.measure_from_day)");
  const std::string differ = window_text({{"baseline", 0}, {"late", 180}, {"late", 180}});
  CHECK(
      differ.starts_with("outcomes measured to the end of each run from day 0 (baseline), "
                         "180 (late) (outputs.measure_from_day)"));
  CHECK(window_text({}).empty());
}
