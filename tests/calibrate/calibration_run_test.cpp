// A whole calibration on the real model and runner: the same result for
// any thread count, committed populations read back exactly, and a
// calibration continued from its committed populations equal to one that
// ran straight through.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include <catch2/catch.hpp>

#include "calibrate/calibration_run.hpp"
#include "calibrate_fixtures.hpp"
#include "io/output_file.hpp"
#include "model/simulation.hpp"
#include "sweep/sweep_plan.hpp"

using namespace trustsim;
using testing::ScratchDirectory;

namespace {

CalibrationDefinition short_calibration() {
  Json document = testing::calibration_document(testing::small_scenario(60));
  document["parameters"]["staff.base_leave_per_day"] = {{"prior", "log_uniform"},
                                                        {"range", {1e-4, 1e-2}}};
  document["targets"]["targets"]["leaving"] = {
      {"outcome", "leavers"}, {"observed", 1.0}, {"sd", 1.0}, {"source", "the test"}};
  document["method"] = {
      {"population_size", 16}, {"replicates", 2}, {"max_populations", 3}, {"predictive_draws", 8}};
  return testing::read_calibration_json(document);
}

// The same with adaptive population sizes, and a target CV that needs a
// different size after each population: more than the first 16, at most 40.
CalibrationDefinition adaptive_calibration() {
  Json document = testing::calibration_document(testing::small_scenario(60));
  document["parameters"]["staff.base_leave_per_day"] = {{"prior", "log_uniform"},
                                                        {"range", {1e-4, 1e-2}}};
  document["targets"]["targets"]["leaving"] = {
      {"outcome", "leavers"}, {"observed", 1.0}, {"sd", 1.0}, {"source", "the test"}};
  document["method"] = {
      {"population_size",
       {{"adaptive", {{"initial", 16}, {"min", 8}, {"max", 40}, {"mean_cv", 0.1}}}}},
      {"replicates", 2},
      {"max_populations", 3},
      {"predictive_draws", 8}};
  return testing::read_calibration_json(document);
}

PartsManifest manifest_for(const CalibrationDefinition& c) {
  return {fingerprint_text(c.fingerprint), c.method.max_populations, "test", "test", "test.json"};
}

CalibrationResult calibrate(const CalibrationDefinition& c, const std::filesystem::path& output,
                            int threads, PartsMode mode = PartsMode::fresh) {
  PopulationStore store(output, manifest_for(c), mode, c.priors.size());
  CalibrationRunOptions options;
  options.threads = threads;
  return run_calibration(c, store, &trustsim::simulate, options);
}

// Bit for bit, so that an undefined outcome (NaN: a team emptied by
// leavers has no pairs to average) counts as equal to itself.
bool same_bits(const Outcomes& a, const Outcomes& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
    return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
  });
}

void require_same(const CalibrationResult& a, const CalibrationResult& b) {
  REQUIRE(a.populations.size() == b.populations.size());
  CHECK(a.stop_reason == b.stop_reason);
  for (std::size_t t = 0; t < a.populations.size(); ++t) {
    const Population& p = a.populations[t];
    const Population& q = b.populations[t];
    INFO("population " << t);
    CHECK(p.tolerance == q.tolerance);
    CHECK(p.attempts == q.attempts);
    CHECK(p.simulations == q.simulations);
    CHECK(p.next_size == q.next_size);
    CHECK(std::bit_cast<std::uint64_t>(p.mean_cv) == std::bit_cast<std::uint64_t>(q.mean_cv));
    REQUIRE(p.particles.size() == q.particles.size());
    for (std::size_t i = 0; i < p.particles.size(); ++i) {
      CHECK(p.particles[i].internal == q.particles[i].internal);
      CHECK(p.particles[i].weight == q.particles[i].weight);
      CHECK(p.particles[i].distance == q.particles[i].distance);
      CHECK(same_bits(p.particles[i].outcomes, q.particles[i].outcomes));
      CHECK(p.particles[i].attempt == q.particles[i].attempt);
    }
  }
  REQUIRE(a.predictive.size() == b.predictive.size());
  for (std::size_t d = 0; d < a.predictive.size(); ++d) {
    CHECK(a.predictive[d].particle == b.predictive[d].particle);
    CHECK(a.predictive[d].seed == b.predictive[d].seed);
    CHECK(same_bits(a.predictive[d].outcomes, b.predictive[d].outcomes));
  }
}

}  // namespace

TEST_CASE("a calibration gives the same result on 1 and 2 threads", "[calibration_run]") {
  ScratchDirectory scratch("threads");
  const CalibrationDefinition c = short_calibration();
  const CalibrationResult one = calibrate(c, scratch.path / "one.h5", 1);
  const CalibrationResult two = calibrate(c, scratch.path / "two.h5", 2);
  CHECK(one.populations.size() == 3);
  CHECK(one.predictive.size() == 8);
  require_same(one, two);
}

TEST_CASE("populations are committed and read back exactly", "[calibration_run]") {
  ScratchDirectory scratch("commit");
  const CalibrationDefinition c = short_calibration();
  const auto output = scratch.path / "out.h5";
  const CalibrationResult result = calibrate(c, output, 2);
  const PopulationStore store(output, manifest_for(c), PartsMode::resume, c.priors.size());
  const std::vector<Population> read = store.committed();
  CalibrationResult again = result;
  again.populations = read;
  require_same(result, again);
}

TEST_CASE("continuing from committed populations gives the uninterrupted result",
          "[calibration_run]") {
  ScratchDirectory scratch("continue");
  const CalibrationDefinition c = short_calibration();
  const CalibrationResult straight = calibrate(c, scratch.path / "straight.h5", 2);
  // As if killed during population 2: only populations 0 and 1 committed.
  const auto resumed_output = scratch.path / "resumed.h5";
  {
    const PopulationStore store(resumed_output, manifest_for(c), PartsMode::fresh, c.priors.size());
    store.commit(straight.populations[0]);
    store.commit(straight.populations[1]);
  }
  const CalibrationResult resumed = calibrate(c, resumed_output, 1, PartsMode::resume);
  CHECK(resumed.resumed_populations == 2);
  require_same(straight, resumed);
}

TEST_CASE("a committed population of another calibration is refused", "[calibration_run]") {
  ScratchDirectory scratch("foreign");
  const CalibrationDefinition c = short_calibration();
  const auto output = scratch.path / "out.h5";
  (void)calibrate(c, output, 2);
  const PartsManifest other{"0123456789abcdef", 3, "test", "test", "x.json"};
  auto open_other = [&] {
    PopulationStore store(output, other, PartsMode::resume, c.priors.size());
  };
  CHECK_THROWS_AS(open_other(), FileError);
}

TEST_CASE("adaptive population sizes give the same result on 1 and 2 threads and after a resume",
          "[calibration_run]") {
  ScratchDirectory scratch("adaptive");
  const CalibrationDefinition c = adaptive_calibration();
  const CalibrationResult one = calibrate(c, scratch.path / "one.h5", 1);
  REQUIRE(one.populations.size() == 3);
  CHECK(one.populations[0].particles.size() == 16);
  for (std::size_t t = 0; t < one.populations.size(); ++t) {
    const Population& p = one.populations[t];
    INFO("population " << t);
    CHECK(p.next_size >= 8);
    CHECK(p.next_size <= 40);
    CHECK(std::isfinite(p.mean_cv));
    if (t > 0)  // each population has the size chosen after the last
      CHECK(static_cast<std::int64_t>(p.particles.size()) == one.populations[t - 1].next_size);
  }
  // A CV target of 0.1 needs more than 16 particles here: the size changes.
  CHECK(one.populations[1].particles.size() != 16);
  const CalibrationResult two = calibrate(c, scratch.path / "two.h5", 2);
  require_same(one, two);
  // As if killed during population 2: populations 0 and 1 committed, with
  // the size chosen for population 2.
  const auto resumed_output = scratch.path / "resumed.h5";
  {
    const PopulationStore store(resumed_output, manifest_for(c), PartsMode::fresh, c.priors.size());
    store.commit(one.populations[0]);
    store.commit(one.populations[1]);
    const std::vector<Population> read = store.committed();
    REQUIRE(read.size() == 2);
    CHECK(read[1].next_size == one.populations[1].next_size);
    CHECK(read[1].mean_cv == one.populations[1].mean_cv);
  }
  const CalibrationResult resumed = calibrate(c, resumed_output, 2, PartsMode::resume);
  CHECK(resumed.resumed_populations == 2);
  require_same(one, resumed);
}
