// Particles to runs and back: each particle's outcomes are the means of its
// replicates, over those where the outcome is defined.
#include <cmath>

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
