// ABC-SMC itself, on a model in closed form (calibrate_fixtures.hpp): a
// normal mean with a flat prior, whose exact posterior is known. Checks the
// invariants (weights normalised, tolerances never rising, population 0 the
// prior) and that the posterior it finds is the analytic one.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibrate/abc_smc.hpp"
#include "calibrate/weighted_sample.hpp"
#include "calibrate_fixtures.hpp"

using namespace trustsim;

namespace {

constexpr int replicates = 4;
constexpr double observed = 1.0;

// One parameter, mu ~ uniform(-5, 5); one target on outcome 0, the mean of
// `replicates` draws of normal(mu, 1), observed 1.0 with sd 1/sqrt(4) = 0.5.
CalibrationDefinition gaussian_calibration(int population_size, int max_populations) {
  CalibrationDefinition c;
  c.seed = 2024;
  c.priors = {Prior{"mu", "/parameters/mu", PriorKind::uniform, -5.0, 5.0}};
  Target target;
  target.name = "mean";
  target.outcome = "trust_within";
  target.observed = observed;
  target.low = target.high = observed;
  target.scale = 1.0 / std::sqrt(double(replicates));
  target.scale_kind = "sd";
  target.source = "closed form";
  c.targets.targets = {target};
  c.target_outcomes = {0};
  c.method.population_size = population_size;
  c.method.replicates = replicates;
  c.method.max_populations = max_populations;
  c.method.min_acceptance_rate = 0.02;
  return c;
}

struct Run {
  std::vector<Population> populations;
  std::string stop;
};

Run calibrate(const CalibrationDefinition& c) {
  Run run;
  const EvaluateProposals model = testing::gaussian_model(replicates);
  for (;;) {
    if (auto reason = stop_reason(c, run.populations)) {
      run.stop = *reason;
      return run;
    }
    const Population* previous = run.populations.empty() ? nullptr : &run.populations.back();
    SampledPopulation s = sample_population(c, previous, static_cast<int>(run.populations.size()),
                                            population_size_of(c, previous), model);
    if (!s.complete) {
      run.stop = "abandoned";
      return run;
    }
    run.populations.push_back(std::move(s.population));
  }
}

std::vector<double> coordinate(const Population& p, std::size_t k) {
  std::vector<double> x;
  for (const auto& particle : p.particles) x.push_back(particle.internal[k]);
  return x;
}

}  // namespace

TEST_CASE("weights are normalised and tolerances never rise", "[abc_smc]") {
  const Run run = calibrate(gaussian_calibration(200, 6));
  REQUIRE(run.populations.size() == 6);
  CHECK(run.stop == "reached max_populations (6)");
  const Population& prior = run.populations.front();
  CHECK(std::isinf(prior.tolerance));
  CHECK(prior.acceptance_rate() == 1.0);
  CHECK(prior.effective_sample_size() == Approx(200.0));
  double last = std::numeric_limits<double>::infinity();
  for (const auto& p : run.populations) {
    INFO("population " << p.index);
    CHECK(p.particles.size() == 200);
    double sum = 0.0;
    for (const auto& particle : p.particles) {
      CHECK(particle.weight > 0.0);
      CHECK(particle.distance <= p.tolerance);
      sum += particle.weight;
    }
    CHECK(sum == Approx(1.0).epsilon(1e-12));
    CHECK(p.tolerance <= last);
    last = p.tolerance;
    CHECK(p.acceptance_rate() > 0.0);
    CHECK(p.acceptance_rate() <= 1.0);
    CHECK(p.simulations >= p.attempts * 0);  // speculative runs are counted too
  }
  // The tolerance falls a long way from the prior's first quantile.
  CHECK(run.populations.back().tolerance < run.populations[1].tolerance / 4);
}

TEST_CASE("the posterior of a normal mean is the analytic one", "[abc_smc]") {
  const Run run = calibrate(gaussian_calibration(400, 8));
  const Population& posterior = run.populations.back();
  const auto mu = coordinate(posterior, 0);
  const auto w = posterior.weights();
  double mean = 0.0, second = 0.0;
  for (std::size_t i = 0; i < mu.size(); ++i) mean += w[i] * mu[i], second += w[i] * mu[i] * mu[i];
  const double sd = std::sqrt(second - mean * mean);
  // Exact posterior: normal(1.0, 0.5) (the prior's ends are 8 sd away).
  // ABC at tolerance eps widens it by about eps^2/3 in variance (a uniform
  // kernel); with eps near 0.1 sd that is under 1%.
  INFO("tolerance " << posterior.tolerance << ", ESS " << posterior.effective_sample_size());
  REQUIRE(posterior.tolerance < 0.5);
  // The weighted mean's standard error is 0.5 / sqrt(ESS), about 0.03 here;
  // 0.12 is four of them. The sd's relative error is about 1/sqrt(2 ESS).
  CHECK(mean == Approx(observed).margin(0.12));
  CHECK(sd == Approx(0.5).epsilon(0.2));
  // The 90% interval is mean +- 1.645 sd = [0.18, 1.82].
  CHECK(weighted_quantile(mu, w, 0.05) == Approx(0.18).margin(0.2));
  CHECK(weighted_quantile(mu, w, 0.95) == Approx(1.82).margin(0.2));
}

TEST_CASE("the same calibration twice gives the same populations bit for bit", "[abc_smc]") {
  const Run a = calibrate(gaussian_calibration(50, 4));
  const Run b = calibrate(gaussian_calibration(50, 4));
  REQUIRE(a.populations.size() == b.populations.size());
  for (std::size_t t = 0; t < a.populations.size(); ++t) {
    CHECK(a.populations[t].tolerance == b.populations[t].tolerance);
    CHECK(a.populations[t].attempts == b.populations[t].attempts);
    for (std::size_t i = 0; i < a.populations[t].particles.size(); ++i) {
      CHECK(a.populations[t].particles[i].internal == b.populations[t].particles[i].internal);
      CHECK(a.populations[t].particles[i].weight == b.populations[t].particles[i].weight);
    }
  }
}

TEST_CASE("the stopping rules: minimum tolerance and acceptance floor", "[abc_smc]") {
  CalibrationDefinition c = gaussian_calibration(50, 20);
  c.method.min_tolerance = 1.0;
  const Run run = calibrate(c);
  CHECK(run.stop.find("reached min_tolerance") != std::string::npos);
  CHECK(run.populations.back().tolerance <= 1.0);
  CHECK(run.populations[run.populations.size() - 2].tolerance > 1.0);

  // A target no parameter can reach: the tolerance cannot fall below the
  // nearest miss, acceptance collapses, and the population is abandoned
  // (or stops on the floor) rather than running for ever.
  CalibrationDefinition far = gaussian_calibration(50, 30);
  far.targets.targets[0].observed = 40.0;
  far.targets.targets[0].low = far.targets.targets[0].high = 40.0;
  far.method.min_acceptance_rate = 0.05;
  const Run stuck = calibrate(far);
  CHECK(stuck.populations.size() < 30);
  CHECK((stuck.stop == "abandoned" || stuck.stop.find("acceptance rate") != std::string::npos));
}

TEST_CASE("natural values undo the internal scale", "[abc_smc]") {
  const std::vector<Prior> priors{{"a", "", PriorKind::uniform, 0.0, 1.0},
                                  {"b", "", PriorKind::log_uniform, 1e-3, 1.0}};
  const auto v = natural_values(priors, {0.25, std::log(0.01)});
  CHECK(v[0] == 0.25);
  CHECK(v[1] == Approx(0.01));
}
