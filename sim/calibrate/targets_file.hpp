// A targets file: what is known about the system being modelled, each
// target an outcome of the model, the value observed (a single value or an
// interval), the scale on which a miss is measured (the observation's
// standard deviation, or a tolerance), and where the number comes from.
// Read and checked key by key with the scenario rules ("FILE: /json/pointer:
// problem", exit 2). docs/calibration.md describes the format.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario/json_value.hpp"

namespace trustsim {

struct Target {
  std::string name;     // the key in the file's "targets" object
  std::string pointer;  // "/targets/NAME" in the targets file
  std::string outcome;  // a per-run outcome of the model (model/metrics.hpp)
  // Either a single observed value, or an interval [low, high] (observed is
  // then empty): a simulation inside the interval misses by nothing.
  std::optional<double> observed;
  double low = 0.0;
  double high = 0.0;
  // How far a miss counts: the distance is the miss divided by `scale`.
  // From "sd" (the observation's standard deviation) or "tolerance" (a miss
  // the modeller accepts); scale_kind says which the file gave.
  double scale = 1.0;
  std::string scale_kind;  // "sd" or "tolerance"
  std::string source;      // the citation, required
  bool verified = false;   // the number was checked against its source
  std::string note;        // how it was checked, or why it could not be

  // How far `simulated` lies from the observation, in units of `scale`.
  double miss(double simulated) const;
};

struct TargetsFile {
  std::string source;      // the file as named (or "FILE: /targets" when inline)
  std::string given_text;  // its bytes, for provenance
  std::string name;
  std::string description;
  std::vector<Target> targets;  // in file order
};

// Throws ScenarioError for any problem, naming `source` and the pointer.
TargetsFile read_targets_file(const std::string& path);
// The same for a document already parsed from `text`; `pointer_prefix` is
// prepended to every pointer in messages (a targets object inline in a
// calibration file).
TargetsFile read_targets_document(const Json& document, const std::string& text,
                                  const std::string& source, const std::string& pointer_prefix);

}  // namespace trustsim
