// What one simulated run hands back: plain data, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/metrics.hpp"

namespace trustsim {

struct NetworkSnapshot {
  int day = 0;
  // One row per staff slot (active staff only).
  std::vector<std::uint32_t> staff_id;
  std::vector<std::int32_t> team;          // index into RunResult::team_names
  std::vector<std::int32_t> organisation;  // Organisation as int
  std::vector<std::int32_t> profession;    // index into RunResult::profession_names
  // One row per stored tie above baseline, between active staff.
  std::vector<std::uint32_t> source;
  std::vector<std::uint32_t> target;
  std::vector<double> trust;
};

struct RunResult {
  int days = 0;
  std::array<std::vector<double>, daily_count> daily;  // each of length days
  std::array<double, outcome_count> outcomes{};

  std::vector<std::string> team_names;
  std::vector<std::string> profession_names;
  std::vector<int> team_trust_days;
  // Mean T(i->j) for i in team a, j in team b: [sample][a][b], row-major.
  std::vector<double> team_trust;

  std::vector<NetworkSnapshot> snapshots;

  std::uint64_t trust_updates = 0;  // for benchmarks: contacts applied
};

}  // namespace trustsim
