#include "sweep/sensitivity.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

#include "sweep/bootstrap.hpp"
#include "sweep/morris_effects.hpp"
#include "sweep/sobol_indices.hpp"

namespace trustsim {

namespace {

// One outcome of one variant at every design point: the mean over
// replicates and the variance between them (NaN for one replicate).
struct PointMoments {
  std::vector<double> mean;
  std::vector<double> variance;
};

// The mean of the between-replicate variances at the listed points.
double mean_variance(const PointMoments& moments, std::size_t first, std::size_t count) {
  double sum = 0.0;
  for (std::size_t p = first; p < first + count; ++p) sum += moments.variance[p];
  return sum / static_cast<double>(count);
}

std::vector<double> morris_statistics(const SensitivityDesign& design,
                                      const std::vector<std::vector<double>>& effects,
                                      const PointMoments& moments, int replicates,
                                      const std::vector<std::size_t>& trajectories) {
  const MorrisIndices indices = morris_indices(effects, trajectories);
  std::vector<double> statistics = indices.mu_star;
  statistics.insert(statistics.end(), indices.sigma.begin(), indices.sigma.end());
  const std::size_t width = design.morris.factors + 1;
  double variance = 0.0;
  for (std::size_t t : trajectories) variance += mean_variance(moments, t * width, width);
  variance /= static_cast<double>(trajectories.size());
  const double difference_sd = std::sqrt(2.0 * variance / replicates);
  statistics.push_back(difference_sd * std::sqrt(2.0 / std::numbers::pi) / design.morris.step);
  statistics.push_back(difference_sd / design.morris.step);
  return statistics;
}

std::vector<double> sobol_statistics(const SensitivityDesign& design, const PointMoments& moments,
                                     int replicates, const std::vector<std::size_t>& rows) {
  const SobolIndices indices = sobol_indices(design.sobol, moments.mean, rows);
  std::vector<double> statistics = indices.first;
  statistics.insert(statistics.end(), indices.total.begin(), indices.total.end());
  const std::size_t width = design.sobol.factors + 2;
  double variance = 0.0;
  for (std::size_t j : rows) variance += mean_variance(moments, j * width, width);
  variance /= static_cast<double>(rows.size());
  const double noise_share = variance / replicates / indices.variance;
  statistics.push_back(noise_share);
  statistics.push_back(noise_share);
  return statistics;
}

}  // namespace

std::array<std::string, 2> index_names(const std::string& method) {
  if (method == "morris") return {"mu_star", "sigma"};
  return {"S1", "ST"};
}

SensitivityTable sensitivity_analysis(
    const SensitivityDesign& design, const std::vector<std::string>& variants, int replicates,
    const std::vector<std::array<double, outcome_count>>& outcomes, std::uint64_t seed) {
  SensitivityTable table{design.method, replicates, {}};
  const bool morris = design.method == "morris";
  const std::size_t points = design.unit_points().size();
  const std::size_t k = design.parameters.size();
  const std::size_t units = morris ? static_cast<std::size_t>(design.morris.trajectories)
                                   : static_cast<std::size_t>(design.sobol.base_count);
  std::vector<std::size_t> all_units(units);
  std::iota(all_units.begin(), all_units.end(), std::size_t{0});
  const auto R = static_cast<std::size_t>(replicates);

  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t o = 0; o < outcome_count; ++o) {
      PointMoments moments{std::vector<double>(points),
                           std::vector<double>(points, std::numeric_limits<double>::quiet_NaN())};
      for (std::size_t p = 0; p < points; ++p) {
        const std::size_t first = (p * variants.size() + v) * R;
        double sum = 0.0;
        for (std::size_t r = 0; r < R; ++r) sum += outcomes[first + r][o];
        moments.mean[p] = sum / static_cast<double>(R);
        if (R < 2) continue;
        double squares = 0.0;
        for (std::size_t r = 0; r < R; ++r) {
          const double d = outcomes[first + r][o] - moments.mean[p];
          squares += d * d;
        }
        moments.variance[p] = squares / static_cast<double>(R - 1);
      }
      std::function<std::vector<double>(const std::vector<std::size_t>&)> statistics;
      if (morris) {
        const auto effects = elementary_effects(design.morris, moments.mean);
        statistics = [&, effects](const std::vector<std::size_t>& chosen) {
          return morris_statistics(design, effects, moments, replicates, chosen);
        };
      } else {
        statistics = [&](const std::vector<std::size_t>& chosen) {
          return sobol_statistics(design, moments, replicates, chosen);
        };
      }
      const std::vector<double> estimate = statistics(all_units);
      const std::vector<BootstrapInterval> intervals = bootstrap_intervals(units, seed, statistics);
      for (std::size_t i = 0; i <= k; ++i) {  // k parameters, then the noise row
        SensitivityRow row{
            variants[v], o, i < k ? design.parameters[i] : replicate_noise_parameter, {}};
        for (std::size_t c = 0; c < 2; ++c) {
          const std::size_t at = i < k ? c * k + i : 2 * k + c;
          row.indices[c] = {estimate[at], intervals[at].low, intervals[at].high};
        }
        table.rows.push_back(std::move(row));
      }
    }
  }
  return table;
}

}  // namespace trustsim
