// Particles to runs and back: each particle's outcomes are the means of its
// replicates, over those where the outcome is defined.
#include <atomic>
#include <cmath>
#include <memory>

#include <catch2/catch.hpp>

#include "calibrate/particle_runs.hpp"
#include "calibrate_fixtures.hpp"

using namespace trustsim;

TEST_CASE("a particle's outcome is the mean over the replicates that define it",
          "[particle_runs]") {
  const CalibrationDefinition calibration =
      testing::read_calibration_json(testing::calibration_document(testing::small_scenario()));
  const std::vector<ParticleRuns> particles{{{0.1}, {11, 12, 13}}, {{0.2}, {21, 22, 23}}};
  // Replicate r of each particle gives outcome 0 = r, outcome 1 = 10 r but
  // undefined in replicate 1, and outcome 2 undefined everywhere.
  const ComputeRuns compute = [](const std::vector<RunPlan>& plans) {
    std::vector<Outcomes> out;
    for (const RunPlan& plan : plans) {
      Outcomes o{};
      const auto r = static_cast<double>(plan.replicate);
      o[0] = r;
      o[1] = plan.replicate == 1 ? std::nan("") : 10 * r;
      o[2] = std::nan("");
      out.push_back(o);
    }
    return out;
  };
  const std::vector<Outcomes> means = simulate_particles(calibration, particles, compute);
  REQUIRE(means.size() == 2);
  for (const Outcomes& m : means) {
    CHECK(m[0] == 1.0);   // (0 + 1 + 2) / 3
    CHECK(m[1] == 10.0);  // (0 + 20) / 2: replicate 1 left out
    CHECK(std::isnan(m[2]));
    CHECK(m[3] == 0.0);
  }
}

TEST_CASE("a calibration's runs keep only their outcomes", "[particle_runs]") {
  const auto parameters = std::make_shared<const Parameters>();
  std::vector<RunPlan> plans(3);
  for (std::size_t i = 0; i < plans.size(); ++i) {
    plans[i].parameters = parameters;
    plans[i].seed = 100 + i;
  }
  std::atomic<int> full_runs{0};
  const Simulate simulate = [&](const Parameters&, std::uint64_t seed, const RunControl& control) {
    if (!control.summary_only) ++full_runs;
    RunResult result;
    result.outcomes[0] = static_cast<double>(seed);
    return result;
  };
  const std::vector<Outcomes> outcomes = compute_runs_here(plans, simulate, EnsembleOptions{});
  CHECK(full_runs == 0);
  REQUIRE(outcomes.size() == 3);
  for (std::size_t i = 0; i < plans.size(); ++i) CHECK(outcomes[i][0] == 100.0 + i);
}
