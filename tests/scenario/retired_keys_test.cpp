// Keys whose meaning changed with the model (issue 12) are refused, naming
// the key that replaced them, rather than read with a silently new meaning.
#include <catch2/catch.hpp>

#include "scenario_fixtures.hpp"

using namespace trustsim;
using trustsim::testing::error_for;
using trustsim::testing::small_scenario;

TEST_CASE("a retired key is refused, naming the key that replaced it") {
  const std::pair<const char*, const char*> cases[] = {
      {"/contacts/per_day_in_person", "/contacts/per_on_site_day"},
      {"/contacts/per_day_remote", "/contacts/remote_per_day"},
      {"/staff/capacity", "/time/hours_per_day"},
      {"/staff/base_load", "/time/routine_hours"},
      {"/workarounds/load", "/time/hold_workaround_hours"},
      {"/staff/hero_threshold", "/staff/hero_absorb_probability"},
  };
  for (const auto& [retired, replacement] : cases) {
    auto document = small_scenario();
    document[Json::json_pointer(retired)] = 1.0;
    const auto error = error_for(document);
    INFO(retired);
    CHECK(error.pointer() == retired);
    CHECK_THAT(error.problem(), Catch::StartsWith("retired key"));
    CHECK_THAT(error.problem(), Catch::Contains(replacement));
  }
}

TEST_CASE("the new keys are read") {
  auto document = small_scenario();
  document["work"] = {{"on_site_share", 0.8}};
  document["time"] = {{"hours_per_day", 8.0}, {"routine_hours", 6.0}};
  document["contacts"] = {{"per_on_site_day", 3.0}, {"remote_per_day", 1.0}};
  const auto settings = settings_from_json(document);
  CHECK(settings.parameters.work.on_site_share == 0.8);
  CHECK(settings.parameters.time.hours_per_day == 8.0);
  CHECK(settings.parameters.contacts.per_on_site_day == 3.0);
}

TEST_CASE("prune_below beyond its numerical range is refused: it would change results") {
  auto document = small_scenario();
  document["trust"] = {{"prune_below", 0.05}};
  const auto error = error_for(document);
  CHECK(error.pointer() == "/trust/prune_below");
  CHECK(error.problem() == "must be in [0, 0.01], got 0.05");
}
