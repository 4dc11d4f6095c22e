// Design points: the grid's full factorial, crossed with the sampled points.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sweep/design.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::testing;

TEST_CASE("no grid and no sample: one point with no coordinates", "[design]") {
  const Design design = expand_design(read_sweep(small_sweep()));
  REQUIRE(design.points.size() == 1);
  CHECK(design.keys.empty());
  CHECK(design.points[0].values.empty());
  CHECK(design.points[0].overrides.empty());
}

TEST_CASE("a grid is a full factorial with the first axis slowest", "[design]") {
  const std::string text = R"({"base": )" + small_scenario().dump() + R"(,
    "grid": {"days": [40, 60], "meetings.face_to_face_fraction": [0.2, 0.5, 0.8],
             "interventions.facilitators.enabled": [false, true]}})";
  const Design design = expand_design(read_sweep_text(text, "sweep.json", ""));
  CHECK(design.keys == std::vector<std::string>{"days", "meetings.face_to_face_fraction",
                                                "interventions.facilitators.enabled"});
  CHECK(design.grid_key_count == 3);
  REQUIRE(design.points.size() == 12);
  CHECK(design.points[0].values == std::vector<double>{40, 0.2, 0});
  CHECK(design.points[1].values == std::vector<double>{40, 0.2, 1});  // booleans as 0/1
  CHECK(design.points[2].values == std::vector<double>{40, 0.5, 0});
  CHECK(design.points[11].values == std::vector<double>{60, 0.8, 1});
  for (std::size_t i = 0; i < 12; ++i) CHECK(design.points[i].grid_cell == i);
  // The overrides set the values as the file wrote them, and say where.
  const auto& last = design.points[11].overrides;
  REQUIRE(last.size() == 3);
  CHECK(last[2].change.value == true);
  CHECK(last[1].sweep_pointer == "/grid/meetings.face_to_face_fraction/2");
}

TEST_CASE("a sample is crossed with every grid cell", "[design]") {
  const auto sweep = read_sweep(small_sweep(
      {{"grid", {{"meetings.face_to_face_fraction", {0.2, 0.5}}}},
       {"sample", {{"count", 4}, {"parameters", {{"staff.vacancy_days", {20, 80}}}}}}}));
  const Design design = expand_design(sweep);
  CHECK(design.keys ==
        std::vector<std::string>{"meetings.face_to_face_fraction", "staff.vacancy_days"});
  CHECK(design.grid_key_count == 1);
  REQUIRE(design.points.size() == 8);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(design.points[i].grid_cell == 0);
    CHECK(design.points[i + 4].grid_cell == 1);
    // The same sampled point in both cells, rounded for an integer key.
    CHECK(design.points[i].values[1] == design.points[i + 4].values[1]);
    CHECK(design.points[i].overrides[1].change.value.is_number_integer());
  }
}

TEST_CASE("a Morris design has exactly r (k + 1) points, a Sobol' one N (k + 2)", "[design]") {
  const Json parameters = {{"trust.informal_gain", {0.05, 0.2}},
                           {"staff.vacancy_days", {20, 80}},
                           {"meetings.face_to_face_fraction", {0.0, 1.0}}};
  const Design morris = expand_design(read_sweep(small_sweep(
      {{"sample", {{"method", "morris"}, {"trajectories", 7}, {"parameters", parameters}}}})));
  CHECK(morris.points.size() == 7 * (3 + 1));
  REQUIRE(morris.sensitivity);
  CHECK(morris.sensitivity->method == "morris");
  CHECK(morris.sensitivity->unit_points().size() == morris.points.size());
  const Design sobol = expand_design(read_sweep(
      small_sweep({{"sample", {{"method", "sobol"}, {"count", 16}, {"parameters", parameters}}}})));
  CHECK(sobol.points.size() == 16 * (3 + 2));
  // Keys in the order read (the fixture's JSON sorts them).
  const auto at = [&](const std::string& key) {
    return static_cast<std::size_t>(std::find(sobol.keys.begin(), sobol.keys.end(), key) -
                                    sobol.keys.begin());
  };
  const std::size_t gain = at("trust.informal_gain"), vacancy = at("staff.vacancy_days");
  REQUIRE(vacancy < 3);
  for (const auto& point : sobol.points) {
    CHECK(point.values[gain] >= 0.05);
    CHECK(point.values[gain] <= 0.2);
    CHECK(point.values[vacancy] == std::round(point.values[vacancy]));  // an integer key
    CHECK(point.overrides[vacancy].change.value.is_number_integer());
  }
  // Morris levels include both ends of each range.
  bool low = false, high = false;
  for (const auto& point : morris.points) {
    low |= point.values[vacancy] == 20;
    high |= point.values[vacancy] == 80;
  }
  CHECK((low && high));
}
