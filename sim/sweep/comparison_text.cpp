#include "sweep/comparison_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace trustsim {

namespace {

std::string cell_title(const ComparisonTable& table, const ComparisonRow& row) {
  std::string title;
  for (std::size_t k = 0; k < table.grid_keys.size(); ++k) {
    char value[40];
    std::snprintf(value, sizeof value, "%g", row.grid_values[k]);
    if (!title.empty()) title += ", ";
    title += table.grid_keys[k];
    title += " = ";
    title += value;
  }
  return title;
}

std::string pad(const std::string& text, std::size_t width, bool left) {
  const std::string fill(width > text.size() ? width - text.size() : 0, ' ');
  return left ? text + fill : fill + text;
}

}  // namespace

std::string fixed_number(double value, int decimals, bool sign) {
  if (std::isnan(value)) return "";
  char text[64];
  std::snprintf(text, sizeof text, sign ? "%+.*f" : "%.*f", decimals, value);
  return text;
}

std::string interval_text(double low, double high, int decimals, bool sign) {
  if (std::isnan(low) || std::isnan(high)) return "";
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive)
  // on a chain of + that starts from a literal.
  std::string text = "[";
  text += fixed_number(low, decimals, sign);
  text += ", ";
  text += fixed_number(high, decimals, sign);
  text += "]";
  return text;
}

int decimals_for(double half_width) {
  if (!(half_width > 0.0) || !std::isfinite(half_width)) return 4;
  const int magnitude = static_cast<int>(std::floor(std::log10(half_width)));
  return std::clamp(1 - magnitude, 0, 6);
}

std::string comparison_text(const ComparisonTable& table) {
  const bool paired = table.paired();
  std::string out =
      "Comparison with baseline: mean over replicates with its 95% interval, and the\n"
      "difference from baseline (variant - baseline) with its 95% Welch interval;\n";
  if (table.parameter_uncertainty()) {
    out += "each replicate draws its parameters from the posterior in " + table.parameters_from +
           ",\nthe same in every variant: the intervals include parameter uncertainty (as\n"
           "intervals for the mean over the posterior) and runs pair by replicate;\n";
  }
  if (table.common_random_numbers) out += "runs share seeds (common random numbers);\n";
  if (!table.window.empty()) out += table.window + ";\n";
  out += paired ? "the paired difference and its 95% paired t interval follow, and P(better):\n"
                  "the share of pairs in which the variant does better (ties count one half;\n"
                  "empty where the outcome has no better direction); * marks a paired\n"
                  "interval that excludes zero.\n"
                : "* marks a difference whose interval excludes zero.\n";
  // Blocks: consecutive rows of one grid cell and outcome. Rows come
  // grouped by cell, then variant, then outcome: regroup by outcome.
  std::size_t begin = 0;
  while (begin < table.rows.size()) {
    std::size_t end = begin;
    while (end < table.rows.size() && table.rows[end].grid_values == table.rows[begin].grid_values)
      ++end;
    const std::string title = cell_title(table, table.rows[begin]);
    if (!title.empty()) {
      out += "\n== ";
      out += title;
      out += " ==\n";
    }
    for (std::size_t o = 0; o < outcome_count; ++o) {
      std::vector<const ComparisonRow*> rows;
      for (std::size_t i = begin; i < end; ++i)
        if (table.rows[i].outcome == o) rows.push_back(&table.rows[i]);
      if (rows.empty()) continue;
      double narrowest = std::numeric_limits<double>::infinity();
      for (const auto* row : rows) {
        const double half = (row->mean.high - row->mean.low) / 2.0;
        if (half > 0.0 && half < narrowest) narrowest = half;
      }
      const int decimals = decimals_for(narrowest);

      std::vector<std::vector<std::string>> cells{
          {"variant", "n", "mean", "95% CI", "diff", "95% CI"}};
      if (paired) cells[0].insert(cells[0].end(), {"paired", "95% CI", "P(better)"});
      cells[0].emplace_back();
      for (const auto* row : rows) {
        const DifferenceInterval& marked = paired ? row->paired : row->difference;
        const bool separated = marked.low > 0.0 || marked.high < 0.0;
        std::vector<std::string> line{
            row->variant,
            std::to_string(row->mean.n),
            fixed_number(row->mean.mean, decimals),
            interval_text(row->mean.low, row->mean.high, decimals),
            fixed_number(row->difference.difference, decimals, true),
            interval_text(row->difference.low, row->difference.high, decimals, true)};
        if (paired)
          line.insert(line.end(), {fixed_number(row->paired.difference, decimals, true),
                                   interval_text(row->paired.low, row->paired.high, decimals, true),
                                   fixed_number(row->prob_improves, 2)});
        line.emplace_back(separated ? "*" : "");
        cells.push_back(std::move(line));
      }
      std::vector<std::size_t> widths(cells[0].size(), 0);
      for (const auto& line : cells)
        for (std::size_t c = 0; c < line.size(); ++c)
          widths[c] = std::max(widths[c], line[c].size());
      out += "\n";
      out += outcome_info[o].name;
      out += " (";
      out += outcome_info[o].units;
      out += ")\n";
      for (const auto& line : cells) {
        std::string text = "  ";
        for (std::size_t c = 0; c < line.size(); ++c) {
          const bool left =
              c == 0 || c == 3 || c == 5 || (paired && c == 7) || c + 1 == line.size();
          text += pad(line[c], widths[c], left) + (c + 1 < line.size() ? "  " : "");
        }
        text.erase(text.find_last_not_of(' ') + 1);
        out += text + "\n";
      }
    }
    begin = end;
  }
  return out;
}

}  // namespace trustsim
