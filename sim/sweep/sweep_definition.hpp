// A sweep file: a base scenario, named variants (sets of overrides), an
// optional full-factorial grid and an optional sampled design over scenario
// keys, and the number of replicates. Read and checked here, key by key,
// with the same error rules as a scenario ("FILE: /json/pointer: problem",
// exit 2); whether each override fits the scenario schema is checked when
// the sweep is expanded into runs (sweep_plan.hpp), where the resolved
// scenario of every variant and design point is validated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/json_value.hpp"
#include "scenario/overrides.hpp"
#include "sweep/latin_hypercube.hpp"
#include "sweep/posterior_draw.hpp"

namespace trustsim {

inline constexpr const char* baseline_variant = "baseline";
// Enough for any laptop, workstation or cluster sweep; a larger count is a
// typo (a grid or sample far bigger than meant), caught before expanding.
inline constexpr long long max_sweep_runs = 10'000'000;
// Each distinct scenario (a design point under a variant) is validated and
// kept whole, about 6 kB and 0.2 ms each: 9 million of them, within the run
// limit, took 90 s and 4 GB before failing to allocate. Replicates share
// their scenario, so this bounds the expansion, not the size of a study.
inline constexpr long long max_sweep_scenarios = 100'000;

struct Variant {
  std::string name;
  std::string pointer;  // in the sweep file: "/variants/NAME"
  std::vector<Override> overrides;
};

// One key of the grid and the values it takes.
struct GridAxis {
  std::string key;      // dotted scenario key
  std::string pointer;  // "/grid/KEY"
  std::vector<Json> values;
};

// A sampled design: a Latin hypercube of `count` points; a Morris screening
// of `trajectories` one-at-a-time paths over `levels` levels, r (k + 1)
// points; or a Saltelli design for Sobol' indices, `count` (N) rows of
// k + 2 points. Morris and Sobol' samples give the /sensitivity table.
struct SampleDesign {
  std::string method = "latin_hypercube";
  int count = 0;         // latin_hypercube, sobol
  int trajectories = 0;  // morris
  int levels = 4;        // morris
  std::vector<SampledRange> ranges;
  std::vector<std::string> pointers;  // "/sample/parameters/KEY", one per range

  bool is_sensitivity() const { return method != "latin_hypercube"; }
  // How many design points it makes (before crossing with a grid).
  long long point_count() const;
};

struct SweepDefinition {
  std::string source;      // the sweep file as named on the command line
  std::string given_text;  // its bytes, for provenance
  std::string name;
  std::string description;
  // The base scenario: the file it came from ("" when inline in the sweep)
  // and its document as parsed, before any override.
  std::string base_source;
  Json base_document;
  std::vector<Variant> variants;  // `baseline` first unless the file places it
  std::vector<GridAxis> grid;     // in file order; the first varies slowest
  std::optional<SampleDesign> sample;
  int replicates = 1;
  std::uint64_t seed = 1;
  // Replicate r of every variant uses the same seed (the baseline's), so
  // the comparison can pair runs (comparison.hpp). Off by default.
  bool common_random_numbers = false;
  // `measure_from`: "measure_from_day" (the default: every run measured from
  // its scenario's outputs.measure_from_day) or "first_intervention": each
  // variant measured from the start day of its first enabled intervention,
  // and a variant without one from the earliest such start (sweep_plan).
  bool measure_from_first_intervention = false;
  // `parameters_from`: a calibration's posterior; each replicate r of every
  // variant and design point runs under the particle drawn for r
  // (posterior_draw.hpp). Its keys are set by no variant, grid or sample.
  std::optional<Posterior> posterior;
};

// A sweep file names its base scenario; a scenario never has a `base`.
bool is_sweep_document(const Json& document);

// Throws ScenarioError for any problem with the sweep file or its base
// scenario (named as the file, or the sweep file and /base when inline).
SweepDefinition read_sweep_file(const std::string& path);

// The same from text in memory; `directory` resolves a relative base path.
SweepDefinition read_sweep_text(const std::string& text, const std::string& source,
                                const std::string& directory);

}  // namespace trustsim
