// Priors on their internal scale: uniform as is, log-uniform as logs, ends exact.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibrate/prior.hpp"

using namespace trustsim;

TEST_CASE("a uniform prior's internal scale is the value itself", "[prior]") {
  const Prior p{"trust.informal_gain", "/parameters/x", PriorKind::uniform, 0.1, 0.5};
  CHECK(p.to_internal(0.3) == 0.3);
  CHECK(p.from_internal(0.3) == 0.3);
  CHECK(p.internal_at(0.0) == 0.1);
  CHECK(p.internal_at(0.5) == Approx(0.3));
  CHECK(p.contains_internal(0.5));
  CHECK_FALSE(p.contains_internal(0.5000001));
  CHECK_FALSE(p.contains_internal(0.0999999));
}

TEST_CASE("a log-uniform prior works on logs, keeping its ends exact", "[prior]") {
  const Prior p{"staff.base_leave_per_day", "/parameters/x", PriorKind::log_uniform, 1e-5, 1e-2};
  CHECK(p.internal_low() == std::log(1e-5));
  CHECK(p.internal_high() == std::log(1e-2));
  // Half way on the internal scale is the geometric mean.
  CHECK(p.from_internal(p.internal_at(0.5)) == Approx(std::sqrt(1e-5 * 1e-2)));
  CHECK(p.from_internal(p.internal_low()) == 1e-5);
  CHECK(p.from_internal(p.internal_high()) == 1e-2);
  CHECK(p.from_internal(p.to_internal(3e-4)) == Approx(3e-4).epsilon(1e-14));
}

TEST_CASE("inside_priors needs every coordinate inside", "[prior]") {
  const std::vector<Prior> priors{{"a", "", PriorKind::uniform, 0.0, 1.0},
                                  {"b", "", PriorKind::log_uniform, 1.0, 10.0}};
  CHECK(inside_priors(priors, {0.5, std::log(5.0)}));
  CHECK_FALSE(inside_priors(priors, {1.5, std::log(5.0)}));
  CHECK_FALSE(inside_priors(priors, {0.5, std::log(0.5)}));
}

TEST_CASE("an integer prior rounds, and gives every integer the same prior mass", "[prior]") {
  Prior p{"staff.vacancy_days", "/parameters/x", PriorKind::uniform, 10.0, 12.0};
  p.integer = true;
  // [9.5, 12.5]: three unit intervals, one per integer.
  CHECK(p.internal_low() == 9.5);
  CHECK(p.internal_high() == 12.5);
  CHECK(p.from_internal(9.5) == 10.0);  // the widened ends clamp into [low, high]
  CHECK(p.from_internal(12.5) == 12.0);
  CHECK(p.from_internal(10.49) == 10.0);
  CHECK(p.from_internal(10.51) == 11.0);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 3000; ++i)
    ++counts[static_cast<int>(p.from_internal(p.internal_at((i + 0.5) / 3000.0))) - 10];
  CHECK(counts[0] == 1000);
  CHECK(counts[1] == 1000);
  CHECK(counts[2] == 1000);
  Prior log{"staff.vacancy_days", "/parameters/x", PriorKind::log_uniform, 1.0, 100.0};
  log.integer = true;
  CHECK(log.internal_low() == std::log(0.5));
  CHECK(log.from_internal(std::log(37.2)) == 37.0);
  CHECK(log.from_internal(log.internal_high()) == 100.0);
}
