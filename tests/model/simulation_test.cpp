#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <cstring>

#include "fixtures.hpp"
#include "model/simulation.hpp"

using namespace trustsim;

namespace {

RunResult run_with_threads(const Parameters& p, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  return simulate(p, 77);
}

template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

}  // namespace

TEST_CASE("same parameters and seed give bit-identical results for 1, 2 and 8 threads",
          "[simulation][determinism]") {
  Parameters p = test::two_teams(40);  // large enough that blocks run on several threads
  p.system.localities = 2;
  p.days = 120;
  p.interventions.facilitators.enabled = true;
  p.interventions.fluid_teams.enabled = true;
  p.interventions.hero_awareness.enabled = true;
  p.interventions.just_culture.enabled = true;
  p.interventions.new_rituals.enabled = true;
  p.interventions.new_rituals.start_day = 70;
  p.rituals.disruption_days = {60};
  p.meetings.schedule = {{30, Regime::online, 0.0}};
  p.warmup_days = 40;
  const RunResult one = run_with_threads(p, 1);
  for (int threads : {2, 8}) {
    const RunResult other = run_with_threads(p, threads);
    for (std::size_t m = 0; m < daily_count; ++m) CHECK(same_bytes(one.daily[m], other.daily[m]));
    for (std::size_t t = 0; t < team_outcome_count; ++t)
      CHECK(same_bytes(one.team_outcomes[t], other.team_outcomes[t]));
    CHECK(std::memcmp(one.outcomes.data(), other.outcomes.data(), sizeof one.outcomes) == 0);
    CHECK(same_bytes(one.team_trust, other.team_trust));
    REQUIRE(one.snapshots.size() == other.snapshots.size());
    for (std::size_t k = 0; k < one.snapshots.size(); ++k) {
      CHECK(same_bytes(one.snapshots[k].source, other.snapshots[k].source));
      CHECK(same_bytes(one.snapshots[k].trust, other.snapshots[k].trust));
    }
    CHECK(one.trust_updates == other.trust_updates);
  }
}

TEST_CASE("a different seed gives a different run", "[simulation]") {
  Parameters p = test::two_teams(5);
  CHECK(simulate(p, 1).daily[index(Daily::informal_contacts)] !=
        simulate(p, 2).daily[index(Daily::informal_contacts)]);
}

TEST_CASE("a run reports every day and summarises the tail", "[simulation]") {
  Parameters p = test::two_teams(5);
  p.days = 90;
  p.outputs.team_trust_every_days = 10;
  const RunResult r = simulate(p, 3);
  for (const auto& series : r.daily) CHECK(series.size() == 90);
  CHECK(r.team_trust_days == std::vector<int>{0, 10, 20, 30, 40, 50, 60, 70, 80, 89});
  CHECK(r.team_trust.size() == r.team_trust_days.size() * 4);
  CHECK(r.snapshots.size() == 2);
  double tail = 0;
  for (int d = 30; d < 90; ++d) tail += r.daily[index(Daily::trust_between)][std::size_t(d)];
  CHECK(r.outcomes[index(Outcome::trust_between)] == Approx(tail / 60));
  double leavers = 0;
  for (double v : r.daily[index(Daily::leavers)]) leavers += v;
  CHECK(r.outcomes[index(Outcome::leavers)] == leavers);
}

TEST_CASE("a cancelled run stops with Cancelled", "[simulation]") {
  std::atomic<bool> cancel{false};
  RunControl control;
  control.cancel = &cancel;
  control.on_day = [&](int day) {
    if (day == 5) cancel = true;
  };
  CHECK_THROWS_AS(simulate(test::two_teams(3), 1, control), Cancelled);
}

TEST_CASE("a warm-up is simulated before measurement and shifts every timed change",
          "[simulation][warmup]") {
  Parameters p = test::two_teams(5);
  p.days = 60;
  p.warmup_days = 0;
  Parameters warmed = p;
  warmed.warmup_days = 50;
  const RunResult cold = simulate(p, 5), warm = simulate(warmed, 5);
  CHECK(warm.days == 60);
  for (const auto& series : warm.daily) CHECK(series.size() == 60);
  CHECK(warm.snapshots.front().day == 0);
  CHECK(warm.snapshots.back().day == 59);
  // The measured days are not the first days of the world.
  CHECK(warm.daily[index(Daily::informal_contacts)] != cold.daily[index(Daily::informal_contacts)]);
  // Equivalent to a longer cold run measured from its 50th day: the same
  // world, the same draws (addressed by the world's own day).
  Parameters longer = p;
  longer.days = 110;
  const RunResult whole = simulate(longer, 5);
  for (std::size_t d = 0; d < 60; ++d)
    CHECK(warm.daily[index(Daily::trust_between)][d] ==
          whole.daily[index(Daily::trust_between)][d + 50]);
  // A change of regime on measured day 10 happens 50 days into the world.
  warmed.meetings.schedule = {{10, Regime::online, 0.0}};
  longer.meetings.schedule = {{60, Regime::online, 0.0}};
  const RunResult a = simulate(warmed, 5), b = simulate(longer, 5);
  for (std::size_t d = 0; d < 60; ++d)
    CHECK(a.daily[index(Daily::incidents)][d] == b.daily[index(Daily::incidents)][d + 50]);
}

TEST_CASE("a summary-only run has the same outcomes and keeps no series, samples or snapshots",
          "[simulation]") {
  Parameters p = test::two_teams(8);
  p.days = 90;
  const RunResult full = simulate(p, 5);
  RunControl summary;
  summary.summary_only = true;
  int days_reported = 0;
  summary.on_day = [&](int) { ++days_reported; };
  const RunResult only = simulate(p, 5, summary);
  CHECK(std::memcmp(only.outcomes.data(), full.outcomes.data(), sizeof full.outcomes) == 0);
  CHECK(only.team_outcomes == full.team_outcomes);
  CHECK(only.trust_updates == full.trust_updates);
  CHECK(days_reported == p.days);
  for (const auto& series : only.daily) CHECK(series.empty());
  CHECK(only.team_trust_days.empty());
  CHECK(only.team_trust.empty());
  CHECK(only.snapshots.empty());
  CHECK_FALSE(full.snapshots.empty());
}
