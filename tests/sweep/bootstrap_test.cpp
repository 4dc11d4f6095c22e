// Percentile bootstrap intervals: for a mean, close to the t interval of
// the same data; for a constant, of zero width; reproducible by seed.
#include <catch2/catch.hpp>

#include <cmath>

#include "sweep/bootstrap.hpp"
#include "sweep/interval_estimate.hpp"

using namespace trustsim;

namespace {

std::vector<double> mean_of(const std::vector<double>& data,
                            const std::vector<std::size_t>& units) {
  double sum = 0.0;
  for (std::size_t u : units) sum += data[u];
  return {sum / static_cast<double>(units.size())};
}

}  // namespace

TEST_CASE("bootstrap interval of a mean is near the t interval", "[bootstrap]") {
  std::vector<double> data;
  for (int i = 0; i < 200; ++i) data.push_back(std::sin(i * 1.7) * 3.0 + i % 7);
  const auto intervals = bootstrap_intervals(
      data.size(), 5, [&](const std::vector<std::size_t>& units) { return mean_of(data, units); });
  const MeanInterval t = mean_interval(data);
  REQUIRE(intervals.size() == 1);
  // The percentile interval's half-width is z·sd/√n, the t interval's is
  // t(199)·sd/√n; 1000 resamples put its ends within about 10% of that.
  const double half = (t.high - t.low) / 2;
  CHECK(intervals[0].low == Approx(t.low).margin(0.15 * half));
  CHECK(intervals[0].high == Approx(t.high).margin(0.15 * half));
}

TEST_CASE("bootstrap of a constant has zero width, NaN statistics NaN ends", "[bootstrap]") {
  const auto intervals = bootstrap_intervals(10, 1, [](const std::vector<std::size_t>&) {
    return std::vector<double>{4.0, std::nan("")};
  });
  CHECK(intervals[0].low == 4.0);
  CHECK(intervals[0].high == 4.0);
  CHECK(std::isnan(intervals[1].low));
}

TEST_CASE("bootstrap resamples are fixed by the seed", "[bootstrap]") {
  const std::vector<double> data{1, 5, 2, 8, 3, 9, 4};
  auto statistic = [&](const std::vector<std::size_t>& units) { return mean_of(data, units); };
  const auto a = bootstrap_intervals(data.size(), 3, statistic);
  const auto b = bootstrap_intervals(data.size(), 3, statistic);
  const auto c = bootstrap_intervals(data.size(), 4, statistic);
  CHECK(a[0].low == b[0].low);
  CHECK(a[0].high == b[0].high);
  CHECK((a[0].low != c[0].low || a[0].high != c[0].high));
}
