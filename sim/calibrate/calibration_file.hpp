// A calibration file: a base scenario, the parameters to fit with their
// priors, the targets (a targets file, or inline), the method and its
// settings, and the seed. Read and checked key by key with the rules of
// scenario and sweep files ("FILE: /json/pointer: problem", exit 2, nothing
// written): every parameter must be a real-valued scenario setting whose
// whole prior range is valid, and every target's outcome must be one this
// build computes. docs/calibration.md describes the format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/prior.hpp"
#include "calibrate/targets_file.hpp"
#include "scenario/json_value.hpp"

namespace trustsim {

enum class DistanceKind { euclidean, maximum };

// Adaptive population sizes (Klinger & Hasenauer 2017, as pyABC's
// AdaptivePopulationSize): population_size.hpp says how the next size is chosen.
struct AdaptivePopulationSize {
  int initial = 100;  // population 0's size
  int min = 10;       // every size is within [min, max]
  int max = 100000;
  double mean_cv = 0.05;  // target: mean coefficient of variation of the proposal density
  int bootstraps = 10;    // bootstrap samples per trial size
};

// ABC-SMC (Beaumont, Cornuet, Marin & Robert 2009; Del Moral, Doucet &
// Jasra 2012): abc_smc.hpp says what each setting does.
struct AbcSmcSettings {
  int population_size = 100;  // with adaptive sizes: the first population's (= initial)
  std::optional<AdaptivePopulationSize>
      adaptive_size;                // none: every population has population_size
  int replicates = 2;               // runs per particle; its outcomes are their means
  double tolerance_quantile = 0.5;  // next tolerance: this quantile of the last distances
  DistanceKind distance = DistanceKind::euclidean;
  int max_populations = 10;           // stop after this many
  double min_tolerance = 0.0;         // stop once a population's tolerance is at most this
  double min_acceptance_rate = 0.01;  // stop when a population accepts fewer than this
  int predictive_draws = 100;         // posterior predictive runs, drawn by weight
};

struct CalibrationDefinition {
  std::string source;      // the calibration file as named on the command line
  std::string given_text;  // its bytes, for provenance
  std::string name;
  std::string description;
  std::string base_source;  // the base scenario's file ("" when inline)
  Json base_document;       // as parsed, before any override
  std::vector<Prior> priors;
  TargetsFile targets;
  std::vector<std::size_t> target_outcomes;  // per target, its index in outcome_info
  AbcSmcSettings method;
  std::uint64_t seed = 1;
  // Everything that decides the result, every default filled in: the
  // output's `calibration_resolved`, and what the fingerprint hashes.
  std::string resolved_json;
  std::uint64_t fingerprint = 0;
};

const std::vector<std::string>& distance_kind_names();  // "euclidean", "max"

// Throws ScenarioError for any problem with the calibration file, its base
// scenario or its targets file.
CalibrationDefinition read_calibration_file(const std::string& path);
CalibrationDefinition read_calibration_text(const std::string& text, const std::string& source,
                                            const std::string& directory);

// A calibration file names its targets; a sweep or a scenario never does.
bool is_calibration_document(const Json& document);

}  // namespace trustsim
