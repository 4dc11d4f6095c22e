#include "sweep/sweep_plan.hpp"

#include <cstdio>
#include <map>
#include <memory>
#include <optional>

#include "runner/seed_derivation.hpp"
#include "scenario/scenario_reader.hpp"
#include "sweep/coordinate_seed.hpp"

namespace trustsim {

namespace {

// The start day of the earliest enabled intervention, if any.
std::optional<int> first_intervention_start(const Parameters& p) {
  std::optional<int> first;
  for (const Intervention* i : p.interventions.all())
    if (i->enabled && (!first || i->start_day < *first)) first = i->start_day;
  return first;
}

// What sets one variant at one design point, on top of the sweep's run
// settings, in the order they apply.
std::vector<PlacedOverride> overrides_at(const std::vector<PlacedOverride>& run_settings,
                                         const DesignPoint& point, const Variant& variant) {
  std::vector<PlacedOverride> overrides = run_settings;
  overrides.insert(overrides.end(), point.overrides.begin(), point.overrides.end());
  for (const auto& o : variant.overrides) overrides.push_back(PlacedOverride{o, o.label});
  return overrides;
}

// Where a variant's errors are reported in the sweep file.
std::string context_of(const Variant& variant) {
  return variant.pointer.empty() ? "/base" : variant.pointer;
}

// The earliest start of an enabled intervention over every variant and
// design point of the sweep, if any has one.
std::optional<int> earliest_intervention_start(const SweepDefinition& sweep, const Design& design,
                                               const std::vector<PlacedOverride>& run_settings) {
  std::optional<int> earliest;
  for (const auto& point : design.points)
    for (const auto& variant : sweep.variants) {
      const auto start = first_intervention_start(
          resolve_with_overrides(sweep.base_document, overrides_at(run_settings, point, variant),
                                 sweep.source, context_of(variant))
              .settings.parameters);
      if (start && (!earliest || *start < *earliest)) earliest = start;
    }
  return earliest;
}

Json overrides_json(const std::vector<Override>& overrides) {
  Json object = Json::object();
  for (const auto& o : overrides) object[o.key] = o.value;
  return object;
}

std::string resolved_sweep_json(const SweepDefinition& sweep, const Json& resolved_base) {
  Json doc;
  doc["name"] = sweep.name;
  doc["description"] = sweep.description;
  doc["base_file"] = sweep.base_source;
  doc["base"] = resolved_base;
  Json variants = Json::object();
  for (const auto& v : sweep.variants) variants[v.name] = overrides_json(v.overrides);
  doc["variants"] = variants;
  Json grid = Json::object();
  for (const auto& axis : sweep.grid) grid[axis.key] = axis.values;
  doc["grid"] = grid;
  if (sweep.sample) {
    Json ranges = Json::object();
    for (const auto& r : sweep.sample->ranges) ranges[r.key] = {r.low, r.high};
    const SampleDesign& sample = *sweep.sample;
    Json object{{"method", sample.method}};
    if (sample.method == "morris") {
      object["trajectories"] = sample.trajectories;
      object["levels"] = sample.levels;
    } else {
      object["count"] = sample.count;
    }
    object["parameters"] = ranges;
    doc["sample"] = object;
  }
  doc["replicates"] = sweep.replicates;
  doc["seed"] = sweep.seed;
  doc["common_random_numbers"] = sweep.common_random_numbers;
  if (sweep.posterior)
    // Whole, so that a merge of shards rebuilds the plan without the file.
    doc["parameters_from"] = {{"path", sweep.posterior->path},
                              {"digest_fnv1a64", sweep.posterior->digest},
                              {"keys", sweep.posterior->keys},
                              {"values", sweep.posterior->values},
                              {"weights", sweep.posterior->weights}};
  return doc.dump(2);
}

// FNV-1a over the fields that make a run what it is.
class Fingerprint {
 public:
  void add(std::string_view text) {
    hash_ = fnv1a64_continue(hash_, text);
    hash_ = fnv1a64_continue(hash_, std::string_view("\x1f", 1));  // field separator
  }
  void add(std::uint64_t value) { add(std::to_string(value)); }
  void add_real(double value) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", value);
    add(text);
  }
  std::uint64_t value() const { return hash_; }

 private:
  static std::uint64_t fnv1a64_continue(std::uint64_t hash, std::string_view text) {
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    return hash;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string fingerprint_text(std::uint64_t fingerprint) {
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(fingerprint));
  return text;
}

SweepPlan expand_sweep(const SweepDefinition& sweep) {
  const Design design = expand_design(sweep);
  SweepPlan plan;
  plan.swept_keys = design.keys;
  plan.grid_key_count = design.grid_key_count;
  plan.replicates = sweep.replicates;
  plan.seed = sweep.seed;
  plan.common_random_numbers = sweep.common_random_numbers;
  plan.sensitivity = design.sensitivity;
  if (sweep.posterior) {
    plan.parameters_from = sweep.posterior->path;
    plan.parameters_from_digest = sweep.posterior->digest;
  }
  // The posterior particle of each replicate: the same for every variant
  // and design point.
  std::vector<std::size_t> particle_of(static_cast<std::size_t>(sweep.replicates), 0);
  if (sweep.posterior)
    for (int r = 0; r < sweep.replicates; ++r)
      particle_of[static_cast<std::size_t>(r)] =
          posterior_particle(sweep.posterior->weights, sweep.seed, r);
  // The coordinates a seed depends on: none in a sensitivity design.
  const std::vector<std::string> no_keys;
  const std::vector<double> no_values;
  const bool seeds_by_point = !design.sensitivity;
  for (const auto& v : sweep.variants) plan.variant_names.push_back(v.name);

  // The sweep's seed and replicates go into every run's resolved scenario.
  const std::vector<PlacedOverride> run_settings{
      {make_override("/seed", "seed", sweep.seed), "/seed"},
      {make_override("/replicates", "replicates", sweep.replicates), "/replicates"}};
  const ResolvedScenario base =
      resolve_with_overrides(sweep.base_document, run_settings, sweep.source, "/base");
  plan.resolved_json = resolved_sweep_json(sweep, base.resolved);

  // Not the resolved sweep text: it names the base file by a path that
  // depends on the working directory, and a resume from elsewhere is fine.
  Fingerprint fingerprint;
  for (const auto& key : plan.swept_keys) fingerprint.add(key);
  const std::optional<int> earliest_start =
      sweep.measure_from_first_intervention
          ? earliest_intervention_start(sweep, design, run_settings)
          : std::nullopt;
  for (const auto& point : design.points) {
    for (const auto& variant : sweep.variants) {
      const std::vector<PlacedOverride> overrides = overrides_at(run_settings, point, variant);
      const std::string context = context_of(variant);
      // The scenario under one posterior particle (or, without a posterior,
      // the only one), resolved once however many replicates draw it.
      struct Resolved {
        std::shared_ptr<const Parameters> parameters;
        std::shared_ptr<const std::string> json;
        std::uint64_t hash = 0;
      };
      std::map<std::size_t, Resolved> by_particle;
      auto resolved_for = [&](std::size_t particle) -> const Resolved& {
        auto found = by_particle.find(particle);
        if (found != by_particle.end()) return found->second;
        std::vector<PlacedOverride> all = overrides;
        if (sweep.posterior)
          for (std::size_t k = 0; k < sweep.posterior->keys.size(); ++k)
            all.push_back({make_override("/parameters_from", sweep.posterior->keys[k],
                                         sweep.posterior->values[particle][k]),
                           "/parameters_from"});
        ResolvedScenario resolved =
            resolve_with_overrides(sweep.base_document, all, sweep.source, context);
        if (sweep.measure_from_first_intervention) {
          // Resolved again with the window's first day, so that the run's
          // resolved scenario says which window it was measured over. A
          // variant without an intervention (the baseline) is measured from
          // the sweep's earliest start, so that the variants compared with
          // it are compared over the same days.
          const auto own_start = first_intervention_start(resolved.settings.parameters);
          if (const auto start = own_start ? own_start : earliest_start) {
            all.push_back({make_override("/measure_from", "outputs.measure_from_day", *start),
                           "/measure_from"});
            resolved = resolve_with_overrides(sweep.base_document, all, sweep.source, context);
          }
        }
        Resolved entry;
        entry.parameters =
            std::make_shared<const Parameters>(std::move(resolved.settings.parameters));
        // Compact: one copy goes into every run's group of the output file.
        entry.json = std::make_shared<const std::string>(resolved.resolved.dump());
        entry.hash = fnv1a64(*entry.json);
        return by_particle.emplace(particle, std::move(entry)).first->second;
      };
      for (int r = 0; r < sweep.replicates; ++r) {
        RunPlan run;
        run.run_id = static_cast<std::int64_t>(plan.runs.size());
        run.variant = variant.name;
        run.replicate = r;
        run.seed = coordinate_seed(
            sweep.seed, sweep.common_random_numbers ? baseline_variant : variant.name,
            seeds_by_point ? design.keys : no_keys, seeds_by_point ? point.values : no_values,
            static_cast<std::uint64_t>(r));
        const Resolved& resolved = resolved_for(particle_of[static_cast<std::size_t>(r)]);
        run.parameters = resolved.parameters;
        run.parameters_json = resolved.json;
        run.swept_values = point.values;
        fingerprint.add(static_cast<std::uint64_t>(run.run_id));
        fingerprint.add(run.variant);
        fingerprint.add(run.seed);
        for (double v : run.swept_values) fingerprint.add_real(v);
        fingerprint.add(resolved.hash);
        plan.runs.push_back(std::move(run));
      }
    }
  }
  plan.fingerprint = fingerprint.value();
  return plan;
}

SweepPlan one_variant_plan(std::shared_ptr<const Parameters> parameters, std::string resolved_json,
                           std::uint64_t seed, const std::string& variant, int replicates,
                           bool summary_only) {
  SweepPlan plan;
  plan.variant_names = {variant};
  plan.replicates = replicates;
  plan.seed = seed;
  plan.resolved_json = std::move(resolved_json);
  const auto json = std::make_shared<const std::string>(plan.resolved_json);
  plan.runs = replicate_plans(std::move(parameters), json, seed, variant, replicates);
  Fingerprint fingerprint;
  fingerprint.add(summary_only ? "summary only" : "full");
  const std::uint64_t hash = fnv1a64(*json);
  for (const RunPlan& run : plan.runs) {
    fingerprint.add(static_cast<std::uint64_t>(run.run_id));
    fingerprint.add(run.variant);
    fingerprint.add(run.seed);
    fingerprint.add(hash);
  }
  plan.fingerprint = fingerprint.value();
  return plan;
}

}  // namespace trustsim
