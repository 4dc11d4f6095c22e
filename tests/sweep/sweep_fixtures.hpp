// Shared fixtures for the sweep suites: a small scenario, sweeps built on it
// (inline, so no files are needed), runs of given outcomes, and a way to
// expect a sweep error.
#pragma once

#include <unistd.h>
#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/scenario_error.hpp"
#include "sweep/comparison.hpp"
#include "sweep/sweep_definition.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim::testing {

// Two teams across three organisations, 40 days: a run takes milliseconds.
inline Json small_scenario() {
  return Json::parse(R"({
    "name": "small",
    "days": 40,
    "warmup_days": 0,
    "seed": 3,
    "replicates": 2,
    "system": {"teams": [
      {"name": "frailty", "site": "north", "staff": [
        {"profession": "nurse", "organisation": "community_provider", "count": 3},
        {"profession": "geriatrician", "organisation": "acute_hospital", "count": 1}]},
      {"name": "pharmacy", "site": "south", "staff": [
        {"profession": "pharmacist", "organisation": "primary_care", "count": 2}]}
    ]},
    "outputs": {"network_snapshot_days": [39]}
  })");
}

// A run, for the comparison's tests, whose every outcome is `value`.
inline void add_run(SweepOutcomes& runs, const std::string& variant, std::vector<double> grid,
                    double value) {
  runs.variant.push_back(variant);
  runs.grid_values.push_back(std::move(grid));
  std::array<double, outcome_count> outcomes;
  outcomes.fill(value);
  runs.outcomes.push_back(outcomes);
}

// A sweep over the small scenario with `extra` merged in at the top level.
inline Json small_sweep(const Json& extra = Json::object()) {
  Json sweep = {{"base", small_scenario()}, {"seed", 11}, {"replicates", 2}};
  sweep.update(extra);
  return sweep;
}

inline SweepDefinition read_sweep(const Json& document, const std::string& directory = "") {
  return read_sweep_text(document.dump(), "sweep.json", directory);
}

// The error for `document`; fails the test if the sweep is accepted, whether
// the problem shows when reading the file or when expanding it into runs.
inline ScenarioError sweep_error(const Json& document, const std::string& directory = "") {
  try {
    (void)expand_sweep(read_sweep(document, directory));
  } catch (const ScenarioError& error) {
    return error;
  }
  FAIL("sweep was accepted: " << document.dump());
  throw std::logic_error("unreachable");
}

// A directory of its own under the system's temporary directory, removed
// at the end of the test.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("trustsim-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace trustsim::testing
