#include "sweep/comparison.hpp"

#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "sweep/sweep_definition.hpp"

namespace trustsim {

double probability_improves(std::span<const double> treated, std::span<const double> reference,
                            Better better) {
  if (better == Better::neither || treated.empty() || treated.size() != reference.size())
    return std::numeric_limits<double>::quiet_NaN();
  double improves = 0.0;
  for (std::size_t i = 0; i < treated.size(); ++i) {
    const double difference = treated[i] - reference[i];
    if (difference == 0.0)
      improves += 0.5;
    else if ((difference > 0.0) == (better == Better::higher))
      improves += 1.0;
  }
  return improves / static_cast<double>(treated.size());
}

std::vector<ComparisonRow> compare_variants(const std::vector<std::string>& variant_order,
                                            const SweepOutcomes& runs) {
  // The runs of each (grid cell, variant), cells in order of first appearance.
  std::map<std::string, std::size_t> variant_index;
  for (std::size_t v = 0; v < variant_order.size(); ++v) variant_index.emplace(variant_order[v], v);
  std::map<std::vector<double>, std::size_t> cell_index;
  std::vector<std::vector<double>> cells;
  std::vector<std::vector<std::vector<std::size_t>>> members;  // [cell][variant] -> runs
  for (std::size_t i = 0; i < runs.variant.size(); ++i) {
    const auto variant = variant_index.find(runs.variant[i]);
    if (variant == variant_index.end()) continue;  // not asked for
    const auto [cell, added] = cell_index.emplace(runs.grid_values[i], cells.size());
    if (added) {
      cells.push_back(runs.grid_values[i]);
      members.emplace_back(variant_order.size());
    }
    members[cell->second][variant->second].push_back(i);
  }

  auto values_of = [&](const std::vector<std::size_t>& run_ids, std::size_t outcome) {
    std::vector<double> values;
    values.reserve(run_ids.size());
    for (std::size_t i : run_ids) values.push_back(runs.outcomes[i][outcome]);
    return values;
  };

  // The runs of `treated` that have a baseline run with their pair key,
  // and that run's value beside each.
  auto paired = [&](const std::vector<std::size_t>& treated,
                    const std::vector<std::size_t>& reference, std::size_t outcome) {
    std::map<std::vector<double>, std::size_t> reference_of;
    for (std::size_t i : reference) reference_of.emplace(runs.pair_keys[i], i);
    std::vector<double> a, b;
    for (std::size_t i : treated) {
      const auto match = reference_of.find(runs.pair_keys[i]);
      if (match == reference_of.end()) continue;
      a.push_back(runs.outcomes[i][outcome]);
      b.push_back(runs.outcomes[match->second][outcome]);
    }
    return std::pair{paired_difference(a, b),
                     probability_improves(a, b, better_direction(outcome))};
  };

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const auto baseline = variant_index.find(baseline_variant);
  std::vector<ComparisonRow> rows;
  for (std::size_t cell = 0; cell < cells.size(); ++cell) {
    for (std::size_t v = 0; v < variant_order.size(); ++v) {
      if (members[cell][v].empty()) continue;  // a variant absent from this cell
      for (std::size_t o = 0; o < outcome_count; ++o) {
        const std::vector<double> values = values_of(members[cell][v], o);
        ComparisonRow row{variant_order[v],     cells[cell],          o,  mean_interval(values),
                          {nan, nan, nan, nan}, {nan, nan, nan, nan}, nan};
        if (baseline != variant_index.end() && v != baseline->second &&
            !members[cell][baseline->second].empty()) {
          const auto& reference = members[cell][baseline->second];
          row.difference = welch_difference(values, values_of(reference, o));
          if (!runs.pair_keys.empty())
            std::tie(row.paired, row.prob_improves) = paired(members[cell][v], reference, o);
        }
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace trustsim
