#include "calibrate/calibration_file.hpp"

#include <cmath>
#include <filesystem>

#include "model/metrics.hpp"
#include "runner/seed_derivation.hpp"
#include "scenario/input_reader.hpp"
#include "scenario/json_document.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"
#include "sweep/placed_override.hpp"

namespace trustsim {

namespace {

const std::vector<std::string> calibration_keys{"name",    "description", "base",  "seed",
                                                "targets", "parameters",  "method"};
const std::vector<std::string> parameter_keys{"prior", "range"};
const std::vector<std::string> method_keys{"name",
                                           "population_size",
                                           "replicates",
                                           "tolerance_quantile",
                                           "distance",
                                           "max_populations",
                                           "min_tolerance",
                                           "min_acceptance_rate",
                                           "predictive_draws"};
const std::vector<std::string> method_names{"abc_smc"};
const std::vector<std::string> population_size_keys{"adaptive"};
const std::vector<std::string> adaptive_keys{"initial", "min", "max", "mean_cv", "bootstraps"};
constexpr double largest_population = 100000;

// Keys that say how to run, not what to simulate: the calibration sets them.
const std::vector<std::string> run_settings{"name", "description", "seed", "replicates"};

// A calibration of more parameters than this is better split, and each
// needs its own covariance row: a typo of a large file, not a study.
constexpr std::size_t max_parameters = 64;

class CalibrationReader : public InputReader {
 public:
  CalibrationReader(std::string source, std::string directory)
      : InputReader(std::move(source), std::move(directory), "calibration") {}

  TargetsFile read_targets(const Json& value) const {
    if (value.is_string()) {
      const std::string path = named_file(value, "/targets", "targets").string();
      return read_targets_file(path);  // its errors name it
    }
    if (value.is_object()) return read_targets_document(value, value.dump(2), source_, "/targets");
    fail("/targets", "must be a targets file name or a targets object, got " + describe(value));
  }

  // Each target's outcome must be one the model computes per run.
  std::vector<std::size_t> target_outcomes(const TargetsFile& targets) const {
    std::vector<std::string> known;
    for (const auto& info : outcome_info) known.emplace_back(info.name);
    std::vector<std::size_t> indices;
    for (const auto& target : targets.targets) {
      const auto found = std::find(known.begin(), known.end(), target.outcome);
      if (found == known.end()) {
        std::string list;
        for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
        throw ScenarioError(
            targets.source, child_pointer(target.pointer, "outcome"),
            "\"" + target.outcome +
                "\" is not an outcome of this trustsim build; its outcomes: " + list);
      }
      indices.push_back(static_cast<std::size_t>(found - known.begin()));
    }
    return indices;
  }

  static std::string placed_pointer(const std::string& dotted) {
    return make_override("", dotted, Json()).pointer;
  }

  Prior read_parameter(const std::string& key, const Json& value, const Json& base) const {
    const std::string at = child_pointer("/parameters", key);
    const std::string first = key.substr(0, key.find('.'));
    if (std::find(run_settings.begin(), run_settings.end(), first) != run_settings.end())
      fail(at, "\"" + key +
                   "\" cannot be calibrated: seed, replicates, name and description "
                   "say how to run, not what to simulate");
    Override shape;
    try {
      shape = make_override(at, key, Json());
    } catch (const ScenarioError& error) {
      fail(at, error.problem());
    }
    if (!value.is_object())
      fail(at,
           "must be an object {\"prior\": \"uniform\" or \"log_uniform\", \"range\": [low, "
           "high]}, got " +
               describe(value));
    reject_unknown(value, at, parameter_keys);
    Prior prior;
    prior.key = key;
    prior.pointer = at;
    if (!value.contains("prior"))
      fail(child_pointer(at, "prior"), "required: \"uniform\" or \"log_uniform\"");
    prior.kind = static_cast<PriorKind>(checked([&] {
      return read_choice(value.at("prior"), child_pointer(at, "prior"), prior_kind_names());
    }));
    const std::string range_at = child_pointer(at, "range");
    if (!value.contains("range")) fail(range_at, "required: [low, high]");
    const Json& range = value.at("range");
    if (!range.is_array() || range.size() != 2)
      fail(range_at, "must be [low, high], got " + describe(range));
    const Range any{-1e300, 1e300};
    prior.low = checked([&] { return read_real(range[0], child_pointer(range_at, 0), any); });
    prior.high = checked([&] { return read_real(range[1], child_pointer(range_at, 1), any); });
    if (!(prior.low < prior.high))
      fail(range_at,
           "low must be below high, got [" + range[0].dump() + ", " + range[1].dump() + "]");
    if (prior.kind == PriorKind::log_uniform && !(prior.low > 0.0))
      fail(child_pointer(range_at, 0), "a log-uniform prior needs low > 0, got " + range[0].dump());
    // A key the scenario does not have is reported at the parameter (with
    // the validator's suggestion), not at an end of its range.
    const Json defaults = resolve_with_overrides(base, {}, source_, "/base").resolved;
    const Json::json_pointer place(shape.pointer);
    if (!defaults.contains(place))
      (void)resolve_with_overrides(base, {PlacedOverride{make_override(at, key, prior.low), at}},
                                   source_, at);
    // Integers that set up the run rather than describe the teams: fitting
    // them to data has no meaning.
    if (key == "seed" || key == "days" || key.rfind("outputs.", 0) == 0)
      fail(at, key + " sets up the run, not the teams: it cannot be calibrated");
    if (defaults.contains(place) && !defaults.at(place).is_number())
      fail(at, "only numeric settings can be calibrated; " + key + " is " +
                   describe(defaults.at(place)));
    prior.integer = defaults.contains(place) && !defaults.at(place).is_number_float();
    if (prior.integer) {
      for (std::size_t end = 0; end < 2; ++end)
        if (std::floor(end == 0 ? prior.low : prior.high) != (end == 0 ? prior.low : prior.high))
          fail(child_pointer(range_at, end), key +
                                                 " is an integer setting: its range must be "
                                                 "whole numbers, got " +
                                                 range[end].dump());
    }
    // Both ends must be valid values of the setting, and it must be real.
    ResolvedScenario resolved;
    for (std::size_t end = 0; end < 2; ++end) {
      const double bound = end == 0 ? prior.low : prior.high;
      const PlacedOverride placed{make_override(at, key, bound), child_pointer(range_at, end)};
      resolved = resolve_with_overrides(base, {placed}, source_, at);
    }
    const Json& setting = resolved.resolved.at(Json::json_pointer(shape.pointer));
    if (!setting.is_number())
      fail(at, "only numeric settings can be calibrated; " + key + " is " + describe(setting));
    return prior;
  }

  std::vector<Prior> read_parameters(const Json& value, const Json& base) const {
    if (!value.is_object() || value.empty())
      fail("/parameters",
           "must be a non-empty object (dotted.key -> prior), got " + describe(value));
    if (value.size() > max_parameters)
      fail("/parameters", "at most " + std::to_string(max_parameters) + " parameters, got " +
                              std::to_string(value.size()));
    std::vector<Prior> priors;
    for (const auto& [key, prior] : value.items())
      priors.push_back(read_parameter(key, prior, base));
    // One key inside another ("trust" and "trust.gain") would be set twice.
    for (std::size_t i = 0; i < priors.size(); ++i)
      for (std::size_t j = 0; j < priors.size(); ++j) {
        const std::string a = placed_pointer(priors[i].key), b = placed_pointer(priors[j].key);
        if (i != j && a.compare(0, b.size() + 1, b + "/") == 0)
          fail(priors[i].pointer, "this key lies inside " + priors[j].key + ", also calibrated");
      }
    return priors;
  }

  // "population_size": {"adaptive": {...}}: sizes chosen population by
  // population (population_size.hpp).
  AdaptivePopulationSize read_adaptive_size(const Json& value) const {
    const std::string at = "/method/population_size";
    reject_unknown(value, at, population_size_keys);
    if (!value.contains("adaptive"))
      fail(at,
           "must be a whole number of particles or {\"adaptive\": {\"initial\": N, \"min\": "
           "N, \"max\": N, \"mean_cv\": x}}, got " +
               describe(value));
    const Json& adaptive = value.at("adaptive");
    const std::string here = child_pointer(at, "adaptive");
    if (!adaptive.is_object())
      fail(here,
           "must be an object {\"initial\": N, \"min\": N, \"max\": N, \"mean_cv\": x}, got " +
               describe(adaptive));
    reject_unknown(adaptive, here, adaptive_keys);
    AdaptivePopulationSize size;
    auto integer = [&](const char* key, double low, double high, int fallback) {
      if (!adaptive.contains(key)) return fallback;
      return static_cast<int>(checked([&] {
        return read_integer(adaptive.at(key), child_pointer(here, key), Range{low, high});
      }));
    };
    size.initial = integer("initial", 2, largest_population, size.initial);
    // pyABC's default floor of 10, lowered to a smaller first size.
    size.min = integer("min", 2, largest_population, std::min(size.min, size.initial));
    size.max = integer("max", 2, largest_population, std::max(size.max, size.initial));
    if (size.min > size.max)
      fail(child_pointer(here, "min"), "must be at most max (" + std::to_string(size.max) +
                                           "), got " + std::to_string(size.min));
    if (size.initial < size.min || size.initial > size.max)
      fail(child_pointer(here, "initial"),
           "must be within [min, max] = [" + std::to_string(size.min) + ", " +
               std::to_string(size.max) + "], got " + std::to_string(size.initial));
    if (adaptive.contains("mean_cv"))
      size.mean_cv = checked([&] {
        return read_real(adaptive.at("mean_cv"), child_pointer(here, "mean_cv"),
                         Range{0.0, 1.0, true});
      });
    size.bootstraps = integer("bootstraps", 2, 1000, size.bootstraps);
    return size;
  }

  AbcSmcSettings read_method(const Json& value) const {
    if (!value.is_object()) fail("/method", "must be an object, got " + describe(value));
    reject_unknown(value, "/method", method_keys);
    AbcSmcSettings method;
    auto integer = [&](const char* key, double low, double high, int fallback) {
      if (!value.contains(key)) return fallback;
      return static_cast<int>(checked([&] {
        return read_integer(value.at(key), child_pointer("/method", key), Range{low, high});
      }));
    };
    auto real = [&](const char* key, Range range, double fallback) {
      if (!value.contains(key)) return fallback;
      return checked(
          [&] { return read_real(value.at(key), child_pointer("/method", key), range); });
    };
    if (value.contains("name"))
      (void)checked([&] { return read_choice(value.at("name"), "/method/name", method_names); });
    if (value.contains("population_size") && value.at("population_size").is_object()) {
      method.adaptive_size = read_adaptive_size(value.at("population_size"));
      method.population_size = method.adaptive_size->initial;
    } else {
      method.population_size =
          integer("population_size", 2, largest_population, method.population_size);
    }
    method.replicates = integer("replicates", 1, 1000, method.replicates);
    method.tolerance_quantile =
        real("tolerance_quantile", Range{0.0, 1.0, true}, method.tolerance_quantile);
    if (method.tolerance_quantile >= 1.0)
      fail("/method/tolerance_quantile",
           "must be below 1 (1 would never lower the tolerance), got " +
               value.at("tolerance_quantile").dump());
    if (value.contains("distance"))
      method.distance = static_cast<DistanceKind>(checked([&] {
        return read_choice(value.at("distance"), "/method/distance", distance_kind_names());
      }));
    method.max_populations = integer("max_populations", 1, 1000, method.max_populations);
    method.min_tolerance = real("min_tolerance", Range{0.0, 1e300}, method.min_tolerance);
    method.min_acceptance_rate =
        real("min_acceptance_rate", Range{1e-6, 1.0}, method.min_acceptance_rate);
    method.predictive_draws = integer("predictive_draws", 0, 100000, method.population_size);
    return method;
  }

  CalibrationDefinition read(const std::string& text) {
    const Json document = parse_json_document(text, source_);
    if (!document.is_object())
      fail("", "a calibration file must be a JSON object, got " + describe(document));
    reject_unknown(document, "", calibration_keys);
    CalibrationDefinition calibration;
    calibration.source = source_;
    calibration.given_text = text;
    if (!document.contains("base"))
      fail("/base", "required: a scenario file name (relative to this file) or a scenario object");
    calibration.base_document = read_base(document.at("base"), calibration.base_source);
    const ScenarioSettings base = settings_from_json(calibration.base_document);
    calibration.name = document.contains("name")
                           ? checked([&] { return read_text(document.at("name"), "/name", true); })
                           : std::filesystem::path(source_).stem().string();
    if (document.contains("description"))
      calibration.description =
          checked([&] { return read_text(document.at("description"), "/description", false); });
    calibration.seed = document.contains("seed")
                           ? checked([&] { return read_unsigned64(document.at("seed"), "/seed"); })
                           : base.seed;
    if (!document.contains("targets"))
      fail("/targets", "required: a targets file name (relative to this file) or a targets object");
    calibration.targets = read_targets(document.at("targets"));
    calibration.target_outcomes = target_outcomes(calibration.targets);
    if (!document.contains("parameters"))
      fail("/parameters", "required: the scenario keys to calibrate, each with its prior");
    calibration.priors = read_parameters(document.at("parameters"), calibration.base_document);
    calibration.method =
        document.contains("method") ? read_method(document.at("method")) : AbcSmcSettings{};
    resolve(calibration);
    return calibration;
  }

  // Everything that decides the result, as one JSON text.
  static void resolve(CalibrationDefinition& c) {
    Json doc;
    doc["name"] = c.name;
    doc["description"] = c.description;
    const ResolvedScenario base = resolve_with_overrides(c.base_document, {}, c.source, "/base");
    doc["base"] = base.resolved;
    Json parameters = Json::object();
    for (const auto& p : c.priors)
      parameters[p.key] = {{"prior", prior_kind_names()[static_cast<std::size_t>(p.kind)]},
                           {"range", {p.low, p.high}}};
    doc["parameters"] = parameters;
    Json targets = Json::object();
    for (const auto& t : c.targets.targets) {
      Json target;
      target["outcome"] = t.outcome;
      if (t.observed)
        target["observed"] = *t.observed;
      else
        target["interval"] = {t.low, t.high};
      target[t.scale_kind] = t.scale;
      target["source"] = t.source;
      targets[t.name] = target;
    }
    doc["targets"] = targets;
    const AbcSmcSettings& m = c.method;
    // A fixed size is written as a number, as before adaptive sizes
    // existed: the fingerprint of an existing calibration is unchanged.
    Json population_size = m.population_size;
    if (m.adaptive_size)
      population_size = {{"adaptive",
                          {{"initial", m.adaptive_size->initial},
                           {"min", m.adaptive_size->min},
                           {"max", m.adaptive_size->max},
                           {"mean_cv", m.adaptive_size->mean_cv},
                           {"bootstraps", m.adaptive_size->bootstraps}}}};
    doc["method"] = {{"name", "abc_smc"},
                     {"population_size", population_size},
                     {"replicates", m.replicates},
                     {"tolerance_quantile", m.tolerance_quantile},
                     {"distance", distance_kind_names()[static_cast<std::size_t>(m.distance)]},
                     {"max_populations", m.max_populations},
                     {"min_tolerance", m.min_tolerance},
                     {"min_acceptance_rate", m.min_acceptance_rate},
                     {"predictive_draws", m.predictive_draws}};
    doc["seed"] = c.seed;
    c.resolved_json = doc.dump(2);
    c.fingerprint = fnv1a64(c.resolved_json);
  }
};

}  // namespace

const std::vector<std::string>& distance_kind_names() {
  static const std::vector<std::string> names{"euclidean", "max"};
  return names;
}

bool is_calibration_document(const Json& document) {
  return document.is_object() && document.contains("targets");
}

CalibrationDefinition read_calibration_text(const std::string& text, const std::string& source,
                                            const std::string& directory) {
  return CalibrationReader(source, directory).read(text);
}

CalibrationDefinition read_calibration_file(const std::string& path) {
  const std::string text = read_input_bytes(path);
  return read_calibration_text(text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace trustsim
