// The one entry point of the pure model: parameters and a seed in, results
// out. Parallel inside (oneTBB) with results independent of thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>

#include "model/parameters.hpp"
#include "model/run_result.hpp"

namespace trustsim {

struct RunControl {
  std::function<void(int day)> on_day;  // after each simulated day
  const std::atomic<bool>* cancel = nullptr;
  // Outcomes only: no team trust samples or network snapshots are taken and
  // the daily series are dropped once the outcomes are made from them, for
  // designs of many small runs whose output is the summary (issue 19).
  bool summary_only = false;
};

struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("run cancelled") {}
};

// Throws Cancelled if control.cancel becomes true.
RunResult simulate(const Parameters& parameters, std::uint64_t seed,
                   const RunControl& control = {});

}  // namespace trustsim
