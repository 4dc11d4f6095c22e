// Shared by the stylised-fact tests: the default scenario, replicated runs
// with fixed seeds, and a Welch comparison whose tolerance comes from the
// spread of the replicates rather than from a fixed margin.
#pragma once

#include <tbb/parallel_for.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "model/simulation.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim::stylised {

// The stylised facts are claims about the default parameters.
inline Parameters baseline() {
  return read_scenario_file(TRUSTSIM_SCENARIO_DIR "/baseline.json").settings.parameters;
}

inline std::vector<RunResult> replicate(const Parameters& p, int replicates) {
  std::vector<RunResult> runs(static_cast<std::size_t>(replicates));
  tbb::parallel_for(0, replicates, [&](int r) {
    runs[static_cast<std::size_t>(r)] = simulate(p, 1000 + static_cast<std::uint64_t>(r));
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

// Welch's t statistic for mean(higher) - mean(lower).
inline double welch_t(const Sample& higher, const Sample& lower) {
  return (higher.mean - lower.mean) /
         std::sqrt(higher.variance / static_cast<double>(higher.n) +
                   lower.variance / static_cast<double>(lower.n));
}

// At t = 3 a difference in the wrong direction, or no difference, passes with
// probability below 0.2% (one-sided, df > 40).
inline constexpr double required_t = 3.0;

inline void require_higher(const std::string& what, const std::vector<double>& higher,
                           const std::vector<double>& lower) {
  const Sample h = sample(higher), l = sample(lower);
  const double t = welch_t(h, l);
  INFO(what << ": " << h.mean << " vs " << l.mean << " (n " << h.n << ", " << l.n
            << "), Welch t = " << t);
  CHECK(t > required_t);
}

}  // namespace trustsim::stylised
