// The parameter table itself: each key moves its own member and no other,
// and the generated key reference covers every key.
#include <catch2/catch.hpp>
#include <cmath>

#include "scenario/schema_doc.hpp"
#include "scenario_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::small_scenario;

namespace {

// In-range values of a field different from its default, most likely first.
std::vector<Json> other_values(const Field<ScenarioSettings>& field, const Json& current) {
  std::vector<Json> values;
  const Range& r = field.range;
  switch (field.kind) {
    case ValueKind::real:
      for (double x : {(r.low + std::min(r.high, 1e6)) / 2, r.high, r.low})
        if (r.contains(x)) values.push_back(x);
      break;
    case ValueKind::integer:
      for (double x : {r.low, r.low + 1, std::floor((r.low + r.high) / 2), r.high})
        if (r.contains(x)) values.push_back(static_cast<long long>(x));
      break;
    case ValueKind::boolean:
      values.push_back(!current.get<bool>());
      break;
    case ValueKind::text:
      values.push_back("changed");
      break;
    case ValueKind::choice:
      for (const auto& c : field.choices) values.push_back(c);
      break;
    case ValueKind::unsigned64:
      values.push_back(12345);
      break;
    case ValueKind::list:
      break;
  }
  return values;
}

}  // namespace

TEST_CASE("every scalar key sets its own member and no other") {
  const Json base_document = small_scenario();
  const Json base = read_scenario_text(base_document.dump(), "base.json").resolved;
  std::size_t checked = 0;
  for (const auto& field : scenario_fields()) {
    if (field.kind == ValueKind::list) continue;
    const Json::json_pointer pointer(field.pointer);
    bool changed = false;
    for (const auto& value : other_values(field, base[pointer])) {
      if (value == base[pointer]) continue;
      Json document = base_document;
      document[pointer] = value;
      Json resolved;
      try {
        resolved = read_scenario_text(document.dump(), "one.json").resolved;
      } catch (const ScenarioError&) {
        continue;  // refused by a rule across keys; try the next value
      }
      const Json patch = Json::diff(base, resolved);
      INFO(field.pointer << " = " << value.dump() << " changed " << patch.dump());
      REQUIRE(patch.size() == 1);
      CHECK(patch[0]["path"] == field.pointer);
      CHECK(resolved[pointer] == value);
      changed = true;
      break;
    }
    INFO(field.pointer);
    CHECK(changed);
    ++checked;
  }
  CHECK(checked > 80);
}

TEST_CASE("every key has a description and a unique pointer") {
  std::set<std::string> pointers;
  for (const auto& field : scenario_fields()) {
    INFO(field.pointer);
    CHECK_FALSE(field.description.empty());
    CHECK(pointers.insert(field.pointer).second);
  }
}

TEST_CASE("the key reference lists every key with its default") {
  const std::string doc = schema_markdown();
  for (const auto& field : scenario_fields())
    CHECK_THAT(doc, Catch::Contains("`" + field.pointer + "`"));
  for (const auto& field : staff_group_fields())
    CHECK_THAT(doc, Catch::Contains("`" + field.pointer + "`"));
  CHECK_THAT(doc, Catch::Contains("| `/trust/half_life_days` | number | (0, 1e+06] | 90.0 |"));
}

TEST_CASE("one unknown-key check serves the flat formats (sweeps, calibrations, targets)") {
  const std::vector<std::string> known{"name", "base", "variants"};
  CHECK_NOTHROW(reject_unknown(Json{{"base", 1}, {"name", "x"}}, "", known));
  try {
    reject_unknown(Json{{"name", "x"}, {"varients", 1}}, "/sweep", known);
    FAIL("accepted an unknown key");
  } catch (const InvalidValue& error) {
    CHECK(error.pointer == "/sweep/varients");
    CHECK(error.problem == "unknown key \"varients\"; did you mean \"variants\"?");
  }
  CHECK(unknown_key_problem("zzzz", known) ==
        "unknown key \"zzzz\"; known keys here: name, base, variants");
}

TEST_CASE("a struct's table mounted under its prefix reads and writes through its member") {
  ScenarioSettings settings;
  Json document = write_object(settings, scenario_fields());
  document["trust"]["half_life_days"] = 30.0;
  document["meetings"]["face_to_face"]["attendance"] = 0.25;
  document["interventions"]["fluid_teams"]["enabled"] = true;
  document["system"]["teams"] = Json::array({Json{
      {"name", "a"},
      {"site", "s"},
      {"staff", Json::array({Json{
                    {"profession", "nurse"}, {"organisation", "primary_care"}, {"count", 2}}})}}});
  ScenarioSettings read;
  read_object(document, "", scenario_fields(), read);
  CHECK(read.parameters.trust.half_life_days == 30.0);
  CHECK(read.parameters.meetings.face_to_face.attendance == 0.25);
  CHECK(read.parameters.meetings.online.attendance ==
        settings.parameters.meetings.online.attendance);
  CHECK(read.parameters.interventions.fluid_teams.enabled);
  CHECK_FALSE(read.parameters.interventions.facilitators.enabled);
  CHECK(write_object(read, scenario_fields())["trust"]["half_life_days"] == 30.0);
}
