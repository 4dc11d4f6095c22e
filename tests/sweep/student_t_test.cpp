// The t quantile against reference values computed to 30 digits with
// mpmath (they agree with the printed tables, e.g. 2.5706 at df 5, to every
// digit the tables give), including the non-integer degrees of freedom that
// Welch intervals need. scipy's t.ppf is itself off in the tenth digit, so
// it is not the reference.
#include <catch2/catch.hpp>

#include <cmath>

#include "sweep/student_t.hpp"

using trustsim::regularized_incomplete_beta;
using trustsim::student_t_cdf;
using trustsim::student_t_quantile;

TEST_CASE("t quantile matches the table of two-sided 95% critical values", "[student_t]") {
  struct Row {
    double df, t;
  };
  const Row table[] = {
      {1, 12.706204736174693},  {2, 4.3026527297494618},   {3, 3.1824463052837084},
      {4, 2.7764451051977935},  {5, 2.5705818356363148},   {10, 2.2281388519862742},
      {30, 2.0422724563012379}, {100, 1.9839715185235519}, {1e4, 1.9602012398906259},
  };
  for (const auto& row : table) {
    INFO("df = " << row.df);
    CHECK(student_t_quantile(0.975, row.df) == Approx(row.t).epsilon(1e-12));
  }
  // Far beyond any sweep's replicates, the continued fraction near the mean
  // of a Beta(5e5, 0.5) keeps eleven digits, still far more than reported.
  CHECK(student_t_quantile(0.975, 1e6) == Approx(1.9599663568141067).epsilon(1e-11));
}

TEST_CASE("t quantile with fractional degrees of freedom", "[student_t]") {
  CHECK(student_t_quantile(0.975, 2.5) == Approx(3.5746548420036818).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 7.3) == Approx(2.3450667365477031).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 17.776) == Approx(2.1028213103802212).epsilon(1e-12));
}

TEST_CASE("t quantile in the far tail and below the median", "[student_t]") {
  CHECK(student_t_quantile(0.995, 5) == Approx(4.0321429835552272).epsilon(1e-12));
  CHECK(student_t_quantile(0.9995, 1) == Approx(636.61924876878973).epsilon(1e-12));
  CHECK(student_t_quantile(0.025, 10) == Approx(-2.2281388519862742).epsilon(1e-12));
  CHECK(student_t_quantile(0.5, 3) == 0.0);
}

TEST_CASE("t quantile rejects probabilities and df out of range", "[student_t]") {
  CHECK(std::isnan(student_t_quantile(0.0, 5)));
  CHECK(std::isnan(student_t_quantile(1.0, 5)));
  CHECK(std::isnan(student_t_quantile(0.975, 0)));
  CHECK(std::isnan(student_t_quantile(0.975, -1)));
}

TEST_CASE("t CDF: Cauchy at df 1 and a fractional df", "[student_t]") {
  // With one degree of freedom t is Cauchy: P(T <= -1) = 1/4 exactly.
  CHECK(student_t_cdf(-1.0, 1) == Approx(0.25).epsilon(1e-13));
  CHECK(student_t_cdf(2.0, 3.5) == Approx(0.93693073871204323).epsilon(1e-12));
  CHECK(student_t_cdf(0.0, 7) == Approx(0.5));
}

TEST_CASE("regularized incomplete beta on both sides of the mean", "[student_t]") {
  CHECK(regularized_incomplete_beta(0.3, 2.5, 0.5) == Approx(0.018927124071945652).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.9, 10, 3) == Approx(0.88913002225500006).epsilon(1e-12));
  // I_x(1, 1) = x: the uniform distribution.
  CHECK(regularized_incomplete_beta(0.37, 1, 1) == Approx(0.37).epsilon(1e-14));
  CHECK(regularized_incomplete_beta(0.0, 2, 3) == 0.0);
  CHECK(regularized_incomplete_beta(1.0, 2, 3) == 1.0);
}
