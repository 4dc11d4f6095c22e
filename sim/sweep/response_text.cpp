#include "sweep/response_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sweep/comparison_text.hpp"

namespace trustsim {

namespace {

std::string grid_value(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

std::string response_text(const ComparisonTable& table) {
  if (table.grid_keys.empty() || table.grid_keys.size() > 2) return "";
  std::vector<std::string> variants;
  std::vector<std::vector<double>> cells;
  for (const auto& row : table.rows) {
    if (std::find(variants.begin(), variants.end(), row.variant) == variants.end())
      variants.push_back(row.variant);
    if (std::find(cells.begin(), cells.end(), row.grid_values) == cells.end())
      cells.push_back(row.grid_values);
  }
  std::string out =
      "Response to the grid: mean over each cell's replicates with its 95% interval,\n"
      "per variant (cells are never pooled).\n";
  for (std::size_t o = 0; o < outcome_count; ++o) {
    std::vector<std::vector<const ComparisonRow*>> at(
        cells.size(), std::vector<const ComparisonRow*>(variants.size()));
    double narrowest = std::numeric_limits<double>::infinity();
    bool any = false;
    for (const auto& row : table.rows) {
      if (row.outcome != o) continue;
      const auto c = static_cast<std::size_t>(
          std::find(cells.begin(), cells.end(), row.grid_values) - cells.begin());
      const auto v = static_cast<std::size_t>(
          std::find(variants.begin(), variants.end(), row.variant) - variants.begin());
      at[c][v] = &row;
      any = true;
      const double half = (row.mean.high - row.mean.low) / 2.0;
      if (half > 0.0 && half < narrowest) narrowest = half;
    }
    if (!any) continue;
    const int decimals = decimals_for(narrowest);
    std::vector<std::vector<std::string>> lines{table.grid_keys};
    for (const auto& variant : variants) lines[0].push_back(variant + " mean [95% CI]");
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::vector<std::string> line;
      for (double value : cells[c]) line.push_back(grid_value(value));
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const ComparisonRow* row = at[c][v];
        if (!row) {
          line.emplace_back();
          continue;
        }
        std::string cell = fixed_number(row->mean.mean, decimals);
        if (!std::isnan(row->mean.low)) {
          cell += " [";
          cell += fixed_number(row->mean.low, decimals);
          cell += ", ";
          cell += fixed_number(row->mean.high, decimals);
          cell += "]";
        }
        line.push_back(cell);
      }
      lines.push_back(std::move(line));
    }
    std::vector<std::size_t> widths(lines[0].size(), 0);
    for (const auto& line : lines)
      for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
    out += "\n";
    out += outcome_info[o].name;
    out += " (";
    out += outcome_info[o].units;
    out += ") by grid value\n";
    for (const auto& line : lines) {
      std::string text = "  ";
      for (std::size_t c = 0; c < line.size(); ++c) {
        const std::string fill(widths[c] - line[c].size(), ' ');
        text += c < table.grid_keys.size() ? fill + line[c] : line[c] + fill;
        if (c + 1 < line.size()) text += "  ";
      }
      text.erase(text.find_last_not_of(' ') + 1);
      out += text + "\n";
    }
  }
  return out;
}

}  // namespace trustsim
