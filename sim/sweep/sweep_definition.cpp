#include "sweep/sweep_definition.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "io/output_file.hpp"
#include "model/metrics.hpp"
#include "scenario/input_reader.hpp"
#include "scenario/json_document.hpp"
#include "scenario/nearest_name.hpp"
#include "scenario/scenario_error.hpp"
#include "scenario/scenario_reader.hpp"
#include "sweep/placed_override.hpp"

namespace trustsim {

namespace {

const std::vector<std::string> sweep_keys{"name",
                                          "description",
                                          "base",
                                          "variants",
                                          "grid",
                                          "sample",
                                          "replicates",
                                          "seed",
                                          "common_random_numbers",
                                          "parameters_from",
                                          "outcomes",
                                          "measure_from"};
const std::vector<std::string> measure_from_choices{"measure_from_day", "first_intervention"};
const std::vector<std::string> sample_methods{"latin_hypercube", "morris", "sobol"};
// The keys of /sample, by method (in sample_methods' order).
const std::vector<std::vector<std::string>> sample_keys{
    {"method", "count", "parameters"},
    {"method", "trajectories", "levels", "parameters"},
    {"method", "count", "parameters"}};

// Scenario keys that say how to run, not what to simulate: the sweep sets
// them for every run itself.
const std::set<std::string> run_settings{"name", "description", "seed", "replicates"};

// Problems found while reading one sweep file, reported against it.
class SweepReader : public InputReader {
 public:
  SweepReader(std::string source, std::string directory)
      : InputReader(std::move(source), std::move(directory), "sweep") {}

  // The outcomes the sweep's question is about (the report shows them
  // first); checked here, read by the report from the sweep file as given.
  void check_outcomes(const Json& value) const {
    if (!value.is_array() || value.empty())
      fail("/outcomes", "a non-empty list of outcome names, e.g. [\"incidents\", \"leavers\"]");
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string at = "/outcomes/" + std::to_string(i);
      const std::string name = checked([&] { return read_text(value[i], at, true); });
      std::vector<std::string> known;
      for (const auto& info : outcome_info) known.emplace_back(info.name);
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      std::string problem = "unknown outcome \"" + name + "\"";
      if (auto near = nearest_name(name, known)) problem += "; did you mean \"" + *near + "\"?";
      fail(at, problem);
    }
  }

  // A dotted scenario key as written in variants, grid or sample.
  Override scenario_key(const std::string& key, const std::string& at, Json value) const {
    const std::string first = key.substr(0, key.find('.'));
    if (run_settings.count(first))
      fail(at, "\"" + key +
                   "\" cannot be varied: seed, replicates, name and description are set by "
                   "the sweep itself, for every run");
    try {
      return make_override(at, key, std::move(value));
    } catch (const ScenarioError& error) {
      fail(at, error.problem());
    }
  }

  // The posterior as the resolved sweep (the output's scenario_resolved)
  // holds it, so that `trustsim merge` rebuilds the plan without the file.
  Posterior inline_posterior(const Json& value, const std::string& at) const {
    reject_unknown(value, at, {"path", "digest_fnv1a64", "keys", "values", "weights"});
    for (const char* key : {"path", "digest_fnv1a64", "keys", "values", "weights"})
      if (!value.contains(key)) fail(child_pointer(at, key), "required in an inline posterior");
    Posterior posterior;
    try {
      posterior.path = value.at("path").get<std::string>();
      posterior.digest = value.at("digest_fnv1a64").get<std::string>();
      posterior.keys = value.at("keys").get<std::vector<std::string>>();
      posterior.values = value.at("values").get<std::vector<std::vector<double>>>();
      posterior.weights = value.at("weights").get<std::vector<double>>();
    } catch (const nlohmann::json::exception&) {
      fail(at,
           "an inline posterior needs path, digest_fnv1a64 (text), keys (list of text), "
           "values (list of lists of numbers) and weights (list of numbers)");
    }
    double total = 0.0;
    for (double w : posterior.weights) {
      if (!(w >= 0.0) || !std::isfinite(w)) fail(child_pointer(at, "weights"), "must be >= 0");
      total += w;
    }
    if (posterior.keys.empty() || !(total > 0.0) ||
        posterior.values.size() != posterior.weights.size())
      fail(at,
           "an inline posterior needs keys, one row of values per weight, and weights "
           "summing to more than 0");
    for (const auto& row : posterior.values)
      if (row.size() != posterior.keys.size())
        fail(child_pointer(at, "values"), "each row needs one value per key");
    return posterior;
  }

  Posterior read_posterior_from(const Json& value, const Json& base) const {
    const std::string at = "/parameters_from";
    Posterior posterior;
    if (value.is_object()) {
      posterior = inline_posterior(value, at);
    } else {
      if (!value.is_string() || value.get<std::string>().empty())
        fail(at, "must name the output file of trustsim calibrate, got " + describe(value));
      std::filesystem::path path(value.get<std::string>());
      if (path.is_relative() && !directory_.empty())
        path = std::filesystem::path(directory_) / path;
      std::error_code error;
      if (!std::filesystem::is_regular_file(path, error))
        fail(at, "calibration output " + path.string() +
                     " does not exist (a relative path is taken from the sweep file's directory)");
      try {
        posterior = read_posterior(path);
      } catch (const FileError& problem) {
        fail(at, problem.what());
      }
    }
    // Every key must be a scenario setting, and every particle a valid
    // scenario: a posterior fitted to another base may not fit this one.
    for (std::size_t k = 0; k < posterior.keys.size(); ++k) {
      const std::string& key = posterior.keys[k];
      const std::string first = key.substr(0, key.find('.'));
      if (run_settings.count(first))
        fail(at, "the posterior sets \"" + key + "\", which the sweep sets for every run");
      try {
        const PlacedOverride one{make_override(at, key, posterior.values[0][k]), at};
        (void)resolve_with_overrides(base, {one}, source_, at);
      } catch (const ScenarioError& problem) {
        fail(at, "the posterior's parameter \"" + key +
                     "\" is not a setting of this sweep's base scenario: " + problem.problem());
      }
    }
    for (std::size_t i = 0; i < posterior.values.size(); ++i) {
      std::vector<PlacedOverride> placed;
      for (std::size_t k = 0; k < posterior.keys.size(); ++k)
        placed.push_back({make_override(at, posterior.keys[k], posterior.values[i][k]), at});
      try {
        (void)resolve_with_overrides(base, placed, source_, at);
      } catch (const ScenarioError& problem) {
        fail(at, "posterior particle " + std::to_string(i) +
                     " does not fit the base scenario: " + problem.problem());
      }
    }
    return posterior;
  }

  std::vector<Variant> read_variants(const Json& value) const {
    std::vector<Variant> variants;
    if (!value.is_object())
      fail("/variants", "must be an object (variant name -> overrides), got " + describe(value));
    for (const auto& [name, overrides] : value.items()) {
      const std::string at = child_pointer("/variants", name);
      if (name.empty()) fail(at, "a variant needs a name");
      if (name.size() > 64) fail(at, "variant names are at most 64 characters");
      for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f) fail(at, "a variant name may not hold control characters");
      if (!overrides.is_object())
        fail(at, "must be an object of dotted.key: value overrides, got " + describe(overrides));
      Variant variant{name, at, {}};
      for (const auto& [key, setting] : overrides.items()) {
        const std::string key_at = child_pointer(at, key);
        if (setting.is_object())
          fail(key_at,
               "an override sets one value, not a group: write each key as "
               "\"" +
                   key + ".name\"");
        if (setting.is_null()) fail(key_at, "an override needs a value, got null");
        variant.overrides.push_back(scenario_key(key, key_at, setting));
      }
      variants.push_back(std::move(variant));
    }
    const bool has_baseline = std::any_of(variants.begin(), variants.end(), [](const Variant& v) {
      return v.name == baseline_variant;
    });
    if (!has_baseline) variants.insert(variants.begin(), Variant{baseline_variant, "", {}});
    return variants;
  }

  std::vector<GridAxis> read_grid(const Json& value) const {
    if (!value.is_object())
      fail("/grid", "must be an object (dotted.key -> list of values), got " + describe(value));
    std::vector<GridAxis> grid;
    for (const auto& [key, values] : value.items()) {
      const std::string at = child_pointer("/grid", key);
      (void)scenario_key(key, at, Json());  // the key's own form
      if (!values.is_array()) fail(at, "must be a list of values, got " + describe(values));
      if (values.empty()) fail(at, "empty list: a grid axis needs at least one value");
      GridAxis axis{key, at, {}};
      for (std::size_t i = 0; i < values.size(); ++i) {
        const Json& v = values[i];
        // Values become float64 columns of /summary; a named choice (a
        // regime, a team) is what variants are for.
        if (!(v.is_number() || v.is_boolean()))
          fail(child_pointer(at, i), "grid values must be numbers or true/false, got " +
                                         describe(v) + " (use variants for named choices)");
        if (v.is_number_float() && !std::isfinite(v.get<double>()))
          fail(child_pointer(at, i), "must be a finite number");
        for (std::size_t j = 0; j < i; ++j)
          if (values[j] == v)
            fail(child_pointer(at, i),
                 describe(v) + " is already in this list at entry " + std::to_string(j));
        axis.values.push_back(v);
      }
      grid.push_back(std::move(axis));
    }
    return grid;
  }

  SampleDesign read_sample(const Json& value) const {
    if (!value.is_object()) fail("/sample", "must be an object, got " + describe(value));
    SampleDesign sample;
    std::size_t method = 0;
    if (value.contains("method"))
      method = checked(
          [&] { return read_choice(value.at("method"), "/sample/method", sample_methods); });
    sample.method = sample_methods[method];
    reject_unknown(value, "/sample", sample_keys[method]);
    if (sample.method == "morris") {
      if (!value.contains("trajectories"))
        fail("/sample/trajectories", "required integer is missing (a Morris design's r)");
      // σ needs two trajectories; screening studies use 10 to 50.
      sample.trajectories = static_cast<int>(checked([&] {
        return read_integer(value.at("trajectories"), "/sample/trajectories", Range{2, 100000});
      }));
      if (value.contains("levels")) {
        sample.levels = static_cast<int>(checked([&] {
          return read_integer(value.at("levels"), "/sample/levels", Range{2, 1000});
        }));
        // An even p makes the step p / (2(p - 1)) a whole number of levels.
        if (sample.levels % 2 != 0)
          fail("/sample/levels",
               "must be even (Morris's step is p/2 levels), got " + std::to_string(sample.levels));
      }
    } else {
      if (!value.contains("count")) fail("/sample/count", "required integer is missing");
      // Sobol' rows are bootstrapped for intervals: two at least.
      const double least = sample.method == "sobol" ? 2 : 1;
      sample.count = static_cast<int>(checked([&] {
        return read_integer(value.at("count"), "/sample/count", Range{least, 100000});
      }));
    }
    if (!value.contains("parameters"))
      fail("/sample/parameters", "required object (dotted.key -> [low, high]) is missing");
    const Json& parameters = value.at("parameters");
    if (!parameters.is_object() || parameters.empty())
      fail("/sample/parameters",
           "must be a non-empty object (dotted.key -> [low, high]), got " + describe(parameters));
    for (const auto& item : parameters.items()) {
      // Named, not structured bindings: lambdas below capture them.
      const std::string& key = item.key();
      const Json& bounds = item.value();
      const std::string at = child_pointer("/sample/parameters", key);
      (void)scenario_key(key, at, Json());
      if (!bounds.is_array() || bounds.size() != 2)
        fail(at, "must be [low, high], got " + describe(bounds));
      const Range any{-1e300, 1e300};
      const double low = checked([&] { return read_real(bounds[0], child_pointer(at, 0), any); });
      const double high = checked([&] { return read_real(bounds[1], child_pointer(at, 1), any); });
      if (low > high)
        fail(at,
             "low must not exceed high, got [" + bounds[0].dump() + ", " + bounds[1].dump() + "]");
      sample.ranges.push_back(SampledRange{key, low, high, false});
      sample.pointers.push_back(at);
    }
    return sample;
  }

  // Each sampled key must be a numeric setting, and both ends of its range
  // must be valid values of it; whether it is an integer decides rounding.
  void check_sampled_keys(SampleDesign& sample, const Json& base) const {
    for (std::size_t k = 0; k < sample.ranges.size(); ++k) {
      SampledRange& range = sample.ranges[k];
      const std::string& at = sample.pointers[k];
      ResolvedScenario resolved;
      for (std::size_t end = 0; end < 2; ++end) {
        const double bound = end == 0 ? range.low : range.high;
        const PlacedOverride placed{make_override(at, range.key, bound), child_pointer(at, end)};
        resolved = resolve_with_overrides(base, {placed}, source_, at);
      }
      const Json::json_pointer pointer(placed_pointer(range.key));
      const Json& setting = resolved.resolved.at(pointer);
      if (!setting.is_number())
        fail(at, "only numeric settings can be sampled; " + range.key + " is " + describe(setting) +
                     " (use variants or a grid)");
      range.integer = setting.is_number_integer() || setting.is_number_unsigned();
    }
  }

  static std::string placed_pointer(const std::string& dotted) {
    return make_override("", dotted, Json()).pointer;
  }

  // A key varied in two places would make the order of application decide
  // its value; say so instead.
  void check_disjoint(const SweepDefinition& sweep) const {
    struct Use {
      std::string pointer;   // the scenario key, as a JSON pointer
      std::string location;  // where the sweep sets it
    };
    std::vector<Use> designed;
    for (const auto& axis : sweep.grid)
      designed.push_back({placed_pointer(axis.key), axis.pointer});
    if (sweep.sample)
      for (std::size_t k = 0; k < sweep.sample->ranges.size(); ++k)
        designed.push_back(
            {placed_pointer(sweep.sample->ranges[k].key), sweep.sample->pointers[k]});
    auto overlap = [](const std::string& a, const std::string& b) {
      auto inside = [](const std::string& p, const std::string& g) {
        return p == g || p.compare(0, g.size() + 1, g + "/") == 0;
      };
      return inside(a, b) || inside(b, a);
    };
    if (sweep.posterior) {
      std::vector<Use> varied = designed;
      for (const auto& variant : sweep.variants)
        for (const auto& o : variant.overrides) varied.push_back({o.pointer, o.label});
      for (const auto& key : sweep.posterior->keys)
        for (const auto& use : varied)
          if (overlap(placed_pointer(key), use.pointer))
            fail(use.location, "this key is drawn from the posterior (/parameters_from: " +
                                   sweep.posterior->path +
                                   "); a variant, grid or sample may not vary it too");
    }
    for (std::size_t i = 0; i < designed.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (overlap(designed[i].pointer, designed[j].pointer))
          fail(designed[i].location, "this key is also varied at " + designed[j].location);
    for (const auto& variant : sweep.variants)
      for (const auto& o : variant.overrides)
        for (const auto& use : designed)
          if (overlap(o.pointer, use.pointer))
            fail(o.label, "this key is also varied by the design at " + use.location +
                              "; a variant may not set it too");
  }

  SweepDefinition read(const std::string& text) {
    const Json document = parse_json_document(text, source_);
    if (!document.is_object())
      fail("/", "a sweep must be a JSON object, got " + describe(document));
    reject_unknown(document, "", sweep_keys);

    SweepDefinition sweep;
    sweep.source = source_;
    sweep.given_text = text;
    if (!document.contains("base"))
      fail("/base", "required: a scenario file name (relative to this file) or a scenario object");
    sweep.base_document = read_base(document.at("base"), sweep.base_source);
    const ScenarioSettings base = settings_from_json(sweep.base_document);

    sweep.name = document.contains("name")
                     ? checked([&] { return read_text(document.at("name"), "/name", true); })
                     : std::filesystem::path(source_).stem().string();
    if (document.contains("description"))
      sweep.description =
          checked([&] { return read_text(document.at("description"), "/description", false); });
    sweep.replicates = document.contains("replicates") ? static_cast<int>(checked([&] {
      return read_integer(document.at("replicates"), "/replicates",
                          Range{1, double(max_replicates)});
    }))
                                                       : base.replicates;
    sweep.seed = document.contains("seed")
                     ? checked([&] { return read_unsigned64(document.at("seed"), "/seed"); })
                     : base.seed;

    if (document.contains("outcomes")) check_outcomes(document.at("outcomes"));
    if (document.contains("variants"))
      sweep.variants = read_variants(document.at("variants"));
    else
      sweep.variants = {Variant{baseline_variant, "", {}}};
    if (document.contains("grid")) sweep.grid = read_grid(document.at("grid"));
    if (document.contains("sample")) {
      sweep.sample = read_sample(document.at("sample"));
      // The estimators need the design whole, once: a grid would cross it
      // with every cell and the indices would mix the grid keys in.
      if (sweep.sample->is_sensitivity() && !sweep.grid.empty())
        fail("/sample/method", "a " + sweep.sample->method +
                                   " design cannot be combined with a grid (its indices need "
                                   "the design alone); use variants, or one sweep per grid value");
    }
    if (document.contains("common_random_numbers"))
      sweep.common_random_numbers = checked([&] {
        return read_boolean(document.at("common_random_numbers"), "/common_random_numbers");
      });
    if (document.contains("measure_from"))
      sweep.measure_from_first_intervention =
          checked([&] {
            return read_choice(document.at("measure_from"), "/measure_from", measure_from_choices);
          }) == 1;  // measure_from_choices[1]
    if (document.contains("parameters_from"))
      sweep.posterior = read_posterior_from(document.at("parameters_from"), sweep.base_document);
    check_disjoint(sweep);
    if (sweep.sample) check_sampled_keys(*sweep.sample, sweep.base_document);

    long double scenarios = static_cast<long double>(sweep.variants.size());
    for (const auto& axis : sweep.grid) scenarios *= static_cast<long double>(axis.values.size());
    if (sweep.sample) scenarios *= static_cast<long double>(sweep.sample->point_count());
    const long double runs = scenarios * sweep.replicates;
    if (runs > max_sweep_runs)
      fail("", "the sweep expands to " + std::to_string(static_cast<long long>(runs)) +
                   " runs, more than the limit of " + std::to_string(max_sweep_runs) +
                   " (check replicates, the grid and sample.count)");
    // Each posterior particle a replicate draws is a scenario of its own.
    if (sweep.posterior)
      scenarios *= static_cast<long double>(std::min<std::size_t>(
          static_cast<std::size_t>(sweep.replicates), sweep.posterior->weights.size()));
    if (scenarios > max_sweep_scenarios)
      fail("", "the sweep has " + std::to_string(static_cast<long long>(scenarios)) +
                   " scenarios (design points x variants" +
                   (sweep.posterior ? " x posterior particles drawn" : "") +
                   "), more than the limit of " + std::to_string(max_sweep_scenarios) +
                   "; each is validated and held whole (replicates are cheap)");
    return sweep;
  }
};

}  // namespace

long long SampleDesign::point_count() const {
  const auto k = static_cast<long long>(ranges.size());
  if (method == "morris") return trajectories * (k + 1);
  if (method == "sobol") return count * (k + 2);
  return count;
}

bool is_sweep_document(const Json& document) {
  return document.is_object() && document.contains("base");
}

SweepDefinition read_sweep_text(const std::string& text, const std::string& source,
                                const std::string& directory) {
  return SweepReader(source, directory).read(text);
}

SweepDefinition read_sweep_file(const std::string& path) {
  const std::string text = read_input_bytes(path);
  return read_sweep_text(text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace trustsim
