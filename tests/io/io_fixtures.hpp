// A small, fully specified RunResult and a scratch directory for the io suites.
#pragma once

#include <unistd.h>
#include <filesystem>
#include <string>

#include "io/result_writer.hpp"

namespace trustsim::testing {

// A directory of its own for each test, removed afterwards.
struct ScratchDirectory {
  std::filesystem::path path;
  explicit ScratchDirectory(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("trustsim-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() { std::filesystem::remove_all(path); }
};

// Three days, two teams, one trust sample and one network snapshot; every
// value distinct so that a swapped column would show.
inline RunResult tiny_result(double offset = 0.0) {
  RunResult r;
  r.days = 3;
  for (std::size_t m = 0; m < daily_count; ++m)
    r.daily[m] = {offset + 10.0 * m, offset + 10.0 * m + 1, offset + 10.0 * m + 2};
  for (std::size_t o = 0; o < outcome_count; ++o) r.outcomes[o] = offset + 100.0 + o;
  r.team_names = {"frailty", "pharmacy"};
  r.team_localities = {0, 0};
  for (std::size_t o = 0; o < team_outcome_count; ++o)
    r.team_outcomes[o] = {static_cast<double>(o) + offset, 2.0 * static_cast<double>(o)};
  r.profession_names = {"nurse", "pharmacist"};
  r.team_trust_days = {0};
  r.team_trust = {0.6, 0.3, 0.35, 0.7};
  NetworkSnapshot s;
  s.day = 2;
  s.staff_id = {0, 1, 2};
  s.team = {0, 0, 1};
  s.organisation = {1, 0, 2};
  s.profession = {0, 0, 1};
  s.source = {0, 2};
  s.target = {1, 0};
  s.trust = {0.8, 0.45};
  r.snapshots = {s};
  return r;
}

inline Provenance tiny_provenance() {
  return Provenance{"0.1.0", "abc123", "2026-01-02T03:04:05Z", "trustsim run x.json",
                    "run",   42,       "{\"given\": true}",    "{\"resolved\": true}"};
}

inline FileLayout tiny_layout() {
  return FileLayout{
      {"acute_hospital", "community_provider", "primary_care", "social_care", "mental_health"}, {}};
}

// Writes `runs` tiny results to `path` and commits the file.
inline void write_tiny_file(const std::filesystem::path& path, int runs) {
  OutputFile file(path, true);
  ResultWriter writer(file, tiny_provenance(), tiny_layout());
  for (int i = 0; i < runs; ++i)
    writer.write_run(RunRecord{i, "baseline", i, 1000u + static_cast<unsigned>(i), "{}", {}},
                     tiny_result(i));
  writer.finish();
  file.commit();
}

}  // namespace trustsim::testing
