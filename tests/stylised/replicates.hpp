// Shared by the stylised-fact tests: the default scenario and five
// plausible alternatives to it, replicated runs with fixed seeds, and a
// comparison whose tolerance comes from the spread of the replicates rather
// than from a fixed margin: paired t where both arms ran with the same
// seeds (every require_*_everywhere), Welch's t otherwise.
//
// Every fact changes a cause and measures an effect downstream of it, never
// a term of the measured outcome (issue 12), and must hold at the defaults
// and at each of five points of a Latin hypercube over the uncertain
// parameters, each within the range docs/ODD.md gives as plausible.
#pragma once

#include <tbb/parallel_for.h>

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "model/simulation.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim::stylised {

inline Parameters baseline() {
  return read_scenario_file(TRUSTSIM_SCENARIO_DIR "/baseline.json").settings.parameters;
}

// Five points of a Latin hypercube (drawn once, numpy default_rng(12),
// written down so that the suite does not depend on a sampler) over:
// trust.informal_gain [0.05, 0.15], trust.half_life_days [60, 180],
// work.on_site_share [0.3, 0.8], issues.raise_threshold [0.38, 0.52],
// issues.per_person_per_day [0.1, 0.2], staff.hero_absorb_probability
// [0.4, 0.9], time.routine_hours [5.2, 6.0],
// issues.incident_hazard_per_day [0.001, 0.004]; and, for the team
// climate and rituals, three more columns (scipy.stats.qmc.LatinHypercube,
// seed 13): climate.raise_shift [0.1, 0.3], climate.blame_loss [0.05,
// 0.2], rituals.climate_gain [0.01, 0.05]. Two of the columns are now
// calibrated in the baseline; their points lie inside the posterior's 90%
// intervals (informal_gain 0.061-0.37, raise_threshold 0.21-0.50), point 5's
// raise_threshold (0.503) just above.
inline constexpr std::array<std::array<double, 11>, 5> hypercube{{
    {0.0738, 153, 0.447, 0.382, 0.153, 0.714, 5.32, 0.00113, 0.225, 0.0843, 0.0115},
    {0.0936, 156, 0.593, 0.49, 0.116, 0.56, 5.78, 0.00277, 0.29, 0.168, 0.0184},
    {0.117, 73, 0.626, 0.454, 0.164, 0.842, 5.95, 0.00397, 0.195, 0.0799, 0.0427},
    {0.135, 111, 0.719, 0.432, 0.183, 0.432, 5.61, 0.00309, 0.101, 0.191, 0.0355},
    {0.0634, 90.2, 0.367, 0.503, 0.135, 0.617, 5.45, 0.00208, 0.177, 0.127, 0.0275},
}};

struct PlausibleWorld {
  std::string name;
  Parameters p;
};

// The defaults, then the five hypercube points.
inline std::vector<PlausibleWorld> plausible_worlds() {
  std::vector<PlausibleWorld> worlds{{"defaults", baseline()}};
  for (std::size_t k = 0; k < hypercube.size(); ++k) {
    const auto& x = hypercube[k];
    Parameters p = baseline();
    p.trust.informal_gain = x[0];
    p.trust.half_life_days = x[1];
    p.work.on_site_share = x[2];
    p.issues.raise_threshold = x[3];
    p.issues.per_person_per_day = x[4];
    p.staff.hero_absorb_probability = x[5];
    p.time.routine_hours = x[6];
    p.issues.incident_hazard_per_day = x[7];
    p.climate.raise_shift = x[8];
    p.climate.blame_loss = x[9];
    p.rituals.climate_gain = x[10];
    worlds.push_back({"hypercube point " + std::to_string(k + 1), p});
  }
  return worlds;
}

// The seed of replicate 0 (then 1, 2, ...): 1000, or TRUSTSIM_STYLISED_FIRST_SEED
// to audit whether a fact holds by the luck of its seeds (docs/calibration.md).
inline std::uint64_t first_seed() {
  static const std::uint64_t seed = [] {
    const char* given = std::getenv("TRUSTSIM_STYLISED_FIRST_SEED");
    return given ? std::stoull(given) : std::uint64_t{1000};
  }();
  return seed;
}

inline std::vector<RunResult> replicate(const Parameters& p, int replicates) {
  std::vector<RunResult> runs(static_cast<std::size_t>(replicates));
  tbb::parallel_for(0, replicates, [&](int r) {
    runs[static_cast<std::size_t>(r)] = simulate(p, first_seed() + static_cast<std::uint64_t>(r));
  });
  return runs;
}

struct Sample {
  double mean = 0, variance = 0;
  std::size_t n = 0;
};

inline Sample sample(const std::vector<double>& values) {
  Sample s;
  s.n = values.size();
  for (double v : values) s.mean += v;
  s.mean /= static_cast<double>(s.n);
  for (double v : values) s.variance += (v - s.mean) * (v - s.mean);
  s.variance /= static_cast<double>(s.n - 1);
  return s;
}

inline std::vector<double> outcome(const std::vector<RunResult>& runs, Outcome o) {
  std::vector<double> values;
  for (const auto& r : runs) values.push_back(r.outcomes[index(o)]);
  return values;
}

inline std::vector<double> measured(const std::vector<RunResult>& runs,
                                    const std::function<double(const RunResult&)>& measure) {
  std::vector<double> values;
  for (const auto& r : runs) values.push_back(measure(r));
  return values;
}

// Welch's t statistic for mean(higher) - mean(lower).
inline double welch_t(const Sample& higher, const Sample& lower) {
  return (higher.mean - lower.mean) / std::sqrt(higher.variance / static_cast<double>(higher.n) +
                                                lower.variance / static_cast<double>(lower.n));
}

// At t = 3 a difference in the wrong direction, or no difference, passes with
// probability below 0.3% (one-sided, df > 30).
inline constexpr double required_t = 3.0;

// Checks, and prints for the record (the report quotes these lines).
inline void require_higher(const std::string& what, const std::vector<double>& higher,
                           const std::vector<double>& lower) {
  const Sample h = sample(higher), l = sample(lower);
  const double t = welch_t(h, l);
  std::printf("stylised: %s: %.5g vs %.5g (n %zu, %zu), effect %+.4g, Welch t = %.2f\n",
              what.c_str(), h.mean, l.mean, h.n, l.n, h.mean - l.mean, t);
  INFO(what << ": " << h.mean << " vs " << l.mean << " (n " << h.n << ", " << l.n
            << "), Welch t = " << t);
  CHECK(t > required_t);
}

// The same check on paired replicates: the two arms ran with the same seeds
// (replicate r of each has seed first_seed() + r), so replicate r's difference
// removes the noise the arms share until they diverge. t of the mean
// difference over its standard error.
inline void require_higher_paired(const std::string& what, const std::vector<double>& higher,
                                  const std::vector<double>& lower) {
  REQUIRE(higher.size() == lower.size());
  std::vector<double> differences;
  for (std::size_t r = 0; r < higher.size(); ++r) differences.push_back(higher[r] - lower[r]);
  const Sample d = sample(differences);
  const double t = d.mean / std::sqrt(d.variance / static_cast<double>(d.n));
  std::printf(
      "stylised: %s: %.5g vs %.5g (n %zu pairs), effect %+.4g, paired t = %.2f (Welch t %.2f)\n",
      what.c_str(), sample(higher).mean, sample(lower).mean, d.n, d.mean, t,
      welch_t(sample(higher), sample(lower)));
  INFO(what << ": mean paired difference " << d.mean << " over " << d.n << " pairs, t = " << t);
  CHECK(t > required_t);
}

// A fact at the defaults and at every hypercube point: `cause_high` and
// `cause_low` set the cause; `measure` reads the effect, expected higher
// under cause_high.
inline void require_everywhere(const std::string& what,
                               const std::function<void(Parameters&)>& cause_high,
                               const std::function<void(Parameters&)>& cause_low,
                               const std::function<double(const RunResult&)>& measure,
                               int replicates) {
  for (const auto& world : plausible_worlds()) {
    Parameters high = world.p, low = world.p;
    cause_high(high);
    cause_low(low);
    require_higher_paired(what + " (" + world.name + ")",
                          measured(replicate(high, replicates), measure),
                          measured(replicate(low, replicates), measure));
  }
}

// One cause, several effects, each at the defaults and at every hypercube
// point: both arms run once per world and every effect is read from the
// same runs. An effect expected lower under cause_high has `lower` set.
struct Effect {
  std::string what;
  std::function<double(const RunResult&)> measure;
  bool lower = false;
};

inline void require_effects_everywhere(const std::vector<Effect>& effects,
                                       const std::function<void(Parameters&)>& cause_high,
                                       const std::function<void(Parameters&)>& cause_low,
                                       int replicates) {
  for (const auto& world : plausible_worlds()) {
    Parameters high = world.p, low = world.p;
    cause_high(high);
    cause_low(low);
    const auto high_runs = replicate(high, replicates), low_runs = replicate(low, replicates);
    for (const auto& effect : effects) {
      const auto h = measured(high_runs, effect.measure), l = measured(low_runs, effect.measure);
      require_higher_paired(effect.what + " (" + world.name + ")", effect.lower ? l : h,
                            effect.lower ? h : l);
    }
  }
}

// Several causes, each a fact at the defaults and at every hypercube point
// against the same reference (the world as it is, or as `set_reference`
// makes it): the reference arm runs once per world, not once per cause. A
// cause starts from the world, not from the reference.
inline void require_each_everywhere(
    const std::vector<std::pair<std::string, std::function<void(Parameters&)>>>& causes,
    const std::string& reference, const std::function<double(const RunResult&)>& measure,
    int replicates, const std::function<void(Parameters&)>& set_reference = [](Parameters&) {}) {
  for (const auto& world : plausible_worlds()) {
    Parameters reference_world = world.p;
    set_reference(reference_world);
    const auto without = measured(replicate(reference_world, replicates), measure);
    for (const auto& [what, cause] : causes) {
      Parameters with = world.p;
      cause(with);
      require_higher_paired(what + " over " + reference + " (" + world.name + ")",
                            measured(replicate(with, replicates), measure), without);
    }
  }
}

// The mean over teams of each team's psychological safety (its mean over
// the measured days).
inline double mean_psychological_safety(const RunResult& r) {
  const auto& safety = r.team_outcomes[index(TeamOutcome::psychological_safety)];
  double sum = 0;
  for (double v : safety) sum += v;
  return sum / static_cast<double>(safety.size());
}

inline std::function<double(const RunResult&)> outcome_of(Outcome o) {
  return [o](const RunResult& r) { return r.outcomes[index(o)]; };
}

}  // namespace trustsim::stylised
