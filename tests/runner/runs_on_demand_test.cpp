// Runs handed out one at a time (as MPI ranks receive them): each run
// handed out is computed once and reaches the sink once, with the result
// a fixed list would give, however many threads ask.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>

#include "runner/runs_on_demand.hpp"

using namespace trustsim;

namespace {

std::shared_ptr<const Parameters> thirty_day_system() {
  Parameters p;
  p.days = 30;
  p.warmup_days = 0;  // a run of a few milliseconds
  p.system.teams = {
      {"alpha", "north", {{"nurse", Organisation::community_provider, 3, ""}}},
      {"beta", "south", {{"pharmacist", Organisation::acute_hospital, 2, ""}}},
  };
  return std::make_shared<const Parameters>(p);
}

std::vector<RunPlan> plans(int count) {
  return replicate_plans(thirty_day_system(), std::make_shared<const std::string>("{}"), 7,
                         "baseline", count);
}

// Hands out `runs` in order, then nothing; counts how often it was asked.
struct Dealer {
  explicit Dealer(std::vector<RunPlan> r) : runs(std::move(r)) {}
  std::optional<RunPlan> operator()() {
    ++asked;
    if (next >= runs.size()) return std::nullopt;
    return runs[next++];
  }
  std::vector<RunPlan> runs;
  std::size_t next = 0;
  int asked = 0;
};

}  // namespace

TEST_CASE("every run handed out is computed once, as a fixed list computes it",
          "[runs_on_demand]") {
  const std::vector<RunPlan> all = plans(9);
  std::map<std::int64_t, double> fixed;
  run_ensemble(all, &simulate, [&](const RunPlan& plan, RunResult&& result) {
    fixed[plan.run_id] = result.outcomes[0];
  });
  for (int threads : {1, 2, 3}) {
    Dealer dealer(all);
    std::map<std::int64_t, int> times;
    std::map<std::int64_t, double> first_outcome;
    EnsembleOptions options;
    options.threads = threads;
    const std::int64_t computed = run_on_demand([&] { return dealer(); }, &simulate,
                                                [&](const RunPlan& plan, RunResult&& result) {
                                                  ++times[plan.run_id];
                                                  first_outcome[plan.run_id] = result.outcomes[0];
                                                },
                                                options);
    CHECK(computed == 9);
    REQUIRE(times.size() == 9);
    for (const auto& [id, count] : times) CHECK(count == 1);
    CHECK(first_outcome == fixed);
    // Each worker asks until told there is no more: once per run, plus one
    // "no more" per worker.
    CHECK(dealer.asked >= 10);
    CHECK(dealer.asked <= 9 + threads);
  }
}

TEST_CASE("no work at all returns at once", "[runs_on_demand]") {
  Dealer dealer({});
  int delivered = 0;
  CHECK(run_on_demand([&] { return dealer(); }, &simulate,
                      [&](const RunPlan&, RunResult&&) { ++delivered; }) == 0);
  CHECK(delivered == 0);
}

TEST_CASE("a raised cancel flag stops asking and throws Cancelled", "[runs_on_demand]") {
  Dealer dealer(plans(50));
  std::atomic<bool> cancel{false};
  EnsembleOptions options;
  options.threads = 2;
  options.cancel = &cancel;
  int delivered = 0;
  CHECK_THROWS_AS(run_on_demand([&] { return dealer(); }, &simulate,
                                [&](const RunPlan&, RunResult&&) {
                                  if (++delivered == 3) cancel = true;
                                },
                                options),
                  Cancelled);
  CHECK(delivered < 50);
  CHECK(dealer.next < 50);
}

TEST_CASE("an exception from the sink reaches the caller", "[runs_on_demand]") {
  Dealer dealer(plans(4));
  CHECK_THROWS_WITH(
      run_on_demand([&] { return dealer(); }, &simulate,
                    [](const RunPlan&, RunResult&&) { throw std::runtime_error("disk full"); }),
      "disk full");
}
