// Calibration files: defaults, the resolved text and fingerprint, and every
// kind of bad file refused at its JSON pointer (the command-line tests check
// the same through `trustsim calibrate`: exit 2, nothing written).
#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

#include "calibrate/calibration_file.hpp"
#include "calibrate_fixtures.hpp"
#include "model/metrics.hpp"
#include "scenario/scenario_error.hpp"

using namespace trustsim;
using testing::calibration_document;
using testing::small_scenario;

namespace {

std::string calibration_refused_at(const Json& document) {
  try {
    (void)testing::read_calibration_json(document);
  } catch (const ScenarioError& error) {
    CHECK(error.where() == "test.json");
    return error.pointer();
  }
  FAIL("the calibration was accepted");
  return "";
}

}  // namespace

TEST_CASE("a calibration file reads with its defaults filled in", "[calibration_file]") {
  Json document = calibration_document(small_scenario());
  document["method"] = {{"population_size", 50}};
  const CalibrationDefinition c = testing::read_calibration_json(document);
  CHECK(c.name == "test");
  CHECK(c.seed == 77);
  REQUIRE(c.priors.size() == 1);
  CHECK(c.priors[0].key == "trust.informal_gain");
  CHECK(c.priors[0].kind == PriorKind::uniform);
  CHECK(c.method.population_size == 50);
  CHECK(c.method.replicates == 2);
  CHECK(c.method.predictive_draws == 50);  // defaults to the population size
  CHECK(c.method.tolerance_quantile == 0.5);
  CHECK(c.target_outcomes == std::vector<std::size_t>{index(Outcome::trust_within)});
  CHECK(c.resolved_json.find("\"population_size\": 50") != std::string::npos);
}

TEST_CASE("an integer setting is calibrated through a rounded continuous value",
          "[calibration_file]") {
  Json document = calibration_document(small_scenario());
  document["parameters"]["staff.vacancy_days"] = {{"prior", "uniform"}, {"range", {10, 90}}};
  const CalibrationDefinition c = testing::read_calibration_json(document);
  REQUIRE(c.priors.size() == 2);
  const auto& [vacancy, gain] = c.priors[0].key == "staff.vacancy_days"
                                    ? std::tie(c.priors[0], c.priors[1])
                                    : std::tie(c.priors[1], c.priors[0]);
  CHECK(vacancy.key == "staff.vacancy_days");
  CHECK(vacancy.integer);
  CHECK_FALSE(gain.integer);
  CHECK(vacancy.internal_low() == 9.5);
  CHECK(vacancy.internal_high() == 90.5);
}

TEST_CASE("the seed defaults to the base scenario's", "[calibration_file]") {
  Json document = calibration_document(small_scenario());
  document.erase("seed");
  CHECK(testing::read_calibration_json(document).seed == 3);
}

TEST_CASE("the fingerprint changes with anything that changes the result", "[calibration_file]") {
  const Json document = calibration_document(small_scenario());
  const auto base = testing::read_calibration_json(document).fingerprint;
  CHECK(testing::read_calibration_json(document).fingerprint == base);
  Json seed = document;
  seed["seed"] = 78;
  CHECK(testing::read_calibration_json(seed).fingerprint != base);
  Json range = document;
  range["parameters"]["trust.informal_gain"]["range"] = {0.02, 0.5};
  CHECK(testing::read_calibration_json(range).fingerprint != base);
  Json target = document;
  target["targets"]["targets"]["trust"]["observed"] = 0.61;
  CHECK(testing::read_calibration_json(target).fingerprint != base);
  Json days = document;
  days["base"]["days"] = 121;
  CHECK(testing::read_calibration_json(days).fingerprint != base);
}

TEST_CASE("every bad calibration file is refused at its pointer", "[calibration_file]") {
  const Json good = calibration_document(small_scenario());
  auto changed = [&](const std::string& pointer, Json value) {
    Json d = good;
    d[Json::json_pointer(pointer)] = std::move(value);
    return d;
  };
  auto without = [&](const char* key) {
    Json d = good;
    d.erase(key);
    return d;
  };
  const std::string gain = "/parameters/trust.informal_gain";
  CHECK(calibration_refused_at(Json::array()) == "");
  CHECK(calibration_refused_at(changed("/metod", 1)) == "/metod");
  CHECK(calibration_refused_at(without("base")) == "/base");
  CHECK(calibration_refused_at(without("targets")) == "/targets");
  CHECK(calibration_refused_at(without("parameters")) == "/parameters");
  CHECK(calibration_refused_at(changed("/base", 3)) == "/base");
  CHECK(calibration_refused_at(changed("/base/days", 0)) == "/base/days");
  CHECK(calibration_refused_at(changed("/seed", -1)) == "/seed");
  CHECK(calibration_refused_at(changed("/parameters", Json::object())) == "/parameters");
  CHECK(calibration_refused_at(changed(gain, 0.3)) == gain);
  CHECK(calibration_refused_at(changed(gain + "/prior", "normal")) == gain + "/prior");
  CHECK(calibration_refused_at(changed(gain + "/shape", 1)) == gain + "/shape");
  CHECK(calibration_refused_at(changed(gain + "/range", Json::array({0.1}))) == gain + "/range");
  CHECK(calibration_refused_at(changed(gain + "/range", {0.5, 0.1})) == gain + "/range");
  CHECK(calibration_refused_at(changed(gain + "/range", {0.1, 1.5})) == gain + "/range/1");
  CHECK(calibration_refused_at(changed(gain + "/range", {"a", 0.5})) == gain + "/range/0");
  Json log_zero = changed(gain, {{"prior", "log_uniform"}, {"range", {0.0, 0.5}}});
  CHECK(calibration_refused_at(log_zero) == gain + "/range/0");
  CHECK(calibration_refused_at(changed("/parameters/trust.informal_gane",
                                       {{"prior", "uniform"}, {"range", {0.1, 0.2}}})) ==
        "/parameters/trust.informal_gane");
  CHECK(calibration_refused_at(
            changed("/parameters/days", {{"prior", "uniform"}, {"range", {10, 20}}})) ==
        "/parameters/days");
  CHECK(calibration_refused_at(changed(
            "/parameters/seed", {{"prior", "uniform"}, {"range", {1, 2}}})) == "/parameters/seed");
  CHECK(calibration_refused_at(
            changed("/parameters/meetings.regime", {{"prior", "uniform"}, {"range", {0, 1}}})) ==
        "/parameters/meetings.regime");
  CHECK(calibration_refused_at(changed("/parameters/outputs.team_trust_every_days",
                                       {{"prior", "uniform"}, {"range", {1, 20}}})) ==
        "/parameters/outputs.team_trust_every_days");
  // An integer setting's range is whole numbers.
  CHECK(calibration_refused_at(changed("/parameters/staff.vacancy_days",
                                       {{"prior", "uniform"}, {"range", {10.5, 90}}})) ==
        "/parameters/staff.vacancy_days/range/0");
  CHECK(calibration_refused_at(changed("/targets/targets/trust/outcome", "trust_amongst")) ==
        "/targets/targets/trust/outcome");
  CHECK(calibration_refused_at(changed("/targets/targets/trust/sd", 0)) ==
        "/targets/targets/trust/sd");
  CHECK(calibration_refused_at(changed("/targets", "no_such_file.json")) == "/targets");
  CHECK(calibration_refused_at(changed("/method/population_size", 1)) == "/method/population_size");
  CHECK(calibration_refused_at(changed("/method/replicates", 0)) == "/method/replicates");
  CHECK(calibration_refused_at(changed("/method/tolerance_quantile", 1.0)) ==
        "/method/tolerance_quantile");
  CHECK(calibration_refused_at(changed("/method/tolerance_quantile", 0.0)) ==
        "/method/tolerance_quantile");
  CHECK(calibration_refused_at(changed("/method/distance", "manhattan")) == "/method/distance");
  CHECK(calibration_refused_at(changed("/method/max_populations", 0)) == "/method/max_populations");
  CHECK(calibration_refused_at(changed("/method/min_acceptance_rate", 0)) ==
        "/method/min_acceptance_rate");
  CHECK(calibration_refused_at(changed("/method/name", "nsga2")) == "/method/name");
  CHECK(calibration_refused_at(changed("/method/populaton_size", 5)) == "/method/populaton_size");
  // Adaptive population sizes.
  const std::string adaptive = "/method/population_size/adaptive";
  auto with_adaptive = [&](Json settings) {
    return changed("/method/population_size", {{"adaptive", std::move(settings)}});
  };
  CHECK(calibration_refused_at(changed("/method/population_size", Json::object())) ==
        "/method/population_size");
  CHECK(calibration_refused_at(changed("/method/population_size", {{"adaptiv", 1}})) ==
        "/method/population_size/adaptiv");
  CHECK(calibration_refused_at(changed("/method/population_size", "adaptive")) ==
        "/method/population_size");
  CHECK(calibration_refused_at(with_adaptive(100)) == adaptive);
  CHECK(calibration_refused_at(with_adaptive({{"intial", 100}})) == adaptive + "/intial");
  CHECK(calibration_refused_at(with_adaptive({{"initial", 1}})) == adaptive + "/initial");
  CHECK(calibration_refused_at(with_adaptive({{"initial", 50.5}})) == adaptive + "/initial");
  CHECK(calibration_refused_at(with_adaptive({{"initial", 50}, {"min", 60}})) ==
        adaptive + "/initial");
  CHECK(calibration_refused_at(with_adaptive({{"initial", 50}, {"max", 40}})) ==
        adaptive + "/initial");
  CHECK(calibration_refused_at(with_adaptive({{"min", 200}, {"max", 100}})) == adaptive + "/min");
  CHECK(calibration_refused_at(with_adaptive({{"max", 200000}})) == adaptive + "/max");
  CHECK(calibration_refused_at(with_adaptive({{"mean_cv", 0}})) == adaptive + "/mean_cv");
  CHECK(calibration_refused_at(with_adaptive({{"mean_cv", 1.5}})) == adaptive + "/mean_cv");
  CHECK(calibration_refused_at(with_adaptive({{"mean_cv", "small"}})) == adaptive + "/mean_cv");
  CHECK(calibration_refused_at(with_adaptive({{"bootstraps", 1}})) == adaptive + "/bootstraps");
}

TEST_CASE("adaptive population sizes read with their defaults and a fixed size reads as before",
          "[calibration_file]") {
  Json document = calibration_document(small_scenario());
  const CalibrationDefinition fixed = testing::read_calibration_json(document);
  CHECK_FALSE(fixed.method.adaptive_size);
  CHECK(fixed.resolved_json.find("\"population_size\": 20") != std::string::npos);
  document["method"]["population_size"] = {{"adaptive", {{"initial", 50}}}};
  const CalibrationDefinition c = testing::read_calibration_json(document);
  REQUIRE(c.method.adaptive_size);
  CHECK(c.method.adaptive_size->initial == 50);
  CHECK(c.method.adaptive_size->min == 10);  // pyABC's defaults
  CHECK(c.method.adaptive_size->max == 100000);
  CHECK(c.method.adaptive_size->mean_cv == 0.05);
  CHECK(c.method.adaptive_size->bootstraps == 10);
  CHECK(c.method.population_size == 50);  // the first population's
  CHECK(c.method.predictive_draws == 50);
  CHECK(c.fingerprint != fixed.fingerprint);
  // A first size below pyABC's floor of 10 lowers the floor.
  document["method"]["population_size"]["adaptive"]["initial"] = 6;
  CHECK(testing::read_calibration_json(document).method.adaptive_size->min == 6);
  // The resolved text reads back to the same calibration.
  const Json resolved = Json::parse(c.resolved_json);
  CHECK(resolved.at("method").at("population_size").at("adaptive").at("mean_cv") == 0.05);
  document["method"]["population_size"]["adaptive"] = {{"initial", 50}, {"mean_cv", 0.1}};
  CHECK(testing::read_calibration_json(document).fingerprint != c.fingerprint);
}

TEST_CASE("the NHS targets are usable once this build computes their outcomes",
          "[calibration_file]") {
  Json document = calibration_document(small_scenario());
  document["targets"] = TRUSTSIM_SCENARIO_DIR "/targets/nhs.json";
  const TargetsFile nhs = read_targets_file(TRUSTSIM_SCENARIO_DIR "/targets/nhs.json");
  for (const auto& target : nhs.targets) {
    const bool known = std::any_of(outcome_info.begin(), outcome_info.end(),
                                   [&](const MetricInfo& m) { return target.outcome == m.name; });
    if (known) continue;
    // The first outcome this build lacks is named, in the targets file.
    try {
      (void)testing::read_calibration_json(document);
      FAIL("accepted");
    } catch (const ScenarioError& error) {
      CHECK(error.where() == TRUSTSIM_SCENARIO_DIR "/targets/nhs.json");
      CHECK(error.pointer() == target.pointer + "/outcome");
      CHECK(error.problem().find(target.outcome) != std::string::npos);
    }
    return;
  }
  CHECK(testing::read_calibration_json(document).targets.targets.size() == nhs.targets.size());
}

TEST_CASE("the shipped recovery calibration reads", "[calibration_file]") {
  const CalibrationDefinition c =
      read_calibration_file(TRUSTSIM_SCENARIO_DIR "/calibration/recovery.json");
  CHECK(c.priors.size() == 2);
  CHECK(c.targets.targets.size() == 2);
  CHECK(c.base_source == TRUSTSIM_SCENARIO_DIR "/calibration/small_teams.json");
}
