// Sobol' indices of the Ishigami function (Ishigami & Homma 1990), the
// standard analytic test: f = sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1 on
// [-π, π]³, with first-order indices 0.314, 0.442, 0 and total indices
// 0.558, 0.442, 0.244 (Saltelli et al. 2010, section 4; Sobol' & Levitan
// 1999). At N = 1024 every index falls inside its bootstrap interval.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <numeric>

#include "sweep/bootstrap.hpp"
#include "sweep/sensitivity.hpp"
#include "sweep/sobol_indices.hpp"

using namespace trustsim;

namespace {

double ishigami(const std::vector<double>& unit) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * unit[0], x2 = -pi + 2 * pi * unit[1],
               x3 = -pi + 2 * pi * unit[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

// The analytic indices, from the variance decomposition with a = 7, b = 0.1.
struct Truth {
  double first[3], total[3];
};
Truth ishigami_truth() {
  const double pi = std::numbers::pi, a = 7, b = 0.1;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = std::pow(b, 2) * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

}  // namespace

TEST_CASE("the analytic Ishigami indices are the published ones", "[sobol]") {
  const Truth truth = ishigami_truth();
  CHECK(truth.first[0] == Approx(0.3139).margin(1e-4));
  CHECK(truth.first[1] == Approx(0.4424).margin(1e-4));
  CHECK(truth.total[0] == Approx(0.5576).margin(1e-4));
  CHECK(truth.total[2] == Approx(0.2437).margin(1e-4));
}

TEST_CASE("Ishigami: every index inside its bootstrap interval at N = 1024", "[sobol]") {
  const SobolDesign design = saltelli_design(3, 1024);
  std::vector<double> y;
  for (const auto& point : design.points) y.push_back(ishigami(point));
  std::vector<std::size_t> rows(1024);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  const SobolIndices estimate = sobol_indices(design, y, rows);
  const auto intervals =
      bootstrap_intervals(rows.size(), 7, [&](const std::vector<std::size_t>& chosen) {
        const SobolIndices indices = sobol_indices(design, y, chosen);
        std::vector<double> all = indices.first;
        all.insert(all.end(), indices.total.begin(), indices.total.end());
        return all;
      });
  const Truth truth = ishigami_truth();
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor " << i + 1);
    CHECK(estimate.first[i] == Approx(truth.first[i]).margin(0.05));
    CHECK(estimate.total[i] == Approx(truth.total[i]).margin(0.05));
    CHECK(intervals[i].low <= truth.first[i]);
    CHECK(truth.first[i] <= intervals[i].high);
    CHECK(intervals[3 + i].low <= truth.total[i]);
    CHECK(truth.total[i] <= intervals[3 + i].high);
    // Informative, not merely wide: well under the indices' own range.
    CHECK(intervals[i].high - intervals[i].low < 0.25);
    CHECK(intervals[3 + i].high - intervals[3 + i].low < 0.25);
  }
}

TEST_CASE("sensitivity_analysis on Ishigami: the sobol table, noise from replicates", "[sobol]") {
  // Two replicates per point: the function plus noise of sd 0.5 (seeded,
  // differing between replicates), the same at every point's replicate r
  // (common seeds: as the sweep does). V of Ishigami is about 13.8, so the
  // noise share is 0.25 / 2 / 13.8, about 0.009.
  SensitivityDesign design{"sobol", {"x1", "x2", "x3"}, {}, saltelli_design(3, 256)};
  std::vector<std::array<double, outcome_count>> outcomes;
  const double noise[2] = {0.5, -0.5};
  for (const auto& point : design.sobol.points)
    for (int r = 0; r < 2; ++r) {
      std::array<double, outcome_count> y;
      y.fill(ishigami(point) + noise[r]);
      outcomes.push_back(y);
    }
  const SensitivityTable table = sensitivity_analysis(design, {"baseline"}, 2, outcomes, 3);
  REQUIRE(table.rows.size() == outcome_count * 4);
  const Truth truth = ishigami_truth();
  for (std::size_t i = 0; i < 3; ++i) {
    const SensitivityRow& row = table.rows[i];
    CHECK(row.parameter == design.parameters[i]);
    CHECK(row.indices[0].low <= truth.first[i]);
    CHECK(truth.first[i] <= row.indices[0].high);
    CHECK(row.indices[1].low <= truth.total[i]);
    CHECK(truth.total[i] <= row.indices[1].high);
  }
  // Common noise cancels in the estimators; the noise row still shows its
  // size: variance 0.5 between the two replicates, over R = 2, over V.
  const SensitivityRow& noise_row = table.rows[3];
  CHECK(noise_row.parameter == replicate_noise_parameter);
  CHECK(noise_row.indices[1].value == Approx(0.5 / 2 / 13.84).margin(0.004));
  CHECK(noise_row.indices[1].low <= noise_row.indices[1].value);
}

TEST_CASE("S1 does not depend on the outcome's mean (it is centred)", "[sobol]") {
  // A model outcome often has a mean far above its spread (trust near 0.4,
  // varying by 0.01): adding a constant must not change the indices.
  const SobolDesign design = saltelli_design(3, 256);
  std::vector<double> y, shifted;
  for (const auto& point : design.points) {
    y.push_back(ishigami(point));
    shifted.push_back(ishigami(point) + 1e4);
  }
  std::vector<std::size_t> rows(256);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  const SobolIndices a = sobol_indices(design, y, rows);
  const SobolIndices b = sobol_indices(design, shifted, rows);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(b.first[i] == Approx(a.first[i]).margin(1e-9));
    CHECK(b.total[i] == Approx(a.total[i]).margin(1e-9));
  }
}
