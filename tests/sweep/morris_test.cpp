// The Morris design and its elementary effects: r (k + 1) points on the
// p-level grid, one factor moving by ±Δ per step, and on a linear function
// every effect equal to the factor's coefficient (so μ* = |a_i|, σ = 0).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <set>

#include "sweep/morris_design.hpp"
#include "sweep/morris_effects.hpp"
#include "sweep/sensitivity.hpp"

using namespace trustsim;

TEST_CASE("a Morris design has r (k + 1) points on the grid, one factor per step", "[morris]") {
  const std::size_t k = 4;
  const MorrisDesign design = morris_design(k, 10, 4, 99);
  REQUIRE(design.points.size() == 10 * (k + 1));
  CHECK(design.step == Approx(4.0 / 6.0));  // p / (2 (p - 1))
  for (int t = 0; t < 10; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t s = 0; s < k; ++s) {
      const auto& before = design.points[t * (k + 1) + s];
      const auto& after = design.points[t * (k + 1) + s + 1];
      std::size_t changed = 0;
      for (std::size_t i = 0; i < k; ++i) {
        if (before[i] == after[i]) continue;
        ++changed;
        moved.insert(i);
        CHECK(std::fabs(after[i] - before[i]) == Approx(design.step));
      }
      CHECK(changed == 1);
    }
    CHECK(moved.size() == k);  // every factor moves once
    for (std::size_t s = 0; s <= k; ++s)
      for (double x : design.points[t * (k + 1) + s]) {
        CHECK(x >= -1e-12);
        CHECK(x <= 1 + 1e-12);
        const double level = x * 3;  // levels 0, 1/3, 2/3, 1
        CHECK(level == Approx(std::round(level)).margin(1e-9));
      }
  }
}

TEST_CASE("trajectories come from their own streams: more keeps the first", "[morris]") {
  const MorrisDesign few = morris_design(3, 5, 6, 1);
  const MorrisDesign more = morris_design(3, 8, 6, 1);
  for (std::size_t i = 0; i < few.points.size(); ++i) CHECK(few.points[i] == more.points[i]);
  CHECK(morris_design(3, 5, 6, 2).points != few.points);
}

TEST_CASE("linear function: every elementary effect is its coefficient", "[morris]") {
  const std::vector<double> a{3.0, -2.0, 0.0, 0.5};
  const MorrisDesign design = morris_design(a.size(), 12, 4, 5);
  std::vector<double> y;
  for (const auto& x : design.points)
    y.push_back(std::inner_product(a.begin(), a.end(), x.begin(), 1.0));
  const auto effects = elementary_effects(design, y);
  std::vector<std::size_t> all(12);
  std::iota(all.begin(), all.end(), std::size_t{0});
  const MorrisIndices indices = morris_indices(effects, all);
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("factor " << i);
    CHECK(indices.mu_star[i] == Approx(std::fabs(a[i])).margin(1e-12));
    CHECK(indices.mu[i] == Approx(a[i]).margin(1e-12));
    CHECK(indices.sigma[i] == Approx(0.0).margin(1e-12));
  }
}

TEST_CASE("sensitivity_analysis, Morris: a linear function ranked, a non-linear one spread",
          "[morris]") {
  // y = 3 x0 + x1² (x1 non-linear: effects depend on where it moves) and x2
  // ignored. Identical replicates: the noise row is zero.
  SensitivityDesign design{"morris", {"x0", "x1", "x2"}, morris_design(3, 20, 4, 8), {}};
  std::vector<std::array<double, outcome_count>> outcomes;
  for (const auto& x : design.morris.points)
    for (int r = 0; r < 3; ++r) {
      std::array<double, outcome_count> y;
      y.fill(3 * x[0] + x[1] * x[1]);
      outcomes.push_back(y);
    }
  const SensitivityTable table = sensitivity_analysis(design, {"baseline"}, 3, outcomes, 1);
  REQUIRE(table.rows.size() == outcome_count * 4);
  const auto& x0 = table.rows[0];
  const auto& x1 = table.rows[1];
  const auto& x2 = table.rows[2];
  CHECK(x0.indices[0].value == Approx(3.0));
  CHECK(x0.indices[0].low == Approx(3.0));  // every resample sees effects of 3
  CHECK(x0.indices[1].value == Approx(0.0).margin(1e-12));
  CHECK(x1.indices[0].value > 0.3);
  CHECK(x1.indices[1].value > 0.1);  // σ: the effect of x1 depends on x1
  CHECK(x2.indices[0].value == 0.0);
  CHECK(x2.indices[0].high == 0.0);
  CHECK(table.rows[3].parameter == replicate_noise_parameter);
  CHECK(table.rows[3].indices[0].value == Approx(0.0).margin(1e-12));
}

TEST_CASE("Morris noise row: what independent noise of known size would give", "[morris]") {
  // Replicates ±1 around a constant: variance 2 between the two, point means
  // exactly constant. μ*_noise = √(2 · 2 / 2) · √(2/π) / Δ.
  SensitivityDesign design{"morris", {"x0"}, morris_design(1, 10, 4, 8), {}};
  std::vector<std::array<double, outcome_count>> outcomes;
  for (std::size_t p = 0; p < design.morris.points.size(); ++p)
    for (double e : {1.0, -1.0}) {
      std::array<double, outcome_count> y;
      y.fill(5.0 + e);
      outcomes.push_back(y);
    }
  const SensitivityTable table = sensitivity_analysis(design, {"baseline"}, 2, outcomes, 1);
  const double sd = std::sqrt(2.0 * 2.0 / 2.0);
  CHECK(table.rows[0].indices[0].value == 0.0);
  CHECK(table.rows[1].indices[0].value ==
        Approx(sd * std::sqrt(2.0 / 3.141592653589793) / design.morris.step));
  CHECK(table.rows[1].indices[1].value == Approx(sd / design.morris.step));
}
