#include <catch2/catch.hpp>

#include "runner/run_plan.hpp"
#include "runner/seed_derivation.hpp"

using namespace trustsim;

TEST_CASE("a run expands to replicate plans with derived seeds") {
  auto parameters = std::make_shared<const Parameters>();
  auto json = std::make_shared<const std::string>("{}");
  const auto plans = replicate_plans(parameters, json, 7, "baseline", 4, 10);
  REQUIRE(plans.size() == 4);
  for (int r = 0; r < 4; ++r) {
    const auto& plan = plans[static_cast<std::size_t>(r)];
    CHECK(plan.run_id == 10 + r);
    CHECK(plan.replicate == r);
    CHECK(plan.variant == "baseline");
    CHECK(plan.seed == derive_run_seed(7, "baseline", static_cast<std::uint64_t>(r)));
    CHECK(plan.parameters == parameters);  // shared, not copied
    CHECK(plan.parameters_json == json);
  }
  CHECK(total_days(plans) == 4 * Parameters{}.days);
}

TEST_CASE("the same base seed gives the same plans") {
  auto parameters = std::make_shared<const Parameters>();
  const auto a = replicate_plans(parameters, nullptr, 3, "baseline", 5);
  const auto b = replicate_plans(parameters, nullptr, 3, "baseline", 5);
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].seed == b[i].seed);
}
