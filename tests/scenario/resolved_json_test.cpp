// The resolved JSON (every key, defaults filled) reads back to the same
// settings: it is a complete, faithful record of what was run.
#include <catch2/catch.hpp>

#include "scenario_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::small_scenario;

TEST_CASE("defaults are filled in from parameters.hpp") {
  const auto scenario = read_scenario_text(small_scenario().dump(), "scenario.json");
  const Parameters defaults;
  CHECK(scenario.resolved["/trust/half_life_days"_json_pointer] == defaults.trust.half_life_days);
  CHECK(scenario.resolved["/meetings/regime"_json_pointer] == "hybrid");
  CHECK(scenario.resolved["/seed"_json_pointer] == 1);
  CHECK(scenario.resolved["/replicates"_json_pointer] == 1);
  CHECK(scenario.resolved["/interventions/fluid_teams/enabled"_json_pointer] == false);
  CHECK(scenario.resolved["/system/teams/0/staff/0/site"_json_pointer] == "");
  CHECK(scenario.settings.parameters.staff.vacancy_days == defaults.staff.vacancy_days);
}

TEST_CASE("the resolved JSON reads back to the same settings") {
  auto document = small_scenario();
  document["seed"] = 18446744073709551615ULL;
  document["meetings"] = {
      {"regime", "online"},
      {"schedule", {{{"day", 10}, {"regime", "hybrid"}, {"face_to_face_fraction", 0.25}}}}};
  document["interventions"] = {{"fluid_teams", {{"enabled", true}, {"share", 0.2}}}};
  document["outputs"] = {{"network_snapshot_days", {0, 15, 29}}};
  const auto first = read_scenario_text(document.dump(), "given.json");
  const auto second = read_scenario_text(first.resolved.dump(), "resolved.json");

  CHECK(second.resolved == first.resolved);
  const auto& a = first.settings;
  const auto& b = second.settings;
  CHECK(b.seed == a.seed);
  CHECK(b.seed == 18446744073709551615ULL);
  CHECK(b.name == "small");
  REQUIRE(b.parameters.system.teams.size() == 2);
  CHECK(b.parameters.system.teams[1].staff[0].site == "north");
  CHECK(b.parameters.system.teams[1].staff[0].organisation == Organisation::primary_care);
  CHECK(b.parameters.system.teams[0].staff[0].count == 3);
  REQUIRE(b.parameters.meetings.schedule.size() == 1);
  CHECK(b.parameters.meetings.schedule[0].regime == Regime::hybrid);
  CHECK(b.parameters.meetings.schedule[0].face_to_face_fraction == 0.25);
  CHECK(b.parameters.interventions.fluid_teams.share == 0.2);
  CHECK(b.parameters.outputs.network_snapshot_days == std::vector<int>{0, 15, 29});
}

TEST_CASE("reals survive the round trip bit for bit") {
  auto document = small_scenario();
  document["trust"] = {{"stranger_baseline", 0.1 + 0.2}};
  const auto first = read_scenario_text(document.dump(), "given.json");
  const auto second = read_scenario_text(first.resolved.dump(), "resolved.json");
  CHECK(second.settings.parameters.trust.stranger_baseline == 0.1 + 0.2);
}

TEST_CASE("the shipped scenarios are valid") {
  const auto baseline = read_scenario_file(TRUSTSIM_SCENARIO_DIR "/baseline.json");
  const auto& teams = baseline.settings.parameters.system.teams;
  CHECK(teams.size() == 4);
  for (const auto& team : teams) {
    std::set<Organisation> organisations;
    std::set<std::string> professions;
    for (const auto& group : team.staff) {
      organisations.insert(group.organisation);
      professions.insert(group.profession);
    }
    INFO(team.name);
    CHECK(organisations.size() >= 2);  // integrated: more than one employer
    CHECK(professions.size() >= 2);
  }
}
