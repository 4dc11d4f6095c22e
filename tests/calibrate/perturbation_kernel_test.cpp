// The kernel: Cholesky factor of twice the weighted covariance, draws with
// that covariance, a symmetric density.
#include <catch2/catch.hpp>

#include <cmath>

#include "calibrate/draw_address.hpp"
#include "calibrate/perturbation_kernel.hpp"
#include "model/random_stream.hpp"

using namespace trustsim;

TEST_CASE("the Cholesky factor reproduces its matrix", "[perturbation_kernel]") {
  const std::vector<double> m{4, 2, 2, 3};
  const auto l = cholesky_factor(m, 2);
  CHECK(l[0] == Approx(2.0));
  CHECK(l[1] == 0.0);
  CHECK(l[2] == Approx(1.0));
  CHECK(l[3] == Approx(std::sqrt(2.0)));
}

TEST_CASE("a parameter all particles agree on still gets a proper kernel",
          "[perturbation_kernel]") {
  const auto l = cholesky_factor({1, 0, 0, 0}, 2);
  CHECK(l[3] > 0.0);
  CHECK(l[3] < 1e-5);
}

TEST_CASE("perturbations have twice the population's covariance", "[perturbation_kernel]") {
  // Population: (0,0), (2,0), (0,4) weighted .5 .25 .25: covariance
  // [[0.75, -0.5], [-0.5, 3]] (weighted_sample_test), so 2 Sigma is
  // [[1.5, -1], [-1, 6]].
  const PerturbationKernel kernel({{0, 0}, {2, 0}, {0, 4}}, {0.5, 0.25, 0.25});
  const int n = 40000;
  double sxx = 0, syy = 0, sxy = 0, sx = 0, sy = 0;
  for (int i = 0; i < n; ++i) {
    RandomStream stream(99, calibration_purpose::proposal, Day(0), Subject(i));
    const auto p = kernel.perturb({1.0, -1.0}, stream);
    const double x = p[0] - 1.0, y = p[1] + 1.0;
    sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
  }
  // Standard errors of these moments at n = 40000 are about 1% of the
  // variances; 5% is several of them.
  CHECK(sx / n == Approx(0.0).margin(0.03));
  CHECK(sy / n == Approx(0.0).margin(0.06));
  CHECK(sxx / n == Approx(1.5).epsilon(0.05));
  CHECK(syy / n == Approx(6.0).epsilon(0.05));
  CHECK(sxy / n == Approx(-1.0).epsilon(0.08));
}

TEST_CASE("the kernel's density is symmetric and peaks at its centre", "[perturbation_kernel]") {
  const PerturbationKernel kernel({{0, 0}, {2, 0}, {0, 4}}, {0.5, 0.25, 0.25});
  const std::vector<double> a{0.3, 1.0}, b{1.1, -0.4};
  CHECK(kernel.relative_density(a, b) == Approx(kernel.relative_density(b, a)));
  CHECK(kernel.relative_density(a, a) == 1.0);
  CHECK(kernel.relative_density(a, b) < 1.0);
}
