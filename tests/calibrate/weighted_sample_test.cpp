// Weighted quantiles, effective sample size and covariance, against cases
// worked by hand.
#include <catch2/catch.hpp>

#include "calibrate/weighted_sample.hpp"

using namespace trustsim;

TEST_CASE("with equal weights the quantile is an order statistic", "[weighted_sample]") {
  const std::vector<double> values{5, 1, 4, 2, 3};
  const std::vector<double> equal(5, 0.2);
  CHECK(weighted_quantile(values, equal, 0.0) == 1);
  CHECK(weighted_quantile(values, equal, 0.2) == 1);
  CHECK(weighted_quantile(values, equal, 0.5) == 3);
  CHECK(weighted_quantile(values, equal, 0.61) == 4);
  CHECK(weighted_quantile(values, equal, 1.0) == 5);
}

TEST_CASE("weights move the quantile toward heavy values", "[weighted_sample]") {
  const std::vector<double> values{1, 2, 3};
  CHECK(weighted_quantile(values, {0.1, 0.1, 0.8}, 0.5) == 3);
  CHECK(weighted_quantile(values, {0.6, 0.2, 0.2}, 0.5) == 1);
  // A particle of weight zero is never the answer.
  CHECK(weighted_quantile(values, {0.5, 0.0, 0.5}, 0.5) == 1);
  CHECK(weighted_quantile(values, {0.5, 0.0, 0.5}, 0.75) == 3);
}

TEST_CASE("effective sample size is n for equal weights and 1 for one particle",
          "[weighted_sample]") {
  CHECK(effective_sample_size({0.25, 0.25, 0.25, 0.25}) == Approx(4.0));
  CHECK(effective_sample_size({1.0, 0.0, 0.0}) == Approx(1.0));
  CHECK(effective_sample_size({0.5, 0.5, 0.0}) == Approx(2.0));
}

TEST_CASE("weighted covariance of a worked example", "[weighted_sample]") {
  // Points (0,0) w .5, (2,0) w .25, (0,4) w .25: mean (0.5, 1).
  const std::vector<std::vector<double>> points{{0, 0}, {2, 0}, {0, 4}};
  const std::vector<double> w{0.5, 0.25, 0.25};
  const auto mean = weighted_mean(points, w);
  CHECK(mean[0] == Approx(0.5));
  CHECK(mean[1] == Approx(1.0));
  const auto c = weighted_covariance(points, w);
  // var x = .5*.25 + .25*2.25 + .25*.25 = 0.75; var y = .5*1 + .25*1 + .25*9 = 3;
  // cov = .5*(-.5)(-1) + .25*(1.5)(-1) + .25*(-.5)(3) = .25 - .375 - .375 = -0.5
  CHECK(c[0] == Approx(0.75));
  CHECK(c[3] == Approx(3.0));
  CHECK(c[1] == Approx(-0.5));
  CHECK(c[2] == Approx(-0.5));
}
