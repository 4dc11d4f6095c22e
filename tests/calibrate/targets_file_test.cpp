// Targets files: what a target needs, the miss it measures, and a problem
// reported at its JSON pointer. scenarios/targets/nhs.json is read too.
#include <catch2/catch.hpp>

#include <limits>

#include "calibrate/targets_file.hpp"
#include "scenario/scenario_error.hpp"

using namespace trustsim;

namespace {

TargetsFile read(const Json& document) {
  return read_targets_document(document, document.dump(), "t.json", "");
}

// The pointer of the error reading `document` raises.
std::string targets_refused_at(const Json& document) {
  try {
    (void)read(document);
  } catch (const ScenarioError& error) {
    CHECK(error.where() == "t.json");
    return error.pointer();
  }
  FAIL("the targets were accepted");
  return "";
}

Json one_target(Json target) { return Json{{"targets", {{"x", std::move(target)}}}}; }

const Json good = {{"outcome", "leavers"}, {"observed", 10.0}, {"sd", 2.0}, {"source", "a study"}};

}  // namespace

TEST_CASE("a target's miss is measured in its sd, and nothing inside its interval",
          "[targets_file]") {
  const TargetsFile file = read(one_target(good));
  REQUIRE(file.targets.size() == 1);
  const Target& t = file.targets[0];
  CHECK(t.name == "x");
  CHECK(t.pointer == "/targets/x");
  CHECK(t.scale_kind == "sd");
  CHECK(t.miss(10.0) == 0.0);
  CHECK(t.miss(13.0) == Approx(1.5));
  CHECK(t.miss(7.0) == Approx(1.5));

  Json interval = good;
  interval.erase("observed");
  interval["interval"] = {8.0, 12.0};
  interval.erase("sd");
  interval["tolerance"] = 0.5;
  const Target u = read(one_target(interval)).targets[0];
  CHECK_FALSE(u.observed.has_value());
  CHECK(u.miss(9.0) == 0.0);
  CHECK(u.miss(12.0) == 0.0);
  CHECK(u.miss(13.0) == Approx(2.0));
  CHECK(u.miss(7.5) == Approx(1.0));
  CHECK(u.miss(std::numeric_limits<double>::quiet_NaN()) ==
        std::numeric_limits<double>::infinity());
}

TEST_CASE("targets keep the order they are written in", "[targets_file]") {
  const std::string text =
      R"({"targets": {"zeta": {"outcome": "leavers", "observed": 1, "sd": 1, "source": "s"},
                      "alpha": {"outcome": "incidents", "observed": 1, "sd": 1, "source": "s"}}})";
  const TargetsFile file = read_targets_document(Json::parse(text), text, "t.json", "");
  REQUIRE(file.targets.size() == 2);
  CHECK(file.targets[0].name == "zeta");
  CHECK(file.targets[1].name == "alpha");
}

TEST_CASE("every bad target is refused at its pointer", "[targets_file]") {
  auto without = [](const char* key) {
    Json t = good;
    t.erase(key);
    return t;
  };
  auto with = [](const char* key, Json value) {
    Json t = good;
    t[key] = std::move(value);
    return t;
  };
  CHECK(targets_refused_at(Json::array()) == "");
  CHECK(targets_refused_at(Json{{"targets", Json::object()}}) == "/targets");
  CHECK(targets_refused_at(Json{{"name", "n"}}) == "/targets");
  CHECK(targets_refused_at(Json{{"targetz", 1}}) == "/targetz");
  CHECK(targets_refused_at(one_target(3)) == "/targets/x");
  CHECK(targets_refused_at(one_target(without("outcome"))) == "/targets/x/outcome");
  CHECK(targets_refused_at(one_target(without("source"))) == "/targets/x/source");
  CHECK(targets_refused_at(one_target(with("source", ""))) == "/targets/x/source");
  CHECK(targets_refused_at(one_target(without("observed"))) == "/targets/x");
  CHECK(targets_refused_at(one_target(with("interval", {1, 2}))) == "/targets/x");
  CHECK(targets_refused_at(one_target(without("sd"))) == "/targets/x");
  CHECK(targets_refused_at(one_target(with("tolerance", 1))) == "/targets/x");
  CHECK(targets_refused_at(one_target(with("sd", 0))) == "/targets/x/sd");
  CHECK(targets_refused_at(one_target(with("sd", -1))) == "/targets/x/sd");
  CHECK(targets_refused_at(one_target(with("observed", "ten"))) == "/targets/x/observed");
  CHECK(targets_refused_at(one_target(with("verified", "yes"))) == "/targets/x/verified");
  CHECK(targets_refused_at(one_target(with("sauce", "x"))) == "/targets/x/sauce");
  Json interval = without("observed");
  interval["interval"] = {3, 2};
  CHECK(targets_refused_at(one_target(interval)) == "/targets/x/interval");
  interval["interval"] = {3};
  CHECK(targets_refused_at(one_target(interval)) == "/targets/x/interval");
  interval["interval"] = {1, "2"};
  CHECK(targets_refused_at(one_target(interval)) == "/targets/x/interval/1");
}

TEST_CASE("the NHS targets file reads, each target with a source and a note", "[targets_file]") {
  const TargetsFile file = read_targets_file(TRUSTSIM_SCENARIO_DIR "/targets/nhs.json");
  REQUIRE(file.targets.size() == 6);
  for (const auto& t : file.targets) {
    INFO(t.name);
    CHECK(t.source.size() > 40);
    CHECK_FALSE(t.note.empty());
    CHECK(t.scale > 0.0);
  }
  CHECK(file.targets[0].outcome == "leaver_rate_per_year");
  CHECK(file.targets[0].low == 0.090);
  CHECK(file.targets[0].high == 0.101);
  CHECK(file.targets[1].outcome == "burnt_out_leaving_ratio");  // Hamidi et al.'s 95% CI
  CHECK(file.targets[1].low == 1.3);
  CHECK(file.targets[1].high == 3.3);
}
