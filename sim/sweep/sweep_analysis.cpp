#include "sweep/sweep_analysis.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "sweep/comparison_file.hpp"
#include "sweep/interval_estimate.hpp"
#include "sweep/sensitivity_file.hpp"

namespace trustsim {

namespace {

// /team_comparison: each variant's team outcomes (/team_summary) per grid
// cell, locality and team, with the 95% t interval of the mean and the
// Welch interval of the difference from the baseline, as /comparison does
// for the run outcomes. Nothing when the file has no /team_summary.
void write_team_comparison(hid_t file, const SweepPlan& plan, const std::vector<RunPlan>& runs) {
  if (H5Lexists(file, "team_summary", H5P_DEFAULT) <= 0) return;
  hdf5::Handle table =
      hdf5::group(H5Gopen2(file, "team_summary", H5P_DEFAULT), "open /team_summary");
  const auto run = hdf5::read_int64s(table, "run");
  const auto team = hdf5::read_strings(table, "team");
  const auto locality = hdf5::read_int64s(table, "locality");
  std::array<std::vector<double>, team_outcome_count> values;
  for (std::size_t o = 0; o < team_outcome_count; ++o)
    values[o] = hdf5::read_doubles(table, team_outcome_info[o].name);
  std::map<std::int64_t, const RunPlan*> plan_of;
  for (const RunPlan& r : runs) plan_of[r.run_id] = &r;

  // Rows by (grid cell, locality, team) in order of first appearance, then variant.
  using Place = std::tuple<std::vector<double>, std::int64_t, std::string>;
  std::vector<Place> places;
  std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> rows_of;
  for (std::size_t i = 0; i < run.size(); ++i) {
    const auto found = plan_of.find(run[i]);
    if (found == plan_of.end()) continue;
    const RunPlan& r = *found->second;
    Place place{std::vector<double>(
                    r.swept_values.begin(),
                    r.swept_values.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count)),
                locality[i], team[i]};
    auto at = std::find(places.begin(), places.end(), place);
    if (at == places.end()) at = places.insert(places.end(), std::move(place));
    rows_of[{static_cast<std::size_t>(at - places.begin()), r.variant}].push_back(i);
  }

  std::vector<std::string> variant_column, team_column, outcome_column;
  std::vector<std::int32_t> locality_column;
  std::vector<std::int64_t> n_column;
  std::vector<std::vector<double>> grid_columns(plan.grid_key_count);
  std::array<std::vector<double>, 6>
      numbers;  // mean, ci_low, ci_high, diff, diff_ci_low, diff_ci_high
  for (std::size_t p = 0; p < places.size(); ++p)
    for (const std::string& variant : plan.variant_names) {
      const auto rows = rows_of.find({p, variant});
      if (rows == rows_of.end()) continue;
      const auto reference = rows_of.find({p, std::string(baseline_variant)});
      for (std::size_t o = 0; o < team_outcome_count; ++o) {
        auto pick = [&](const std::vector<std::size_t>& at) {
          std::vector<double> v;
          for (std::size_t i : at) v.push_back(values[o][i]);
          return v;
        };
        const std::vector<double> mine = pick(rows->second);
        const MeanInterval mean = mean_interval(mine);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        DifferenceInterval difference{nan, nan, nan, nan};
        if (variant != baseline_variant && reference != rows_of.end())
          difference = welch_difference(mine, pick(reference->second));
        variant_column.push_back(variant);
        for (std::size_t k = 0; k < plan.grid_key_count; ++k)
          grid_columns[k].push_back(std::get<0>(places[p])[k]);
        locality_column.push_back(static_cast<std::int32_t>(std::get<1>(places[p])));
        team_column.push_back(std::get<2>(places[p]));
        outcome_column.emplace_back(team_outcome_info[o].name);
        n_column.push_back(static_cast<std::int64_t>(mean.n));
        const double row[] = {mean.mean,      mean.low,       mean.high, difference.difference,
                              difference.low, difference.high};
        for (std::size_t c = 0; c < numbers.size(); ++c) numbers[c].push_back(row[c]);
      }
    }

  using hdf5::DatasetInfo;
  hdf5::Handle group = hdf5::create_group(file, "team_comparison");
  std::vector<std::string> columns{"variant"};
  hdf5::write_strings(group, "variant", variant_column, DatasetInfo{"1", "variant name"});
  for (std::size_t k = 0; k < plan.grid_key_count; ++k) {
    hdf5::write_dataset(group, plan.swept_keys[k], grid_columns[k],
                        DatasetInfo{"1", "grid value of " + plan.swept_keys[k]});
    columns.push_back(plan.swept_keys[k]);
  }
  hdf5::write_dataset(group, "locality", locality_column, DatasetInfo{"1", "the team's locality"});
  hdf5::write_strings(group, "team", team_column, DatasetInfo{"1", "team name"});
  hdf5::write_strings(group, "outcome", outcome_column,
                      DatasetInfo{"1", "team outcome name (a /team_summary column)"});
  hdf5::write_dataset(group, "n", n_column, DatasetInfo{"runs", "runs behind the mean"});
  columns.insert(columns.end(), {"locality", "team", "outcome", "n"});
  const char* names[] = {"mean", "ci_low", "ci_high", "diff", "diff_ci_low", "diff_ci_high"};
  const char* meanings[] = {
      "mean of the team outcome over the variant's runs (in the grid cell)",
      "lower end of the 95% t confidence interval of the mean",
      "upper end of the 95% t confidence interval of the mean",
      "mean minus the baseline variant's mean for the same team (NaN on baseline rows)",
      "lower end of the 95% Welch confidence interval of diff",
      "upper end of the 95% Welch confidence interval of diff"};
  for (std::size_t c = 0; c < numbers.size(); ++c) {
    hdf5::write_dataset(group, names[c], numbers[c],
                        DatasetInfo{"units of the outcome", meanings[c]});
    columns.emplace_back(names[c]);
  }
  hdf5::write_attribute(group, "columns", columns);
  hdf5::write_attribute(group, "confidence_level", std::string("0.95"));
  hdf5::write_attribute(group, "reference_variant", std::string(baseline_variant));
}

}  // namespace

void write_sweep_analysis(hid_t file, const SweepPlan& plan, const std::vector<RunPlan>& runs,
                          SweepOutcomes outcomes, bool comparison_only) {
  // Runs pair by design point and replicate when they share a seed or a
  // posterior parameter set.
  const bool paired = plan.common_random_numbers || !plan.parameters_from.empty();
  if (paired)
    for (const RunPlan& run : runs) {
      std::vector<double> key = run.swept_values;
      key.push_back(static_cast<double>(run.replicate));
      outcomes.pair_keys.push_back(std::move(key));
    }
  const std::vector<std::string> grid_keys(
      plan.swept_keys.begin(),
      plan.swept_keys.begin() + static_cast<std::ptrdiff_t>(plan.grid_key_count));
  std::vector<std::pair<std::string, int>> windows;
  for (const RunPlan& run : runs)
    windows.emplace_back(run.variant, run.parameters->outputs.measure_from_day);
  write_comparison(file, ComparisonTable{grid_keys, compare_variants(plan.variant_names, outcomes),
                                         plan.common_random_numbers, plan.parameters_from,
                                         plan.parameters_from_digest, window_text(windows)});
  if (comparison_only) return;
  write_team_comparison(file, plan, runs);
  if (plan.sensitivity)
    write_sensitivity(file, sensitivity_analysis(*plan.sensitivity, plan.variant_names,
                                                 plan.replicates, outcomes.outcomes, plan.seed));
}

}  // namespace trustsim
