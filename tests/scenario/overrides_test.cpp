// --set overrides: parsed, applied where the dotted key says, validated like
// the file, and errors reported against the override.
#include <catch2/catch.hpp>

#include "scenario_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::error_for;
using trustsim::testing::small_scenario;

namespace {
Scenario with(const std::vector<std::string>& assignments) {
  std::vector<Override> overrides;
  for (const auto& a : assignments) overrides.push_back(parse_override(a));
  return read_scenario_text(small_scenario().dump(), "scenario.json", overrides);
}
}  // namespace

TEST_CASE("override values are JSON, or else plain strings") {
  CHECK(parse_override("days=40").value == Json(40));
  CHECK(parse_override("a.b=[1,2]").value == Json::array({1, 2}));
  CHECK(parse_override("meetings.regime=online").value == Json("online"));
  CHECK(parse_override("name=\"quoted\"").value == Json("quoted"));
  CHECK(parse_override("name=").value == Json(""));
  CHECK(parse_override("system.teams.0.staff.1.count=5").pointer ==
        "/system/teams/0/staff/1/count");
}

TEST_CASE("overrides change the settings, deep keys and list entries included") {
  const auto scenario = with({"days=40", "meetings.regime=online", "system.teams.0.staff.1.count=5",
                              "interventions.facilitators.enabled=true"});
  const auto& p = scenario.settings.parameters;
  CHECK(p.days == 40);
  CHECK(p.meetings.regime == Regime::online);
  CHECK(p.system.teams[0].staff[1].count == 5);
  CHECK(p.interventions.facilitators.enabled);
  CHECK(scenario.resolved["/system/teams/0/staff/1/count"_json_pointer] == 5);
}

TEST_CASE("a later override of the same key wins") {
  CHECK(with({"days=40", "days=50"}).settings.parameters.days == 50);
}

TEST_CASE("override errors name the override, not the file") {
  auto error = error_for(small_scenario(), {parse_override("trust.stranger_baseline=1.5")});
  CHECK(std::string(error.what()) == "--set trust.stranger_baseline: must be in [0, 1], got 1.5");

  error = error_for(small_scenario(), {parse_override("trust.stranger_baselin=0.2")});
  CHECK(std::string(error.what()) ==
        "--set trust.stranger_baselin: unknown key \"stranger_baselin\"; did you mean "
        "\"stranger_baseline\"?");

  error = error_for(small_scenario(), {parse_override("issues.raise_threshold=nan")});
  CHECK(std::string(error.what()) ==
        "--set issues.raise_threshold: must be a number in [0, 1], got the string \"nan\"");

  error = error_for(small_scenario(), {parse_override("system.teams.7.name=x")});
  CHECK(std::string(error.what()) ==
        "--set system.teams.7.name: there is no entry 7 (system.teams has 2 entries)");

  error = error_for(small_scenario(), {parse_override("days.x=1")});
  CHECK(std::string(error.what()) ==
        "--set days.x: days is a single value, not a group: cannot set days.x");

  error = error_for(small_scenario(), {parse_override("system.teams.0={\"name\": \"a\"}")});
  CHECK(std::string(error.what()) ==
        "--set system.teams.0: /system/teams/0/site: required string is missing");
}

TEST_CASE("malformed overrides are refused") {
  CHECK_THROWS_WITH(parse_override("days"), "--set days: expected dotted.key=value");
  CHECK_THROWS_WITH(parse_override("=3"), "--set =3: expected dotted.key=value");
  CHECK_THROWS_WITH(parse_override("a..b=3"),
                    "--set a..b: malformed key (empty part between dots)");
}

TEST_CASE("values that are not JSON trustsim reads stay strings and are refused by the key") {
  // 1e999 overflows a double; once it escaped as an internal error.
  auto error = error_for(small_scenario(), {parse_override("trust.stranger_baseline=-1e999")});
  CHECK(std::string(error.what()) ==
        "--set trust.stranger_baseline: must be a number in [0, 1], got the string \"-1e999\"");

  // Too deep to be a setting: kept as text, never built as 100,000 nested lists.
  const std::string deep(100000, '[');
  const auto override_ = parse_override("name=" + deep + std::string(100000, ']'));
  CHECK(override_.value.is_string());
  error = error_for(small_scenario(), {parse_override("days=" + deep)});
  CHECK_THAT(error.problem(),
             Catch::StartsWith("must be an integer in [1, 10000], got the string"));
}
