// The world the kernel benchmarks work on: scenarios/ics_large.json cut to
// 16 localities (4,000 staff, 128 teams) and stepped through a simulated
// year, so that trust rows, workarounds and open issues have the sizes they
// have in a real run rather than those of day 0.
#pragma once

#include <cstdint>

#include "model/day.hpp"
#include "model/observation.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim::bench {

inline constexpr int warm_up_days = 260;
inline constexpr int bench_localities = 16;

inline const World& warmed_world() {
  static const World world = [] {
    Parameters p = read_scenario_file(TRUSTSIM_SCENARIO_DIR "/ics_large.json").settings.parameters;
    p.system.localities = bench_localities;
    p.days = 10000;  // room for the day-stepping benchmark to go on past the warm-up
    World w(p, 1);
    for (int day = 0; day < warm_up_days; ++day) run_day(w, day);
    return w;
  }();
  return world;
}

// The first day after the warm-up: what the benchmarks simulate or look at.
inline constexpr int bench_day = warm_up_days;

}  // namespace trustsim::bench
