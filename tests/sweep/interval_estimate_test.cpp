// Intervals on data with a known answer: R's `sleep` data (Student 1908,
// the example of ?t.test), whose Welch interval R documents as
// (-3.3654832, 0.2054832) on 17.776 degrees of freedom.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sweep/interval_estimate.hpp"

using trustsim::mean_interval;
using trustsim::welch_difference;

namespace {
// Extra hours of sleep under two drugs, ten patients each.
const std::vector<double> drug_1{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
const std::vector<double> drug_2{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
}  // namespace

TEST_CASE("mean interval of the sleep data, as t.test(sleep$extra[1:10])", "[interval]") {
  const auto interval = mean_interval(drug_1);
  CHECK(interval.n == 10);
  CHECK(interval.mean == Approx(0.75));
  CHECK(interval.sd == Approx(1.7890096577591624));
  CHECK(interval.low == Approx(-0.52978041352623226).epsilon(1e-12));
  CHECK(interval.high == Approx(2.0297804135262323).epsilon(1e-12));
}

TEST_CASE("Welch interval of the sleep data, as t.test(extra ~ group, sleep)", "[interval]") {
  const auto interval = welch_difference(drug_1, drug_2);
  CHECK(interval.difference == Approx(-1.58));
  CHECK(interval.df == Approx(17.776473516178495).epsilon(1e-12));
  CHECK(interval.low == Approx(-3.3654832307117106).epsilon(1e-12));
  CHECK(interval.high == Approx(0.20548323071171059).epsilon(1e-12));
}

TEST_CASE("Welch with equal variances and sizes has df 2(n-1)", "[interval]") {
  // Same spread on both sides: Satterthwaite's df reduces to n1 + n2 - 2.
  const std::vector<double> a{1, 2, 3, 4, 5}, b{11, 12, 13, 14, 15};
  const auto interval = welch_difference(b, a);
  CHECK(interval.difference == Approx(10.0));
  CHECK(interval.df == Approx(8.0));
  // se = sqrt(2.5/5 + 2.5/5) = 1; t(0.975, 8) = 2.306004135...
  CHECK(interval.high - interval.difference == Approx(2.3060041352041661).epsilon(1e-12));
}

TEST_CASE("no spread gives a zero-width interval, one value gives none", "[interval]") {
  const std::vector<double> same{2, 2, 2}, other{5, 5, 5, 5}, single{7};
  const auto flat = welch_difference(other, same);
  CHECK(flat.difference == 3.0);
  CHECK(flat.low == 3.0);
  CHECK(flat.high == 3.0);

  const auto alone = mean_interval(single);
  CHECK(alone.mean == 7.0);
  CHECK(std::isnan(alone.low));
  CHECK(std::isnan(alone.high));
  const auto unpaired = welch_difference(single, same);
  CHECK(unpaired.difference == 5.0);
  CHECK(std::isnan(unpaired.low));

  const auto empty = mean_interval(std::vector<double>{});
  CHECK(empty.n == 0);
  CHECK(std::isnan(empty.mean));
}

TEST_CASE("paired interval of the sleep data, as t.test(extra ~ group, sleep, paired = TRUE)",
          "[interval]") {
  // The same ten patients under both drugs: R gives -1.58 on 9 df with
  // 95% interval (-2.4598858, -0.7001142), far narrower than Welch's.
  const auto paired = trustsim::paired_difference(drug_1, drug_2);
  CHECK(paired.difference == Approx(-1.58));
  CHECK(paired.df == 9.0);
  CHECK(paired.low == Approx(-2.4598857632547).epsilon(1e-9));
  CHECK(paired.high == Approx(-0.7001142367453).epsilon(1e-9));
  const auto welch = welch_difference(drug_1, drug_2);
  CHECK(paired.high - paired.low < welch.high - welch.low);
}

TEST_CASE("paired interval needs two pairs", "[interval]") {
  const std::vector<double> one{1.0};
  CHECK(std::isnan(trustsim::paired_difference(one, one).low));
}
