// libFuzzer target: one --set assignment (arbitrary bytes) applied to a small
// valid scenario. It must be applied or refused with a ScenarioError; any
// other exception, a crash or a sanitizer report is a bug.
#include <cstdint>
#include <string>

#include "scenario/overrides.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

namespace {
const char* const small_scenario = R"({
  "days": 30,
  "system": {"teams": [
    {"name": "frailty", "site": "north", "staff": [
      {"profession": "nurse", "organisation": "community_provider", "count": 3}]},
    {"name": "pharmacy", "site": "south", "staff": [
      {"profession": "pharmacist", "organisation": "primary_care", "count": 2}]}]},
  "meetings": {"schedule": [{"day": 10, "regime": "online"}]},
  "outputs": {"network_snapshot_days": [0, 29]}
})";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string assignment(reinterpret_cast<const char*>(data), size);
  try {
    trustsim::read_scenario_text(small_scenario, "small.json",
                                 {trustsim::parse_override(assignment)});
  } catch (const trustsim::ScenarioError&) {
    // Refused with a message naming the override or the key.
  }
  return 0;
}
