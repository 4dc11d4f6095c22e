// libFuzzer target: the scenario reader on arbitrary bytes. Every input must
// end as a Scenario or as a ScenarioError (one line, exit code 2 in the
// command line); any other exception, a crash, a sanitizer report, a hang or
// an absurd allocation is a bug. An accepted scenario's resolved form must
// read back to itself: the table that reads a scenario also writes it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const trustsim::Scenario scenario = trustsim::read_scenario_text(text, "fuzz.json");
    const trustsim::Scenario again =
        trustsim::read_scenario_text(scenario.resolved.dump(), "resolved.json");
    if (again.resolved != scenario.resolved) std::abort();
  } catch (const trustsim::ScenarioError&) {
    // Refused with a message: what bad input should get.
  }
  return 0;
}
