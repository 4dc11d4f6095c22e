// A sweep's `parameters_from`: the weighted draw of a posterior particle
// per replicate, the plan that gives every variant's replicate r the same
// parameters, and the sweep file's refusals.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "io/hdf5_write.hpp"
#include "sweep/posterior_draw.hpp"
#include "sweep_fixtures.hpp"

using namespace trustsim;
using namespace trustsim::testing;

namespace {

// A file in the layout `trustsim calibrate` writes (docs/calibration.md),
// reduced to what a sweep reads: the root kind, /summary's weight and
// parameter columns, /calibration/parameters/key.
void write_posterior(const std::filesystem::path& path, const std::vector<std::string>& keys,
                     const std::vector<std::vector<double>>& columns,
                     const std::vector<double>& weights, const std::string& kind = "calibration") {
  hdf5::Handle file = hdf5::file(
      H5Fcreate(path.string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), "create");
  hdf5::write_attribute(file, "kind", kind);
  hdf5::Handle summary = hdf5::create_group(file, "summary");
  hdf5::write_dataset(summary, "weight", weights, hdf5::DatasetInfo{"1", "weight"});
  for (std::size_t k = 0; k < keys.size(); ++k)
    hdf5::write_dataset(summary, keys[k], columns[k], hdf5::DatasetInfo{"1", keys[k]});
  hdf5::Handle calibration = hdf5::create_group(file, "calibration");
  hdf5::Handle parameters = hdf5::create_group(calibration, "parameters");
  hdf5::write_strings(parameters, "key", keys, hdf5::DatasetInfo{"1", "key"});
}

const std::vector<std::string> two_keys{"trust.informal_gain", "staff.base_leave_per_day"};
const std::vector<std::vector<double>> four_particles{{0.1, 0.2, 0.3, 0.4},
                                                      {0.001, 0.002, 0.003, 0.004}};

const Json online_and_meeting_gain = {{"online", {{"meetings.regime", "online"}}},
                                      {"meeting", {{"trust.meeting_gain", 0.05}}}};

double gain_of(const RunPlan& run) {
  return Json::parse(*run.parameters_json).at("trust").at("informal_gain").get<double>();
}

}  // namespace

TEST_CASE("posterior draw: each particle as often as its weight", "[posterior]") {
  const std::vector<double> weights{0.1, 0.0, 0.6, 0.3};
  std::vector<int> counts(weights.size(), 0);
  const int draws = 20000;
  for (int r = 0; r < draws; ++r) ++counts.at(posterior_particle(weights, 17, r));
  CHECK(counts[1] == 0);  // weight 0: never
  for (std::size_t i = 0; i < weights.size(); ++i) {
    // Binomial: within 4 standard deviations.
    const double expected = draws * weights[i];
    const double sd = std::sqrt(draws * weights[i] * (1.0 - weights[i]));
    CHECK(std::abs(counts[i] - expected) <= 4.0 * sd + 1e-9);
  }
  // Weights need not sum to one: only their ratios count.
  std::vector<double> scaled = weights;
  for (double& w : scaled) w *= 7.0;
  for (int r = 0; r < 200; ++r)
    CHECK(posterior_particle(scaled, 17, r) == posterior_particle(weights, 17, r));
}

TEST_CASE("posterior draw: addressed by seed and replicate", "[posterior]") {
  const std::vector<double> weights(50, 1.0);
  CHECK(posterior_particle(weights, 5, 3) == posterior_particle(weights, 5, 3));
  int differ_by_replicate = 0, differ_by_seed = 0;
  for (int r = 0; r < 40; ++r) {
    differ_by_replicate +=
        posterior_particle(weights, 5, r) != posterior_particle(weights, 5, r + 1);
    differ_by_seed += posterior_particle(weights, 5, r) != posterior_particle(weights, 6, r);
  }
  // Equal weights over 50: a repeat has chance 1/50 per pair.
  CHECK(differ_by_replicate >= 34);
  CHECK(differ_by_seed >= 34);
}

TEST_CASE("parameters_from: a posterior concentrated on one particle sets every run",
          "[posterior]") {
  ScratchDirectory dir("posterior-one");
  write_posterior(dir.path() / "post.h5", two_keys, four_particles, {0.0, 0.0, 1.0, 0.0});
  const SweepPlan plan = expand_sweep(read_sweep(small_sweep({{"parameters_from", "post.h5"},
                                                              {"variants", online_and_meeting_gain},
                                                              {"replicates", 5}}),
                                                 dir.path().string()));
  REQUIRE(plan.runs.size() == 15);
  for (const auto& run : plan.runs) {
    const Json resolved = Json::parse(*run.parameters_json);
    CHECK(resolved.at("trust").at("informal_gain").get<double>() == 0.3);
    CHECK(resolved.at("staff").at("base_leave_per_day").get<double>() == 0.003);
    CHECK(run.parameters->trust.informal_gain == 0.3);
  }
  CHECK(plan.parameters_from == (dir.path() / "post.h5").string());
  CHECK(plan.parameters_from_digest.size() == 16);
  const Json resolved = Json::parse(plan.resolved_json);
  CHECK(resolved.at("parameters_from").at("digest_fnv1a64") == plan.parameters_from_digest);
}

TEST_CASE("parameters_from: replicate r has the same parameters in every variant", "[posterior]") {
  ScratchDirectory dir("posterior-pairs");
  std::vector<std::vector<double>> columns{{}, {}};
  for (int i = 0; i < 40; ++i) {
    columns[0].push_back(0.05 + 0.01 * i);
    columns[1].push_back(0.001 + 0.0001 * i);
  }
  write_posterior(dir.path() / "post.h5", two_keys, columns, std::vector<double>(40, 1.0));
  const Json grid = {{"staff.vacancy_days", {30, 60}}};
  const SweepPlan plan = expand_sweep(read_sweep(small_sweep({{"parameters_from", "post.h5"},
                                                              {"variants", online_and_meeting_gain},
                                                              {"grid", grid},
                                                              {"replicates", 6}}),
                                                 dir.path().string()));
  std::map<int, double> gain_of_replicate;
  for (const auto& run : plan.runs) {
    const auto [entry, added] = gain_of_replicate.emplace(run.replicate, gain_of(run));
    CHECK(entry->second == gain_of(run));  // every variant and grid cell
  }
  REQUIRE(gain_of_replicate.size() == 6);
  // Different replicates take independent draws: of 6 draws from 40
  // equally weighted particles, all 6 coincide with chance 40^-5.
  std::set<double> distinct;
  for (const auto& [r, gain] : gain_of_replicate) distinct.insert(gain);
  CHECK(distinct.size() >= 3);
  // Seeds are as without a posterior: each variant its own.
  const SweepPlan without = expand_sweep(read_sweep(
      small_sweep({{"variants", online_and_meeting_gain}, {"grid", grid}, {"replicates", 6}})));
  REQUIRE(without.runs.size() == plan.runs.size());
  for (std::size_t i = 0; i < plan.runs.size(); ++i)
    CHECK(plan.runs[i].seed == without.runs[i].seed);
  CHECK(plan.fingerprint != without.fingerprint);

  // The resolved sweep holds the posterior inline: rebuilt from it (as
  // `trustsim merge` does) without the file, the plan is the same.
  std::filesystem::remove(dir.path() / "post.h5");
  Json resolved = Json::parse(plan.resolved_json);
  resolved.erase("base_file");
  const SweepPlan rebuilt = expand_sweep(read_sweep(resolved));
  CHECK(rebuilt.fingerprint == plan.fingerprint);
  CHECK(rebuilt.parameters_from == plan.parameters_from);
}

TEST_CASE("parameters_from: bad values are refused with the key's pointer", "[posterior]") {
  ScratchDirectory dir("posterior-bad");
  const std::string d = dir.path().string();
  write_posterior(dir.path() / "post.h5", two_keys, four_particles, {0.25, 0.25, 0.25, 0.25});
  auto problem_of = [&](const Json& extra) {
    const ScenarioError error = sweep_error(small_sweep(extra), d);
    CHECK(error.pointer() == "/parameters_from");
    return error.problem();
  };
  CHECK_THAT(problem_of({{"parameters_from", 3}}), Catch::Contains("must name the output"));
  CHECK_THAT(problem_of({{"parameters_from", ""}}), Catch::Contains("must name the output"));
  CHECK_THAT(problem_of({{"parameters_from", "absent.h5"}}), Catch::Contains("does not exist"));

  {  // not HDF5 at all
    std::ofstream(dir.path() / "text.h5") << "not hdf5";
    CHECK_THAT(problem_of({{"parameters_from", "text.h5"}}), Catch::Contains("not an HDF5 file"));
  }
  write_posterior(dir.path() / "run.h5", two_keys, four_particles, {1, 1, 1, 1}, "run");
  CHECK_THAT(problem_of({{"parameters_from", "run.h5"}}),
             Catch::Contains("not the output of trustsim calibrate"));
  write_posterior(dir.path() / "unknown.h5", {"trust.informal_gane"}, {{0.1, 0.2}}, {1, 1});
  CHECK_THAT(problem_of({{"parameters_from", "unknown.h5"}}),
             Catch::Contains("\"trust.informal_gane\" is not a setting"));
  write_posterior(dir.path() / "range.h5", {"trust.informal_gain"}, {{0.1, 7.0}}, {1, 1});
  CHECK_THAT(problem_of({{"parameters_from", "range.h5"}}),
             Catch::Contains("posterior particle 1 does not fit"));
  write_posterior(dir.path() / "weights.h5", two_keys, four_particles, {0, 0, 0, 0});
  CHECK_THAT(problem_of({{"parameters_from", "weights.h5"}}), Catch::Contains("sum to 0"));
  write_posterior(dir.path() / "negative.h5", two_keys, four_particles, {1, -1, 1, 1});
  CHECK_THAT(problem_of({{"parameters_from", "negative.h5"}}), Catch::Contains("negative"));

  // A posterior key also varied by a variant, the grid or the sample: the
  // error points at that place.
  const auto varied = [&](const Json& extra) {
    Json sweep = small_sweep({{"parameters_from", "post.h5"}});
    sweep.update(extra);
    return sweep_error(sweep, d);
  };
  const ScenarioError by_variant =
      varied({{"variants", {{"fast", {{"trust.informal_gain", 0.5}}}}}});
  CHECK(by_variant.pointer() == "/variants/fast/trust.informal_gain");
  CHECK_THAT(by_variant.problem(), Catch::Contains("drawn from the posterior"));
  CHECK(varied({{"grid", {{"trust.informal_gain", {0.1, 0.2}}}}}).pointer() ==
        "/grid/trust.informal_gain");
  CHECK(varied({{"sample",
                 {{"count", 4}, {"parameters", {{"staff.base_leave_per_day", {0.001, 0.002}}}}}}})
            .pointer() == "/sample/parameters/staff.base_leave_per_day");
}

TEST_CASE("parameters_from: each particle drawn counts towards the scenario limit", "[posterior]") {
  ScratchDirectory dir("posterior-limit");
  std::vector<std::vector<double>> columns{{}, {}};
  for (int i = 0; i < 40; ++i) {
    columns[0].push_back(0.05 + 0.01 * i);
    columns[1].push_back(0.001 + 0.0001 * i);
  }
  write_posterior(dir.path() / "post.h5", two_keys, columns, std::vector<double>(40, 1.0));
  Json values = Json::array();
  for (int i = 0; i < 1000; ++i) values.push_back(0.001 * i);
  // 3 variants x 1000 grid values x min(40 replicates, 40 particles) =
  // 120000 scenarios > 100000, though only 120000 runs.
  const Json sweep = small_sweep({{"parameters_from", "post.h5"},
                                  {"variants", online_and_meeting_gain},
                                  {"grid", {{"meetings.face_to_face_fraction", values}}},
                                  {"replicates", 40}});
  const ScenarioError error = sweep_error(sweep, dir.path().string());
  CHECK_THAT(error.problem(), Catch::Contains("120000 scenarios (design points x variants x "
                                              "posterior particles drawn)"));
}
