// Expanding a sweep into runs: the right runs, in a documented order, each
// with the seed of its coordinates and its resolved parameters; adding a
// variant changes nothing about the runs that were there.
#include <catch2/catch.hpp>

#include <cstring>
#include <map>
#include <tuple>

#include "model/simulation.hpp"
#include "sweep/coordinate_seed.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::testing;

namespace {

const Json two_variants = {{"online", {{"meetings.regime", "online"}}},
                           {"facilitators", {{"interventions.facilitators.enabled", true}}}};

// A run's coordinates: variant, design point, replicate.
using Coordinates = std::tuple<std::string, std::vector<double>, std::int64_t>;

std::map<Coordinates, const RunPlan*> by_coordinates(const SweepPlan& plan) {
  std::map<Coordinates, const RunPlan*> runs;
  for (const auto& run : plan.runs) runs[{run.variant, run.swept_values, run.replicate}] = &run;
  return runs;
}

}  // namespace

TEST_CASE("variants x replicates: runs in order, seeds from coordinates", "[sweep_plan]") {
  const auto sweep = read_sweep(small_sweep({{"variants", two_variants}, {"replicates", 3}}));
  const SweepPlan plan = expand_sweep(sweep);
  REQUIRE(plan.runs.size() == 9);  // baseline, facilitators, online (sorted by dump) x 3
  CHECK(plan.variant_names.front() == "baseline");
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const RunPlan& run = plan.runs[i];
    CHECK(run.run_id == static_cast<std::int64_t>(i));
    CHECK(run.variant == plan.variant_names[i / 3]);
    CHECK(run.replicate == static_cast<std::int64_t>(i % 3));
    CHECK(run.seed == coordinate_seed(11, run.variant, {}, {}, static_cast<std::uint64_t>(i % 3)));
    CHECK(run.swept_values.empty());
  }
  // Each variant's overrides reach its parameters, and only its own.
  CHECK(plan.runs[0].parameters->meetings.regime == Regime::hybrid);
  const auto online = by_coordinates(plan).at({"online", {}, 0});
  CHECK(online->parameters->meetings.regime == Regime::online);
  CHECK_FALSE(online->parameters->interventions.facilitators.enabled);
  CHECK(by_coordinates(plan)
            .at({"facilitators", {}, 2})
            ->parameters->interventions.facilitators.enabled);
  // Replicates share one parameter set.
  CHECK(plan.runs[0].parameters == plan.runs[1].parameters);
  // The resolved scenario of a run records the sweep's seed and replicates.
  const Json resolved = Json::parse(*plan.runs[0].parameters_json);
  CHECK(resolved.at("seed") == 11);
  CHECK(resolved.at("replicates") == 3);
}

TEST_CASE("grid x variants x replicates: design point outermost", "[sweep_plan]") {
  const auto sweep = read_sweep(small_sweep(Json::parse(R"({
    "variants": {"online": {"meetings.regime": "online"}},
    "grid": {"meetings.face_to_face_fraction": [0.2, 0.6], "trust.half_life_days": [60, 120]}})")));
  const SweepPlan plan = expand_sweep(sweep);
  CHECK(plan.swept_keys ==
        std::vector<std::string>{"meetings.face_to_face_fraction", "trust.half_life_days"});
  CHECK(plan.grid_key_count == 2);
  REQUIRE(plan.runs.size() == 4 * 2 * 2);
  const RunPlan& run = plan.runs[7];  // point 1 (of 4), online (of 2), replicate 1 (of 2)
  CHECK(run.swept_values == std::vector<double>{0.2, 120});
  CHECK(run.variant == "online");
  CHECK(run.replicate == 1);
  CHECK(run.parameters->trust.half_life_days == 120);
  CHECK(run.parameters->meetings.face_to_face_fraction == 0.2);
  CHECK(run.seed == coordinate_seed(11, "online", plan.swept_keys, run.swept_values, 1));
}

TEST_CASE("sampled integer keys are rounded in the run's parameters", "[sweep_plan]") {
  const auto sweep = read_sweep(small_sweep(
      {{"sample",
        {{"count", 6},
         {"parameters",
          {{"staff.vacancy_days", {10, 90}}, {"trust.informal_gain", {0.05, 0.2}}}}}}}));
  const SweepPlan plan = expand_sweep(sweep);
  CHECK(plan.grid_key_count == 0);
  REQUIRE(plan.runs.size() == 6 * 2);
  for (const auto& run : plan.runs) {
    CHECK(run.parameters->staff.vacancy_days == static_cast<int>(run.swept_values[0]));
    CHECK(run.parameters->trust.informal_gain == run.swept_values[1]);
    CHECK(run.swept_values[1] >= 0.05);
    CHECK(run.swept_values[1] <= 0.2);
  }
}

TEST_CASE("adding a variant leaves every other run's seed and parameters as they were",
          "[sweep_plan]") {
  const Json grid = {{"meetings.face_to_face_fraction", {0.2, 0.6}}};
  const SweepPlan before =
      expand_sweep(read_sweep(small_sweep({{"variants", two_variants}, {"grid", grid}})));
  Json more = two_variants;
  more["difficult"] = {{"interventions.difficult_conversations.enabled", true}};
  const SweepPlan after =
      expand_sweep(read_sweep(small_sweep({{"variants", more}, {"grid", grid}})));
  CHECK(after.runs.size() == before.runs.size() + 4);
  CHECK(after.fingerprint != before.fingerprint);
  const auto old_runs = by_coordinates(before);
  const auto new_runs = by_coordinates(after);
  for (const auto& [coordinates, run] : old_runs) {
    const RunPlan* same = new_runs.at(coordinates);
    CHECK(same->seed == run->seed);
    CHECK(*same->parameters_json == *run->parameters_json);
  }
}

TEST_CASE("adding a variant leaves the other runs' results unchanged", "[sweep_plan]") {
  const SweepPlan before = expand_sweep(read_sweep(small_sweep({{"replicates", 1}})));
  const SweepPlan after =
      expand_sweep(read_sweep(small_sweep({{"replicates", 1}, {"variants", two_variants}})));
  const RunPlan& old_run = before.runs.at(0);
  const RunPlan* new_run = by_coordinates(after).at({"baseline", {}, 0});
  const RunResult a = simulate(*old_run.parameters, old_run.seed);
  const RunResult b = simulate(*new_run->parameters, new_run->seed);
  // Bit for bit: an outcome may be NaN (undefined in so short a run).
  CHECK(std::memcmp(a.outcomes.data(), b.outcomes.data(), sizeof a.outcomes) == 0);
  CHECK(a.daily == b.daily);
  CHECK(a.team_trust == b.team_trust);
}

TEST_CASE("the fingerprint is stable and tracks the plan", "[sweep_plan]") {
  const auto a = expand_sweep(read_sweep(small_sweep({{"variants", two_variants}})));
  const auto b = expand_sweep(read_sweep(small_sweep({{"variants", two_variants}})));
  CHECK(a.fingerprint == b.fingerprint);
  CHECK(fingerprint_text(a.fingerprint).size() == 16);
  const auto reseeded =
      expand_sweep(read_sweep(small_sweep({{"variants", two_variants}, {"seed", 12}})));
  CHECK(reseeded.fingerprint != a.fingerprint);
  Json changed = two_variants;
  changed["online"]["meetings.face_to_face_fraction"] = 0.3;
  const auto edited = expand_sweep(read_sweep(small_sweep({{"variants", changed}})));
  CHECK(edited.fingerprint != a.fingerprint);
}

TEST_CASE("common random numbers: every variant's replicate r has the baseline's seed",
          "[sweep_plan]") {
  const SweepPlan plain = expand_sweep(read_sweep(small_sweep({{"variants", two_variants}})));
  const SweepPlan paired = expand_sweep(
      read_sweep(small_sweep({{"variants", two_variants}, {"common_random_numbers", true}})));
  REQUIRE(paired.runs.size() == plain.runs.size());
  for (std::size_t i = 0; i < paired.runs.size(); ++i) {
    const RunPlan& run = paired.runs[i];
    // Baseline seeds are as without the option; the others take them.
    CHECK(run.seed == plain.runs[i % 2].seed);
    if (run.variant == "baseline") CHECK(run.seed == plain.runs[i].seed);
  }
  CHECK(plain.runs[2].seed != plain.runs[0].seed);  // the default is unchanged
  CHECK(paired.fingerprint != plain.fingerprint);
}

TEST_CASE("a sensitivity design gives every design point the same seeds", "[sweep_plan]") {
  const SweepPlan plan = expand_sweep(
      read_sweep(small_sweep({{"sample",
                               {{"method", "morris"},
                                {"trajectories", 3},
                                {"parameters", {{"trust.informal_gain", {0.05, 0.2}}}}}}})));
  REQUIRE(plan.sensitivity);
  REQUIRE(plan.runs.size() == 3 * 2 * 2);  // r (k + 1) points x 2 replicates
  for (const auto& run : plan.runs)
    CHECK(run.seed == plan.runs[static_cast<std::size_t>(run.replicate)].seed);
  CHECK(plan.runs[0].seed != plan.runs[1].seed);
}

TEST_CASE("a run's plan: one variant's replicates, seeded as a sweep's, fingerprinted whole",
          "[sweep_plan]") {
  const auto parameters = std::make_shared<const Parameters>();
  auto plan_of = [&](std::uint64_t seed, const std::string& variant, const std::string& json,
                     bool summary_only) {
    return one_variant_plan(parameters, json, seed, variant, 3, summary_only);
  };
  const SweepPlan plan = plan_of(17, "baseline", "{}", false);
  REQUIRE(plan.runs.size() == 3);
  CHECK(plan.swept_keys.empty());
  CHECK(plan.variant_names == std::vector<std::string>{"baseline"});
  CHECK(plan.resolved_json == "{}");
  // A sweep without grid or sample gives its variants the seeds `run` gives.
  const SweepPlan sweep = expand_sweep(read_sweep(small_sweep({{"seed", 17}, {"replicates", 3}})));
  for (std::size_t r = 0; r < 3; ++r) {
    CHECK(plan.runs[r].run_id == static_cast<std::int64_t>(r));
    CHECK(plan.runs[r].replicate == static_cast<std::int64_t>(r));
    CHECK(*plan.runs[r].parameters_json == "{}");
    CHECK(plan.runs[r].seed == sweep.runs[r].seed);
  }
  CHECK(plan_of(17, "baseline", "{}", false).fingerprint == plan.fingerprint);
  CHECK(plan_of(18, "baseline", "{}", false).fingerprint != plan.fingerprint);
  CHECK(plan_of(17, "online", "{}", false).fingerprint != plan.fingerprint);
  CHECK(plan_of(17, "baseline", "{\"days\": 9}", false).fingerprint != plan.fingerprint);
  CHECK(plan_of(17, "baseline", "{}", true).fingerprint != plan.fingerprint);
}
