// Across teams within a run, lower working trust goes with more incidents
// per head (De Jong, Dirks & Gillespie 2016, J Appl Psychol 101(8): trust
// and team performance, meta-analytic rho about .30). Nothing reads trust
// into incidents: teams differ in trust by their make-up (organisations,
// sites), and incidents come from what is left unraised or badly held.
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

namespace {

// Each team's mean trust in everyone of its locality (its row of the
// team-by-team matrix, over the run's last 60 days of samples), and its
// incidents per head-year, both as deviations from the run's own team mean:
// pooled over runs, their correlation.
struct Correlation {
  double r = 0;
  std::size_t n = 0;
};

Correlation trust_vs_incidents(const std::vector<RunResult>& runs) {
  std::vector<double> x, y;
  for (const auto& run : runs) {
    const std::size_t teams = run.team_names.size();
    std::vector<double> trust(teams, 0.0), rate(teams, 0.0);
    int samples = 0;
    for (std::size_t s = 0; s < run.team_trust_days.size(); ++s) {
      if (run.team_trust_days[s] < run.days - outcome_tail_days) continue;
      ++samples;
      for (std::size_t a = 0; a < teams; ++a)
        for (std::size_t b = 0; b < teams; ++b)
          trust[a] += run.team_trust[(s * teams + a) * teams + b] / double(teams);
    }
    double mean_trust = 0, mean_rate = 0;
    for (std::size_t a = 0; a < teams; ++a) {
      trust[a] /= samples;
      rate[a] = run.team_incidents[a] / run.team_staff_days[a] * 260.0;
      mean_trust += trust[a] / double(teams);
      mean_rate += rate[a] / double(teams);
    }
    for (std::size_t a = 0; a < teams; ++a) {
      x.push_back(trust[a] - mean_trust);
      y.push_back(rate[a] - mean_rate);
    }
  }
  const Sample sx = sample(x), sy = sample(y);
  double cov = 0;
  for (std::size_t k = 0; k < x.size(); ++k) cov += (x[k] - sx.mean) * (y[k] - sy.mean);
  cov /= double(x.size() - 1);
  return {cov / std::sqrt(sx.variance * sy.variance), x.size()};
}

}  // namespace

// Held everywhere once the model had a warm-up and team climate: r about
// -0.5 at the defaults and -0.6 to -0.7 at hypercube points 2 to 4, stronger
// than the meta-analytic rho of about .30, a sign that teams here differ
// more in make-up than real ones; but only about -0.22 at point 1 and -0.34
// at point 5. There, 40 runs (160 teams) were too few: over six sets of 40
// seeds r at point 1 ranged from -0.14 to -0.29 (sd 0.065), and t fell
// below 3 for two of the six, with this model as with the one before; the
// teams of a run are not independent, so r varies from seed set to seed
// set more than its textbook error says. With 160 runs the sd is about
// half that, and point 1's mean r lies over three sds beyond t = 3. At the
// calibrated baseline (docs/calibration.md): r -0.37 at the defaults,
// -0.21 to -0.44 across the points (t 5.4 to 12.4).
TEST_CASE("across teams, lower working trust goes with more incidents per head", "[stylised]") {
  for (const auto& world : plausible_worlds()) {
    const auto c = trust_vs_incidents(replicate(world.p, 160));
    // t of a correlation: r sqrt((n - 2) / (1 - r^2)), one-sided, negative.
    const double t = -c.r * std::sqrt(double(c.n - 2) / (1 - c.r * c.r));
    std::printf("stylised: team trust vs incidents per head (%s): r = %.3f (n %zu), t = %.2f\n",
                world.name.c_str(), c.r, c.n, t);
    INFO(world.name << ": r = " << c.r << " over " << c.n << " teams");
    CHECK(t > required_t);
  }
}
