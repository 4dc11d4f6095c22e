// The Latin hypercube: every stratum of every range used exactly once,
// integers rounded evenly, and draws addressed by the sweep seed and key.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "sweep/latin_hypercube.hpp"

using trustsim::latin_hypercube;
using trustsim::SampledRange;

TEST_CASE("each stratum of each range holds exactly one point", "[latin_hypercube]") {
  const std::vector<SampledRange> ranges{{"trust.half_life_days", 30, 180, false},
                                         {"trust.informal_gain", 0.05, 0.2, false}};
  const int n = 40;
  const auto points = latin_hypercube(ranges, n, 7);
  REQUIRE(points.size() == 40);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    std::vector<int> used(n, 0);
    for (const auto& point : points) {
      REQUIRE(point.size() == 2);
      const double u = (point[k] - ranges[k].low) / (ranges[k].high - ranges[k].low);
      CHECK(u >= 0.0);
      CHECK(u < 1.0);
      ++used[static_cast<std::size_t>(std::floor(u * n))];
    }
    CHECK(std::all_of(used.begin(), used.end(), [](int c) { return c == 1; }));
  }
}

TEST_CASE("integer ranges are rounded and every whole number is used evenly", "[latin_hypercube]") {
  // 3 integers, 30 points: each value owns 10 strata of [0.5, 3.5].
  const auto points = latin_hypercube({{"staff.vacancy_days", 1, 3, true}}, 30, 1);
  std::map<double, int> counts;
  for (const auto& point : points) {
    CHECK(point[0] == std::round(point[0]));
    ++counts[point[0]];
  }
  CHECK(counts == std::map<double, int>{{1.0, 10}, {2.0, 10}, {3.0, 10}});
}

TEST_CASE("the sample depends on the seed, not on the order of the ranges", "[latin_hypercube]") {
  const SampledRange a{"trust.half_life_days", 30, 180, false};
  const SampledRange b{"issues.raise_threshold", 0.3, 0.6, false};
  const auto ab = latin_hypercube({a, b}, 10, 5);
  const auto ba = latin_hypercube({b, a}, 10, 5);
  for (std::size_t i = 0; i < 10; ++i) {
    CHECK(ab[i][0] == ba[i][1]);
    CHECK(ab[i][1] == ba[i][0]);
  }
  CHECK(latin_hypercube({a, b}, 10, 5) == ab);  // reproducible
  CHECK(latin_hypercube({a, b}, 10, 6) != ab);  // another seed, another sample
}

TEST_CASE("a range of zero width gives its one value", "[latin_hypercube]") {
  const auto points = latin_hypercube({{"days", 100, 100, true}}, 4, 2);
  for (const auto& point : points) CHECK(point[0] == 100.0);
}
