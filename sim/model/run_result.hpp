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
  // Measured over days [measured_from, days) (outputs.measure_from_day).
  int measured_from = 0;
  std::array<double, outcome_count> outcomes{};
  // Per team (team_names order), over the same window: /team_summary.
  std::array<std::vector<double>, team_outcome_count> team_outcomes;

  std::vector<std::string> team_names;
  std::vector<int> team_localities;  // team_names order
  std::vector<std::string> profession_names;
  std::vector<int> team_trust_days;
  // Mean T(i->j) for i in team a, j in team b: [sample][a][b], row-major.
  std::vector<double> team_trust;

  std::vector<NetworkSnapshot> snapshots;

  // Per team (team_names order), totals over the whole run, whatever the
  // window (team_outcomes are what the output file holds).
  std::vector<double> team_incidents;
  std::vector<double> team_staff_days;  // active staff, summed over days
  std::vector<double> team_hours;       // hours worked, every task
  // Incidents over the whole run by IssueCause (unraised, delayed, failed
  // workaround, lost workaround).
  std::array<double, 4> incidents_by_cause{};
  double hours_worked = 0.0;
  double overloaded_staff_days = 0.0;

  std::uint64_t trust_updates = 0;  // for benchmarks: contacts applied
};

}  // namespace trustsim
