// Every kind of bad scenario gives one line naming the file and the JSON
// pointer of the key to fix.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "scenario_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::error_for;
using trustsim::testing::error_for_text;
using trustsim::testing::small_scenario;

TEST_CASE("an empty file is refused as such") {
  for (const std::string text : {"", "  \n\t\n"}) {
    const auto error = error_for_text(text);
    CHECK(error.where() == "scenario.json");
    CHECK(std::string(error.what()) == "scenario.json: empty file (expected a JSON object)");
  }
}

TEST_CASE("a JSON syntax error gives the file with line and column") {
  // nlohmann reports where the offending token ends: the closing quote of "x".
  const auto error = error_for_text("{\n  \"days\": 30,\n  \"name\" \"x\"\n}\n");
  CHECK(error.where() == "scenario.json:3:12");
  CHECK_THAT(error.what(), Catch::Contains("scenario.json:3:12: syntax error"));
  CHECK_THAT(error.what(), Catch::Contains("expected ':'"));
}

TEST_CASE("a truncated file is a syntax error at its end") {
  const auto error = error_for_text("{\"days\": 30,\n");
  CHECK_THAT(error.where(), Catch::StartsWith("scenario.json:1:"));
  CHECK_THAT(error.problem(), Catch::Contains("unexpected end of input"));
}

TEST_CASE("a binary file is refused as not text") {
  const std::string bytes("\x89HDF\r\n\x1a\n\0\0\0", 11);
  const auto error = error_for_text(bytes);
  CHECK(std::string(error.what()) == "scenario.json: not a text file (binary data at byte 0)");
}

TEST_CASE("a scenario must be an object") {
  const auto error = error_for_text("[1, 2]");
  CHECK(std::string(error.what()) ==
        "scenario.json: /: a scenario must be a JSON object, got an array");
}

TEST_CASE("an unknown key is named and the nearest known key suggested") {
  auto document = small_scenario();
  document["trust"] = {{"stranger_baselin", 0.3}};
  const auto error = error_for(document);
  CHECK(error.pointer() == "/trust/stranger_baselin");
  CHECK(std::string(error.what()) ==
        "scenario.json: /trust/stranger_baselin: unknown key \"stranger_baselin\"; did you mean "
        "\"stranger_baseline\"?");
}

TEST_CASE("a known key at the wrong level points to where it belongs") {
  auto document = small_scenario();
  document["half_life_days"] = 30;
  const auto error = error_for(document);
  CHECK(error.pointer() == "/half_life_days");
  CHECK_THAT(error.problem(), Catch::Contains("did you mean /trust/half_life_days?"));
}

TEST_CASE("an unknown key inside a team or staff group is found") {
  auto document = small_scenario();
  document["system"]["teams"][1]["staff"][0]["cuont"] = 2;
  const auto error = error_for(document);
  CHECK(error.pointer() == "/system/teams/1/staff/0/cuont");
  CHECK_THAT(error.problem(), Catch::Contains("did you mean \"count\"?"));
}

TEST_CASE("a wrong type names the key, the expected type and the value found") {
  auto document = small_scenario();
  document["days"] = "thirty";
  auto error = error_for(document);
  CHECK(std::string(error.what()) ==
        "scenario.json: /days: must be an integer in [1, 10000], got the string \"thirty\"");

  document = small_scenario();
  document["interventions"] = {{"facilitators", {{"enabled", 1}}}};
  error = error_for(document);
  CHECK(error.pointer() == "/interventions/facilitators/enabled");
  CHECK(error.problem() == "must be true or false, got 1");

  document = small_scenario();
  document["trust"] = 0.5;
  error = error_for(document);
  CHECK(error.pointer() == "/trust");
  CHECK_THAT(error.problem(), Catch::StartsWith("must be an object"));
}

TEST_CASE("out-of-range values are refused with the allowed range") {
  auto document = small_scenario();
  document["issues"] = {{"incident_hazard_per_day", 1.5}};
  auto error = error_for(document);
  CHECK(std::string(error.what()) ==
        "scenario.json: /issues/incident_hazard_per_day: must be in [0, 1], got 1.5");

  document = small_scenario();
  document["trust"] = {{"half_life_days", 0}};
  error = error_for(document);
  CHECK(error.problem() == "must be in (0, 1e+06], got 0");

  document = small_scenario();
  document["days"] = 2.5;
  error = error_for(document);
  CHECK(error.pointer() == "/days");
}

TEST_CASE("a team of a trillion staff is refused before anything is allocated") {
  auto document = small_scenario();
  document["system"]["teams"][0]["staff"][0]["count"] = 1000000000000LL;
  const auto error = error_for(document);
  CHECK(error.pointer() == "/system/teams/0/staff/0/count");
  CHECK_THAT(error.problem(), Catch::StartsWith("must be an integer in [1, 10000]"));
}

TEST_CASE("a system too large in total is refused at /system") {
  auto document = small_scenario();
  document["system"]["localities"] = 1000;
  document["system"]["teams"][0]["staff"][0]["count"] = 10000;
  const auto error = error_for(document);
  CHECK(error.pointer() == "/system");
  CHECK_THAT(error.problem(), Catch::Contains("at most 1000000"));
}

TEST_CASE("a system of too many teams is refused at /system, however few their staff") {
  // A million one-person teams passed the staff limit, then failed to
  // allocate team-by-team trust (an internal error, or a run without end).
  auto document = small_scenario();
  document["system"]["localities"] = 1000;
  for (int t = 2; t < 10; ++t)
    document["system"]["teams"].push_back(
        {{"name", "team" + std::to_string(t)},
         {"site", "north"},
         {"staff", {{{"profession", "nurse"}, {"organisation", "primary_care"}, {"count", 1}}}}});
  const auto error = error_for(document);
  CHECK(error.pointer() == "/system");
  CHECK(error.problem() == "the system has 10000 teams; at most 5000 are supported");
}

TEST_CASE("team-by-team trust too large for memory is refused where sampling is set") {
  auto document = small_scenario();
  document["system"]["localities"] = 1000;  // 2000 teams
  document["days"] = 100;
  document["outputs"] = {{"team_trust_every_days", 50}};
  CHECK_NOTHROW(read_scenario_text(document.dump(), "scenario.json"));  // 3 samples: 12e6 values

  document["outputs"] = {{"team_trust_every_days", 1}};
  const auto error = error_for(document);
  CHECK(error.pointer() == "/outputs/team_trust_every_days");
  CHECK(error.problem() ==
        "team-by-team trust of 2000 teams on 100 days would be 400000000 values a run, more than "
        "134217728: sample less often");
}

TEST_CASE("a number too large for a double is refused where it stands") {
  const auto error = error_for_text("{\"days\": 30,\n \"trust\": {\"stranger_baseline\": 1e999}}");
  CHECK(std::string(error.what()) == "scenario.json:2:37: number overflow parsing '1e999'");
}

TEST_CASE("teams are required and must be well formed") {
  auto document = small_scenario();
  document["system"].erase("teams");
  CHECK(error_for(document).pointer() == "/system/teams");

  document = small_scenario();
  document["system"]["teams"] = Json::array();
  CHECK_THAT(error_for(document).problem(), Catch::Contains("between 1 and"));

  document = small_scenario();
  document["system"]["teams"][0].erase("site");
  CHECK(error_for(document).pointer() == "/system/teams/0/site");

  document = small_scenario();
  document["system"]["teams"][1]["name"] = "frailty";
  const auto duplicate = error_for(document);
  CHECK(duplicate.pointer() == "/system/teams/1/name");
  CHECK_THAT(duplicate.problem(), Catch::Contains("used twice"));

  document = small_scenario();
  document["system"]["teams"][0]["staff"][0]["organisation"] = "acute_hospitl";
  const auto organisation = error_for(document);
  CHECK(organisation.pointer() == "/system/teams/0/staff/0/organisation");
  CHECK_THAT(organisation.problem(), Catch::Contains("did you mean \"acute_hospital\"?"));
}

TEST_CASE("days named in the scenario must fall within the run") {
  auto document = small_scenario();
  document["outputs"] = {{"network_snapshot_days", {0, 45}}};
  auto error = error_for(document);
  CHECK(error.pointer() == "/outputs/network_snapshot_days/1");
  CHECK(error.problem() == "day 45 is not within the run (days 0..29)");

  document = small_scenario();
  document["outputs"] = {{"measure_from_day", 30}};  // the window would be empty
  error = error_for(document);
  CHECK(error.pointer() == "/outputs/measure_from_day");
  CHECK(error.problem() == "day 30 is not within the run (days 0..29)");

  document = small_scenario();
  document["meetings"] = {
      {"schedule",
       {{{"day", 10}, {"regime", "online"}}, {{"day", 5}, {"regime", "face_to_face"}}}}};
  error = error_for(document);
  CHECK(error.pointer() == "/meetings/schedule/1/day");

  document = small_scenario();
  document["meetings"] = {{"schedule", {{{"day", 10}, {"regime", "hybrid"}}}}};
  error = error_for(document);
  CHECK(error.pointer() == "/meetings/schedule/0/face_to_face_fraction");

  document = small_scenario();
  document["interventions"] = {{"hero_awareness", {{"enabled", true}, {"start_day", 30}}}};
  CHECK(error_for(document).pointer() == "/interventions/hero_awareness/start_day");

  document = small_scenario();
  document["interventions"] = {{"new_rituals", {{"enabled", true}, {"start_day", 30}}}};
  CHECK(error_for(document).pointer() == "/interventions/new_rituals/start_day");

  document = small_scenario();
  document["rituals"] = {{"disruption_days", {5, 30}}};
  error = error_for(document);
  CHECK(error.pointer() == "/rituals/disruption_days/1");
  CHECK(error.problem() == "day 30 is not within the run (days 0..29)");

  document = small_scenario();
  document["rituals"] = {{"disruption_days", {10, 10}}};
  CHECK(error_for(document).pointer() == "/rituals/disruption_days/1");
}

TEST_CASE("the climate, ritual and warm-up keys are checked like every other") {
  auto document = small_scenario();
  document["warmup_days"] = -1;
  CHECK(error_for(document).pointer() == "/warmup_days");
  document = small_scenario();
  document["climate"] = {{"blame_loss", 1.5}};
  CHECK(error_for(document).pointer() == "/climate/blame_loss");
  document = small_scenario();
  document["rituals"] = {{"interval_days", 0}};
  CHECK(error_for(document).pointer() == "/rituals/interval_days");
  document = small_scenario();
  document["interventions"] = {{"just_culture", {{"review_hours", "an hour"}}}};
  CHECK(error_for(document).pointer() == "/interventions/just_culture/review_hours");
  document = small_scenario();
  document["rituals"] = {{"disruption_day", {3}}};
  CHECK(error_for(document).pointer() == "/rituals/disruption_day");
}

TEST_CASE("file problems name the file") {
  const auto dir = std::filesystem::temp_directory_path() / "trustsim-bad-input-test";
  std::filesystem::create_directories(dir);
  const auto missing = (dir / "missing.json").string();
  CHECK_THROWS_WITH(read_scenario_file(missing),
                    missing + ": cannot read: No such file or directory");
  CHECK_THROWS_WITH(read_scenario_file(dir.string()),
                    dir.string() + ": is a directory, not an input file");
  const auto typo = (dir / "typo.json").string();
  std::ofstream(typo) << R"({"dayz": 3})";
  CHECK_THROWS_WITH(read_scenario_file(typo),
                    typo + ": /dayz: unknown key \"dayz\"; did you mean \"days\"?");
  std::filesystem::remove_all(dir);
}
