// libFuzzer target: the sweep-file reader and the expansion of a sweep into
// its runs, on arbitrary bytes. Every input must end as a plan or as a
// ScenarioError; any other exception, a crash, a sanitizer report, a hang or
// an absurd allocation is a bug. A relative `base` is looked up in
// scenarios/, so the sweeps there (base baseline.json) are seeds as they are.
// Sweeps of more than a few thousand scenarios are read but not expanded:
// within the limits (max_sweep_scenarios) expanding is correct but takes
// seconds, which the fuzzer would report as a hang.
#include <cstdint>
#include <string>

#include "scenario/scenario_error.hpp"
#include "sweep/sweep_definition.hpp"
#include "sweep/sweep_plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const trustsim::SweepDefinition sweep =
        trustsim::read_sweep_text(text, "fuzz_sweep.json", TRUSTSIM_SCENARIO_DIR);
    double scenarios = static_cast<double>(sweep.variants.size());
    for (const auto& axis : sweep.grid) scenarios *= static_cast<double>(axis.values.size());
    if (sweep.sample) scenarios *= sweep.sample->count;
    if (scenarios <= 2000) trustsim::expand_sweep(sweep);
  } catch (const trustsim::ScenarioError&) {
    // Refused with a message naming the file and the key.
  }
  return 0;
}
