#include "calibrate/targets_file.hpp"

#include <cmath>
#include <filesystem>
#include <limits>

#include "scenario/input_reader.hpp"
#include "scenario/json_document.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"

namespace trustsim {

namespace {

const std::vector<std::string> file_keys{"name", "description", "targets"};
const std::vector<std::string> target_keys{"outcome",   "observed", "interval", "sd",
                                           "tolerance", "source",   "verified", "note"};

const Range any_number{-1e300, 1e300};
const Range positive{0.0, 1e300, true};

class TargetsReader : public InputReader {
 public:
  using InputReader::InputReader;

  Target read_target(const std::string& name, const Json& value) const {
    const std::string at = child_pointer("/targets", name);
    if (!value.is_object())
      fail(at,
           "must be an object with outcome, observed or interval, sd or tolerance, and "
           "source; got " +
               describe(value));
    reject_unknown(value, at, target_keys);
    Target target;
    target.name = name;
    target.pointer = prefix_ + at;
    if (!value.contains("outcome"))
      fail(child_pointer(at, "outcome"), "required: the model outcome this target is about");
    target.outcome =
        checked([&] { return read_text(value.at("outcome"), child_pointer(at, "outcome"), true); });
    const bool has_observed = value.contains("observed");
    const bool has_interval = value.contains("interval");
    if (has_observed == has_interval)
      fail(at, has_observed ? "give either observed or interval, not both"
                            : "required: observed (a value) or interval ([low, high])");
    if (has_observed) {
      target.observed = checked([&] {
        return read_real(value.at("observed"), child_pointer(at, "observed"), any_number);
      });
      target.low = target.high = *target.observed;
    } else {
      const std::string interval_at = child_pointer(at, "interval");
      const Json& interval = value.at("interval");
      if (!interval.is_array() || interval.size() != 2)
        fail(interval_at, "must be [low, high], got " + describe(interval));
      target.low = checked(
          [&] { return read_real(interval[0], child_pointer(interval_at, 0), any_number); });
      target.high = checked(
          [&] { return read_real(interval[1], child_pointer(interval_at, 1), any_number); });
      if (!(target.low < target.high))
        fail(interval_at, "low must be below high, got [" + interval[0].dump() + ", " +
                              interval[1].dump() + "]");
    }
    const bool has_sd = value.contains("sd");
    const bool has_tolerance = value.contains("tolerance");
    if (has_sd == has_tolerance)
      fail(at, has_sd ? "give either sd or tolerance, not both"
                      : "required: sd (the observation's standard deviation) or tolerance (the "
                        "miss to accept), the scale on which misses are measured");
    target.scale_kind = has_sd ? "sd" : "tolerance";
    target.scale = checked([&] {
      return read_real(value.at(target.scale_kind), child_pointer(at, target.scale_kind), positive);
    });
    if (!value.contains("source"))
      fail(child_pointer(at, "source"), "required: where the number comes from (a citation)");
    target.source =
        checked([&] { return read_text(value.at("source"), child_pointer(at, "source"), true); });
    if (value.contains("verified"))
      target.verified = checked(
          [&] { return read_boolean(value.at("verified"), child_pointer(at, "verified")); });
    if (value.contains("note"))
      target.note =
          checked([&] { return read_text(value.at("note"), child_pointer(at, "note"), false); });
    return target;
  }

  TargetsFile read(const Json& document, const std::string& text) const {
    if (!document.is_object())
      fail("", "a targets file must be a JSON object, got " + describe(document));
    reject_unknown(document, "", file_keys);
    TargetsFile file;
    file.source = source_;
    file.given_text = text;
    if (document.contains("name"))
      file.name = checked([&] { return read_text(document.at("name"), "/name", true); });
    if (document.contains("description"))
      file.description =
          checked([&] { return read_text(document.at("description"), "/description", false); });
    if (!document.contains("targets")) fail("/targets", "required: an object of named targets");
    const Json& targets = document.at("targets");
    if (!targets.is_object() || targets.empty())
      fail("/targets",
           "must be a non-empty object (target name -> target), got " + describe(targets));
    // In file order, as the user wrote them.
    for (const auto& [name, target] : targets.items()) {
      if (name.empty()) fail(child_pointer("/targets", name), "a target needs a name");
      file.targets.push_back(read_target(name, target));
    }
    return file;
  }
};

}  // namespace

double Target::miss(double simulated) const {
  if (!std::isfinite(simulated)) return std::numeric_limits<double>::infinity();
  double gap = 0.0;
  if (simulated < low) gap = low - simulated;
  if (simulated > high) gap = simulated - high;
  return gap / scale;
}

TargetsFile read_targets_document(const Json& document, const std::string& text,
                                  const std::string& source, const std::string& pointer_prefix) {
  return TargetsReader(source, pointer_prefix).read(document, text);
}

TargetsFile read_targets_file(const std::string& path) {
  const std::string text = read_input_bytes(path);
  return read_targets_document(parse_json_document(text, path), text, path, "");
}

}  // namespace trustsim
