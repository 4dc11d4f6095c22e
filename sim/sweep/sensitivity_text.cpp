#include "sweep/sensitivity_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sweep/comparison_text.hpp"

namespace trustsim {

namespace {

std::string interval(const IndexEstimate& estimate, int decimals) {
  return interval_text(estimate.low, estimate.high, decimals);
}

}  // namespace

std::string sensitivity_text(const SensitivityTable& table) {
  const bool morris = table.method == "morris";
  const auto names = index_names(table.method);
  std::string out = morris ? "Sensitivity: Morris screening (mu*: mean absolute elementary effect "
                             "over the parameter's whole range; sigma: its spread)\n"
                           : "Sensitivity: Sobol' indices (S1: share of the variance explained by "
                             "the parameter alone; ST: including its interactions)\n";
  out += "with bootstrap 95% intervals, on each design point's mean over " +
         std::to_string(table.replicates) + (table.replicates == 1 ? " replicate" : " replicates") +
         ". Design points share seeds, so\nnoise that does not depend on the parameters cancels; "
         "the row " +
         std::string(replicate_noise_parameter) +
         " is what noise alone would give:\na parameter whose interval lies below it cannot be "
         "told from noise" +
         (table.replicates < 2 ? " (one replicate: not measured).\n" : ".\n");
  bool several_variants = false;
  for (const auto& row : table.rows) several_variants |= row.variant != table.rows[0].variant;

  std::size_t begin = 0;
  while (begin < table.rows.size()) {
    std::size_t end = begin;
    while (end < table.rows.size() && table.rows[end].variant == table.rows[begin].variant &&
           table.rows[end].outcome == table.rows[begin].outcome)
      ++end;
    std::vector<const SensitivityRow*> rows;
    for (std::size_t i = begin; i < end; ++i) rows.push_back(&table.rows[i]);
    // Most important first (μ* or ST), the noise row last.
    const std::size_t rank_by = morris ? 0 : 1;
    std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
      const bool a_noise = a->parameter == replicate_noise_parameter;
      const bool b_noise = b->parameter == replicate_noise_parameter;
      if (a_noise != b_noise) return b_noise;
      return a->indices[rank_by].value > b->indices[rank_by].value;
    });
    double narrowest = std::numeric_limits<double>::infinity();
    for (const auto* row : rows)
      for (const auto& estimate : row->indices) {
        // Rounding leaves a zero-width interval (every resample alike) a
        // few ulps wide: not a width to choose decimals by.
        const double half = (estimate.high - estimate.low) / 2.0;
        if (half > 1e-9 * (1.0 + std::fabs(estimate.value)) && half < narrowest) narrowest = half;
      }
    const int decimals = morris ? decimals_for(narrowest) : std::min(decimals_for(narrowest), 3);

    std::vector<std::vector<std::string>> cells{
        {"parameter", names[0], "95% CI", names[1], "95% CI"}};
    for (const auto* row : rows)
      cells.push_back({row->parameter, fixed_number(row->indices[0].value, decimals),
                       interval(row->indices[0], decimals),
                       fixed_number(row->indices[1].value, decimals),
                       interval(row->indices[1], decimals)});
    std::vector<std::size_t> widths(cells[0].size(), 0);
    for (const auto& line : cells)
      for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
    out += "\n";
    if (several_variants) out += rows[0]->variant + ": ";
    out += outcome_info[rows[0]->outcome].name;
    out += " (";
    out += outcome_info[rows[0]->outcome].units;
    out += ")\n";
    const bool undefined = std::all_of(rows.begin(), rows.end(), [](const auto* row) {
      return row->parameter == replicate_noise_parameter || std::isnan(row->indices[0].value);
    });
    if (undefined) {
      // Sobol' indices are shares of a variance that is zero here.
      out += "  (the outcome does not vary over the design: nothing to attribute)\n";
      begin = end;
      continue;
    }
    for (const auto& line : cells) {
      std::string text = "  ";
      for (std::size_t c = 0; c < line.size(); ++c) {
        const bool left = c == 0 || c == 2 || c == 4;
        const std::string fill(widths[c] - line[c].size(), ' ');
        text += left ? line[c] + fill : fill + line[c];
        if (c + 1 < line.size()) text += "  ";
      }
      text.erase(text.find_last_not_of(' ') + 1);
      out += text + "\n";
    }
    begin = end;
  }
  return out;
}

}  // namespace trustsim
