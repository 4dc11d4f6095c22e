#include "sweep/comparison_file.hpp"

#include <algorithm>
#include <limits>
#include <string_view>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"

namespace trustsim {

namespace {

using hdf5::DatasetInfo;

// The numeric columns after `n`: name, meaning, and where a row keeps it.
struct IntervalColumn {
  const char* name;
  const char* description;
  double (*get)(const ComparisonRow&);
  void (*set)(ComparisonRow&, double);
};

const std::vector<IntervalColumn> interval_columns{
    {"mean", "mean of the outcome over the variant's runs (in the grid cell)",
     [](const ComparisonRow& r) { return r.mean.mean; },
     [](ComparisonRow& r, double v) { r.mean.mean = v; }},
    {"ci_low", "lower end of the 95% t confidence interval of the mean",
     [](const ComparisonRow& r) { return r.mean.low; },
     [](ComparisonRow& r, double v) { r.mean.low = v; }},
    {"ci_high", "upper end of the 95% t confidence interval of the mean",
     [](const ComparisonRow& r) { return r.mean.high; },
     [](ComparisonRow& r, double v) { r.mean.high = v; }},
    {"diff", "mean minus the baseline variant's mean (NaN on baseline rows)",
     [](const ComparisonRow& r) { return r.difference.difference; },
     [](ComparisonRow& r, double v) { r.difference.difference = v; }},
    {"diff_ci_low", "lower end of the 95% Welch confidence interval of diff",
     [](const ComparisonRow& r) { return r.difference.low; },
     [](ComparisonRow& r, double v) { r.difference.low = v; }},
    {"diff_ci_high", "upper end of the 95% Welch confidence interval of diff",
     [](const ComparisonRow& r) { return r.difference.high; },
     [](ComparisonRow& r, double v) { r.difference.high = v; }},
    {"paired_diff",
     "mean over pairs (runs at the same design point and replicate, sharing their seed with "
     "common random numbers and their parameter set with parameters_from) of the variant's "
     "minus the baseline's outcome (NaN when runs are not paired)",
     [](const ComparisonRow& r) { return r.paired.difference; },
     [](ComparisonRow& r, double v) { r.paired.difference = v; }},
    {"paired_diff_ci_low", "lower end of the 95% paired t confidence interval of paired_diff",
     [](const ComparisonRow& r) { return r.paired.low; },
     [](ComparisonRow& r, double v) { r.paired.low = v; }},
    {"paired_diff_ci_high", "upper end of the 95% paired t confidence interval of paired_diff",
     [](const ComparisonRow& r) { return r.paired.high; },
     [](ComparisonRow& r, double v) { r.paired.high = v; }},
};

// Files written before common random numbers lack the paired columns.
bool optional_column(const IntervalColumn& column) {
  return std::string_view(column.name).starts_with("paired_");
}

}  // namespace

void write_comparison(hid_t file, const ComparisonTable& table) {
  hdf5::Handle group = hdf5::create_group(file, "comparison");
  const std::size_t n = table.rows.size();
  std::vector<std::string> columns{"variant"};
  std::vector<std::string> variants(n), outcomes(n);
  std::vector<std::int64_t> counts(n);
  for (std::size_t i = 0; i < n; ++i) {
    variants[i] = table.rows[i].variant;
    outcomes[i] = outcome_info[table.rows[i].outcome].name;
    counts[i] = static_cast<std::int64_t>(table.rows[i].mean.n);
  }
  hdf5::write_strings(group, "variant", variants, DatasetInfo{"1", "variant name"});
  for (std::size_t k = 0; k < table.grid_keys.size(); ++k) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = table.rows[i].grid_values[k];
    hdf5::write_dataset(
        group, table.grid_keys[k], values,
        DatasetInfo{"1", "grid value of " + table.grid_keys[k] + " (the grid cell compared in)"});
    columns.push_back(table.grid_keys[k]);
  }
  hdf5::write_strings(group, "outcome", outcomes,
                      DatasetInfo{"1", "outcome name (a /summary column)"});
  hdf5::write_dataset(group, "n", counts, DatasetInfo{"runs", "replicates behind the mean"});
  columns.insert(columns.end(), {"outcome", "n"});
  for (const auto& column : interval_columns) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = column.get(table.rows[i]);
    hdf5::write_dataset(group, column.name, values,
                        DatasetInfo{"units of the outcome", column.description});
    columns.emplace_back(column.name);
  }
  std::vector<std::string> better(n);
  std::vector<double> improves(n);
  for (std::size_t i = 0; i < n; ++i) {
    better[i] = better_text(better_direction(table.rows[i].outcome));
    improves[i] = table.rows[i].prob_improves;
  }
  hdf5::write_strings(group, "better", better,
                      DatasetInfo{"1",
                                  "which way the outcome improves: higher, lower, or empty "
                                  "where that is not clear-cut"});
  hdf5::write_dataset(
      group, "prob_improves", improves,
      DatasetInfo{"1",
                  "share of paired differences (variant minus baseline, one design point "
                  "and replicate each) in the better direction, ties counting one half "
                  "(NaN on baseline rows, without a direction, or unpaired runs)"});
  columns.insert(columns.end(), {"better", "prob_improves"});
  hdf5::write_attribute(group, "columns", columns);
  hdf5::write_attribute(group, "grid_keys", table.grid_keys);
  hdf5::write_attribute(group, "confidence_level", std::string("0.95"));
  hdf5::write_attribute(group, "reference_variant", std::string("baseline"));
  hdf5::write_attribute(group, "common_random_numbers",
                        std::string(table.common_random_numbers ? "true" : "false"));
  hdf5::write_attribute(group, "parameter_uncertainty",
                        std::string(table.parameter_uncertainty() ? "true" : "false"));
  if (!table.window.empty()) hdf5::write_attribute(group, "window", table.window);
  if (table.parameter_uncertainty()) {
    hdf5::write_attribute(group, "parameters_from", table.parameters_from);
    hdf5::write_attribute(group, "parameters_from_digest", table.parameters_from_digest);
  }
}

std::string window_text(const std::vector<std::pair<std::string, int>>& variant_from_day) {
  std::vector<std::pair<std::string, int>> firsts;  // per variant, in order of appearance
  for (const auto& entry : variant_from_day) {
    const auto& [variant, day] = entry;
    auto at = std::find_if(firsts.begin(), firsts.end(),
                           [&](const auto& f) { return f.first == entry.first; });
    if (at == firsts.end())
      firsts.emplace_back(variant, day);
    else if (at->second != day)
      at->second = std::min(at->second, day);  // never within one variant (one scenario)
  }
  if (firsts.empty()) return "";
  const bool same = std::all_of(firsts.begin(), firsts.end(),
                                [&](const auto& f) { return f.second == firsts.front().second; });
  if (same)
    return "every outcome measured from day " + std::to_string(firsts.front().second) +
           " to the end of each run (outputs.measure_from_day)";
  std::string text = "outcomes measured to the end of each run from day";
  for (std::size_t k = 0; k < firsts.size(); ++k)
    text += (k == 0 ? " " : ", ") + std::to_string(firsts[k].second) + " (" + firsts[k].first + ")";
  return text +
         " (outputs.measure_from_day): totals over windows of different lengths differ "
         "for that reason too";
}

std::optional<ComparisonTable> read_comparison(const std::filesystem::path& path) {
  const std::string name = path.string();
  const hid_t id = H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) throw FileError(name + ": cannot open");
  hdf5::Handle file(id, H5Fclose);
  if (H5Lexists(file, "comparison", H5P_DEFAULT) <= 0) return std::nullopt;
  try {
    hdf5::Handle group = hdf5::group(H5Gopen2(file, "comparison", H5P_DEFAULT), "open /comparison");
    ComparisonTable table;
    table.grid_keys = hdf5::read_strings_attribute(group, "grid_keys");
    const auto variants = hdf5::read_strings(group, "variant");
    const auto outcomes = hdf5::read_strings(group, "outcome");
    const auto counts = hdf5::read_int64s(group, "n");
    std::vector<std::vector<double>> grid, intervals;
    for (const auto& key : table.grid_keys) grid.push_back(hdf5::read_doubles(group, key));
    for (const auto& column : interval_columns) {
      if (optional_column(column) && H5Lexists(group, column.name, H5P_DEFAULT) <= 0)
        intervals.emplace_back(variants.size(), std::numeric_limits<double>::quiet_NaN());
      else
        intervals.push_back(hdf5::read_doubles(group, column.name));
    }
    table.common_random_numbers =
        hdf5::has_attribute(group, "common_random_numbers") &&
        hdf5::read_string_attribute(group, "common_random_numbers") == "true";
    if (hdf5::has_attribute(group, "window"))
      table.window = hdf5::read_string_attribute(group, "window");
    if (hdf5::has_attribute(group, "parameters_from")) {
      table.parameters_from = hdf5::read_string_attribute(group, "parameters_from");
      table.parameters_from_digest = hdf5::read_string_attribute(group, "parameters_from_digest");
    }
    std::vector<double> improves =
        H5Lexists(group, "prob_improves", H5P_DEFAULT) > 0
            ? hdf5::read_doubles(group, "prob_improves")
            : std::vector<double>(variants.size(), std::numeric_limits<double>::quiet_NaN());
    const std::size_t n = variants.size();
    auto check_length = [&](std::size_t length) {
      if (length != n) throw FileError(name + ": /comparison columns differ in length");
    };
    check_length(outcomes.size());
    check_length(counts.size());
    for (const auto& c : grid) check_length(c.size());
    for (const auto& c : intervals) check_length(c.size());
    check_length(improves.size());
    for (std::size_t i = 0; i < n; ++i) {
      ComparisonRow row;
      row.variant = variants[i];
      for (const auto& c : grid) row.grid_values.push_back(c[i]);
      std::size_t o = 0;
      while (o < outcome_count && outcomes[i] != outcome_info[o].name) ++o;
      if (o == outcome_count)
        throw FileError(name + ": /comparison names an unknown outcome " + outcomes[i]);
      row.outcome = o;
      row.mean.n = static_cast<std::size_t>(counts[i]);
      for (std::size_t c = 0; c < interval_columns.size(); ++c)
        interval_columns[c].set(row, intervals[c][i]);
      row.prob_improves = improves[i];
      table.rows.push_back(std::move(row));
    }
    return table;
  } catch (const hdf5::Error& problem) {
    throw FileError(name + ": damaged /comparison table (" + problem.what() + ")");
  }
}

}  // namespace trustsim
