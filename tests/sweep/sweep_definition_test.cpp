// Reading sweep files: what a good one says, and a clear error, naming the
// file and the JSON pointer, for each kind of bad one.
#include <catch2/catch.hpp>

#include <fstream>

#include "sweep_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::testing;

TEST_CASE("variants keep the file's order, baseline implied first", "[sweep_definition]") {
  const std::string text = R"({"base": )" + small_scenario().dump() + R"(,
    "variants": {"zeta": {"meetings.regime": "online"}, "alpha": {}}})";
  const SweepDefinition sweep = read_sweep_text(text, "sweep.json", "");
  REQUIRE(sweep.variants.size() == 3);
  CHECK(sweep.variants[0].name == "baseline");
  CHECK(sweep.variants[0].overrides.empty());
  CHECK(sweep.variants[1].name == "zeta");
  CHECK(sweep.variants[2].name == "alpha");
  REQUIRE(sweep.variants[1].overrides.size() == 1);
  CHECK(sweep.variants[1].overrides[0].pointer == "/meetings/regime");
  CHECK(sweep.variants[1].overrides[0].value == "online");
}

TEST_CASE("a baseline the file gives stays where it is", "[sweep_definition]") {
  const std::string text = R"({"base": )" + small_scenario().dump() + R"(,
    "variants": {"online": {"meetings.regime": "online"}, "baseline": {}}})";
  const auto sweep = read_sweep_text(text, "sweep.json", "");
  REQUIRE(sweep.variants.size() == 2);
  CHECK(sweep.variants[0].name == "online");
  CHECK(sweep.variants[1].name == "baseline");
}

TEST_CASE("replicates and seed default to the base scenario's", "[sweep_definition]") {
  const auto sweep = read_sweep(Json{{"base", small_scenario()}});
  CHECK(sweep.replicates == 2);
  CHECK(sweep.seed == 3);
  CHECK(sweep.name == "sweep");  // the file's stem
  const auto explicit_sweep = read_sweep(small_sweep({{"replicates", 7}, {"seed", 99}}));
  CHECK(explicit_sweep.replicates == 7);
  CHECK(explicit_sweep.seed == 99);
}

TEST_CASE("grid axes and sampled ranges are read in file order", "[sweep_definition]") {
  const std::string text = R"({"base": )" + small_scenario().dump() + R"(,
    "grid": {"trust.half_life_days": [60, 90], "meetings.face_to_face_fraction": [0.2, 0.5, 0.8]},
    "sample": {"count": 5, "parameters": {"staff.vacancy_days": [20, 80],
                                          "trust.informal_gain": [0.05, 0.2]}}})";
  const auto sweep = read_sweep_text(text, "sweep.json", "");
  REQUIRE(sweep.grid.size() == 2);
  CHECK(sweep.grid[0].key == "trust.half_life_days");
  CHECK(sweep.grid[1].values.size() == 3);
  REQUIRE(sweep.sample);
  CHECK(sweep.sample->method == "latin_hypercube");
  CHECK(sweep.sample->count == 5);
  REQUIRE(sweep.sample->ranges.size() == 2);
  CHECK(sweep.sample->ranges[0].key == "staff.vacancy_days");
  CHECK(sweep.sample->ranges[0].integer);  // an integer setting: rounded
  CHECK_FALSE(sweep.sample->ranges[1].integer);
}

TEST_CASE("base as a file name is read relative to the sweep file", "[sweep_definition]") {
  ScratchDirectory scratch("sweep-base");
  std::ofstream(scratch.path() / "small.json") << small_scenario().dump();
  const auto sweep = read_sweep(Json{{"base", "small.json"}}, scratch.path().string());
  CHECK(sweep.base_source == (scratch.path() / "small.json").string());
  CHECK(sweep.base_document.at("days") == 40);
}

// ---- bad sweep files ------------------------------------------------------

TEST_CASE("an unknown top-level key is named, with a suggestion", "[sweep_definition][errors]") {
  const auto error = sweep_error(small_sweep({{"replicats", 3}}));
  CHECK(error.where() == "sweep.json");
  CHECK(error.pointer() == "/replicats");
  CHECK_THAT(error.problem(), Catch::Contains("unknown key") && Catch::Contains("replicates"));
}

TEST_CASE("an override of an unknown scenario key is reported at the override",
          "[sweep_definition][errors]") {
  const auto error = sweep_error(
      small_sweep({{"variants", {{"f", {{"interventions.facilitatorz.enabled", true}}}}}}));
  CHECK(error.pointer() == "/variants/f/interventions.facilitatorz.enabled");
  CHECK_THAT(error.problem(), Catch::Contains("unknown key") && Catch::Contains("facilitators"));
}

TEST_CASE("an override with a bad value is reported at the override",
          "[sweep_definition][errors]") {
  const auto range =
      sweep_error(small_sweep({{"variants", {{"v", {{"meetings.face_to_face_fraction", 1.5}}}}}}));
  CHECK(range.pointer() == "/variants/v/meetings.face_to_face_fraction");
  CHECK_THAT(range.problem(), Catch::Contains("[0, 1]") && Catch::Contains("1.5"));
  const auto type = sweep_error(small_sweep({{"variants", {{"v", {{"meetings.regime", 3}}}}}}));
  CHECK(type.pointer() == "/variants/v/meetings.regime");
  CHECK_THAT(type.problem(), Catch::Contains("must be one of"));
}

TEST_CASE("a grid value out of range is reported at its entry", "[sweep_definition][errors]") {
  const auto error =
      sweep_error(small_sweep({{"grid", {{"meetings.face_to_face_fraction", {0.5, 2.0}}}}}));
  CHECK(error.pointer() == "/grid/meetings.face_to_face_fraction/1");
}

TEST_CASE("an empty grid list is refused", "[sweep_definition][errors]") {
  const auto error = sweep_error(small_sweep({{"grid", {{"days", Json::array()}}}}));
  CHECK(error.pointer() == "/grid/days");
  CHECK_THAT(error.problem(), Catch::Contains("empty list"));
}

TEST_CASE("grid values must be numbers or booleans, and not repeat", "[sweep_definition][errors]") {
  const auto text = sweep_error(small_sweep({{"grid", {{"meetings.regime", {"online"}}}}}));
  CHECK(text.pointer() == "/grid/meetings.regime/0");
  CHECK_THAT(text.problem(), Catch::Contains("use variants"));
  const auto repeated = sweep_error(small_sweep({{"grid", {{"days", {40, 50, 40}}}}}));
  CHECK(repeated.pointer() == "/grid/days/2");
}

TEST_CASE("a Latin hypercube needs a count of at least 1", "[sweep_definition][errors]") {
  const Json parameters = {{"trust.informal_gain", {0.05, 0.2}}};
  const auto zero =
      sweep_error(small_sweep({{"sample", {{"count", 0}, {"parameters", parameters}}}}));
  CHECK(zero.pointer() == "/sample/count");
  CHECK_THAT(zero.problem(), Catch::Contains("[1, "));
  const auto missing = sweep_error(small_sweep({{"sample", {{"parameters", parameters}}}}));
  CHECK(missing.pointer() == "/sample/count");
}

TEST_CASE("sampled ranges are checked against the scenario schema", "[sweep_definition][errors]") {
  const auto beyond = sweep_error(small_sweep(
      {{"sample", {{"count", 4}, {"parameters", {{"trust.informal_gain", {0.1, 1.5}}}}}}}));
  CHECK(beyond.pointer() == "/sample/parameters/trust.informal_gain/1");
  const auto reversed = sweep_error(small_sweep(
      {{"sample", {{"count", 4}, {"parameters", {{"trust.informal_gain", {0.2, 0.1}}}}}}}));
  CHECK(reversed.pointer() == "/sample/parameters/trust.informal_gain");
  const auto text = sweep_error(
      small_sweep({{"sample", {{"count", 4}, {"parameters", {{"meetings.regime", {0, 1}}}}}}}));
  CHECK(text.pointer() == "/sample/parameters/meetings.regime/0");
  const auto method =
      sweep_error(small_sweep({{"sample",
                                {{"method", "fast"},
                                 {"count", 4},
                                 {"parameters", {{"trust.informal_gain", {0.1, 0.2}}}}}}}));
  CHECK(method.pointer() == "/sample/method");
}

TEST_CASE("a missing base file is named with where the sweep asked for it",
          "[sweep_definition][errors]") {
  ScratchDirectory scratch("sweep-missing-base");
  const auto error = sweep_error(Json{{"base", "nowhere.json"}}, scratch.path().string());
  CHECK(error.where() == "sweep.json");
  CHECK(error.pointer() == "/base");
  CHECK_THAT(error.problem(), Catch::Contains("nowhere.json") && Catch::Contains("does not exist"));
  const auto absent = sweep_error(Json{{"replicates", 2}});
  CHECK(absent.pointer() == "/base");
}

TEST_CASE("an error inside an inline base points into it", "[sweep_definition][errors]") {
  Json base = small_scenario();
  base["trust"] = {{"half_life_dayz", 10}};
  const auto error = sweep_error(Json{{"base", base}});
  CHECK(error.pointer() == "/base/trust/half_life_dayz");
}

TEST_CASE("run settings and groups cannot be overridden", "[sweep_definition][errors]") {
  const auto seed = sweep_error(small_sweep({{"variants", {{"v", {{"seed", 4}}}}}}));
  CHECK(seed.pointer() == "/variants/v/seed");
  const auto group = sweep_error(
      small_sweep({{"variants", {{"v", {{"interventions.facilitators", {{"enabled", true}}}}}}}}));
  CHECK(group.pointer() == "/variants/v/interventions.facilitators");
  CHECK_THAT(group.problem(), Catch::Contains("interventions.facilitators.name"));
}

TEST_CASE("a key varied by both a variant and the grid is refused", "[sweep_definition][errors]") {
  const auto error =
      sweep_error(small_sweep({{"grid", {{"meetings.face_to_face_fraction", {0.2, 0.4}}}},
                               {"variants", {{"v", {{"meetings.face_to_face_fraction", 0.5}}}}}}));
  CHECK(error.pointer() == "/variants/v/meetings.face_to_face_fraction");
  CHECK_THAT(error.problem(), Catch::Contains("/grid/meetings.face_to_face_fraction"));
}

TEST_CASE("syntax errors give the line and column", "[sweep_definition][errors]") {
  try {
    (void)read_sweep_text("{\n  \"base\": \"x.json\",,\n}", "sweep.json", "");
    FAIL("accepted");
  } catch (const ScenarioError& error) {
    CHECK_THAT(error.where(), Catch::StartsWith("sweep.json:2:"));
  }
}

TEST_CASE("a sweep far too large is refused before expanding", "[sweep_definition][errors]") {
  // 10 variants x 11 grid values x 100000 replicates = 11 million runs.
  Json variants = Json::object();
  for (char name = 'a'; name <= 'i'; ++name) variants[std::string(1, name)] = Json::object();
  const auto error =
      sweep_error(small_sweep({{"replicates", 100000},
                               {"grid", {{"days", {40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50}}}},
                               {"variants", variants}}));
  CHECK_THAT(error.problem(), Catch::Contains("more than the limit"));
}

TEST_CASE("a sweep of more scenarios than can be held is refused before expanding",
          "[sweep_definition][errors]") {
  // 1500 x 1500 grid points under two variants: within the run limit, but
  // expanding it took 90 s and 4 GB and then failed to allocate.
  Json values = Json::array();
  for (int i = 0; i < 1500; ++i) values.push_back(i / 1500.0);
  const auto error = sweep_error(small_sweep(
      {{"replicates", 1},
       {"variants", {{"online", {{"meetings.regime", "online"}}}}},
       {"grid", {{"trust.stranger_baseline", values}, {"trust.informal_gain", values}}}}));
  CHECK(error.problem() ==
        "the sweep has 4500000 scenarios (design points x variants), more than the limit of "
        "100000; each is validated and held whole (replicates are cheap)");
}

TEST_CASE("Morris and Sobol' samples and common random numbers are read", "[sweep_definition]") {
  const Json parameters = {{"trust.informal_gain", {0.05, 0.2}}, {"staff.vacancy_days", {20, 80}}};
  const auto morris = read_sweep(small_sweep(
      {{"sample",
        {{"method", "morris"}, {"trajectories", 6}, {"levels", 6}, {"parameters", parameters}}}}));
  REQUIRE(morris.sample);
  CHECK(morris.sample->method == "morris");
  CHECK(morris.sample->trajectories == 6);
  CHECK(morris.sample->levels == 6);
  CHECK(morris.sample->point_count() == 6 * 3);
  CHECK_FALSE(morris.common_random_numbers);
  const auto sobol = read_sweep(
      small_sweep({{"common_random_numbers", true},
                   {"sample", {{"method", "sobol"}, {"count", 8}, {"parameters", parameters}}}}));
  CHECK(sobol.sample->point_count() == 8 * 4);
  CHECK(sobol.common_random_numbers);
  // Levels default to 4.
  const auto default_levels = read_sweep(small_sweep(
      {{"sample", {{"method", "morris"}, {"trajectories", 3}, {"parameters", parameters}}}}));
  CHECK(default_levels.sample->levels == 4);
}

TEST_CASE("bad Morris and Sobol' designs are named at their key", "[sweep_definition][errors]") {
  const Json parameters = {{"trust.informal_gain", {0.05, 0.2}}};
  auto sample = [&](Json fields) {
    fields["parameters"] = parameters;
    return small_sweep({{"sample", fields}});
  };
  const auto odd = sweep_error(sample({{"method", "morris"}, {"trajectories", 4}, {"levels", 5}}));
  CHECK(odd.pointer() == "/sample/levels");
  CHECK_THAT(odd.problem(), Catch::Contains("even"));
  const auto no_r = sweep_error(sample({{"method", "morris"}}));
  CHECK(no_r.pointer() == "/sample/trajectories");
  const auto one_r = sweep_error(sample({{"method", "morris"}, {"trajectories", 1}}));
  CHECK(one_r.pointer() == "/sample/trajectories");
  // Keys of the other methods are unknown here.
  const auto count = sweep_error(sample({{"method", "morris"}, {"trajectories", 4}, {"count", 9}}));
  CHECK(count.pointer() == "/sample/count");
  CHECK_THAT(count.problem(), Catch::Contains("unknown key"));
  const auto levels = sweep_error(sample({{"method", "sobol"}, {"count", 8}, {"levels", 4}}));
  CHECK(levels.pointer() == "/sample/levels");
  const auto tiny = sweep_error(sample({{"method", "sobol"}, {"count", 1}}));
  CHECK(tiny.pointer() == "/sample/count");
  const auto method = sweep_error(sample({{"method", "fast"}, {"count", 8}}));
  CHECK(method.pointer() == "/sample/method");
  // Not with a grid: the indices need the design alone.
  Json with_grid = sample({{"method", "sobol"}, {"count", 8}});
  with_grid["grid"] = {{"days", {40, 50}}};
  const auto grid = sweep_error(with_grid);
  CHECK(grid.pointer() == "/sample/method");
  CHECK_THAT(grid.problem(), Catch::Contains("grid"));
  const auto crn = sweep_error(small_sweep({{"common_random_numbers", "yes"}}));
  CHECK(crn.pointer() == "/common_random_numbers");
}
