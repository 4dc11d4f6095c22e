// Runs in parallel, results in plan order, identical whatever the threads.
#include <catch2/catch.hpp>
#include <cstring>

#include "runner/ensemble.hpp"

using namespace trustsim;

namespace {

std::shared_ptr<const Parameters> forty_day_system() {
  Parameters p;
  p.days = 40;
  p.warmup_days = 0;  // a run of a few milliseconds
  p.system.teams = {
      {"alpha",
       "north",
       {{"nurse", Organisation::community_provider, 4, ""},
        {"gp", Organisation::primary_care, 2, ""}}},
      {"beta",
       "south",
       {{"pharmacist", Organisation::acute_hospital, 3, ""},
        {"social_worker", Organisation::social_care, 2, ""}}},
  };
  return std::make_shared<const Parameters>(p);
}

struct Collected {
  std::vector<std::int64_t> order;
  std::vector<RunResult> results;
};

Collected run_all(const std::vector<RunPlan>& plans, int threads) {
  Collected collected;
  EnsembleOptions options;
  options.threads = threads;
  run_ensemble(
      plans, &simulate,
      [&](const RunPlan& plan, RunResult&& result) {
        collected.order.push_back(plan.run_id);
        collected.results.push_back(std::move(result));
      },
      options);
  return collected;
}

bool same_bytes(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("results reach the sink in plan order and do not depend on the thread count") {
  const auto plans = replicate_plans(forty_day_system(), nullptr, 11, "baseline", 6);
  const auto one = run_all(plans, 1);
  const auto two = run_all(plans, 2);
  CHECK(one.order == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
  CHECK(two.order == one.order);
  for (std::size_t i = 0; i < plans.size(); ++i)
    for (std::size_t m = 0; m < daily_count; ++m) {
      INFO("run " << i << ", " << daily_info[m].name);
      CHECK(same_bytes(one.results[i].daily[m], two.results[i].daily[m]));
    }
  // Different seeds give different runs.
  CHECK_FALSE(same_bytes(one.results[0].daily[index(Daily::trust_between)],
                         one.results[1].daily[index(Daily::trust_between)]));
}

TEST_CASE("progress callbacks count every day and every run") {
  const auto plans = replicate_plans(forty_day_system(), nullptr, 1, "baseline", 3);
  std::atomic<int> days{0}, runs{0};
  EnsembleOptions options;
  options.on_day = [&](int) { ++days; };
  options.on_run_done = [&] { ++runs; };
  run_ensemble(
      plans, &simulate, [](const RunPlan&, RunResult&&) {}, options);
  CHECK(days == 3 * 40);
  CHECK(runs == 3);
}

TEST_CASE("a raised cancel flag stops the ensemble with Cancelled") {
  const auto plans = replicate_plans(forty_day_system(), nullptr, 1, "baseline", 4);
  std::atomic<bool> cancel{true};
  EnsembleOptions options;
  options.cancel = &cancel;
  int delivered = 0;
  CHECK_THROWS_AS(run_ensemble(
                      plans, &simulate, [&](const RunPlan&, RunResult&&) { ++delivered; }, options),
                  Cancelled);
  CHECK(delivered == 0);
}

TEST_CASE("a failing sink stops the ensemble with its exception") {
  const auto plans = replicate_plans(forty_day_system(), nullptr, 1, "baseline", 3);
  CHECK_THROWS_WITH(
      run_ensemble(plans, &simulate,
                   [](const RunPlan&, RunResult&&) { throw std::runtime_error("disk full"); }),
      "disk full");
}
