#include "sweep/student_t.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace trustsim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The continued fraction of I_x(a, b), evaluated by the modified Lentz
// method; converges quickly for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double x, double a, double b) {
  constexpr int max_terms = 10000;
  constexpr double tiny = 1e-300;
  constexpr double epsilon = 1e-15;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= max_terms; ++m) {
    const double m2 = 2.0 * m;
    // Even step.
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    // Odd step.
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < epsilon) break;
  }
  return h;
}

// ln Γ(a + b) - ln Γ(a). Subtracting two lgamma values loses about
// log10(a ln a) digits to cancellation (six at a = 5e5, which the t CDF
// needs for 1e6 degrees of freedom), so for large a use Stirling's series,
// in which the difference can be formed without cancelling.
double log_gamma_ratio(double a, double b) {
  if (a < 20.0) return std::lgamma(a + b) - std::lgamma(a);
  auto series = [](double z) {  // ln Γ(z) - Stirling's leading terms
    const double z2 = z * z;
    return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - 1.0 / (1680.0 * z2)) / z2) / z2) / z;
  };
  return (a - 0.5) * std::log1p(b / a) + b * std::log(a + b) - b + series(a + b) - series(a);
}

// I_x(a, b) given both x and y = 1 - x, each computed directly by the
// caller, so that x close to 1 keeps its precision in y.
double incomplete_beta(double x, double y, double a, double b) {
  if (x <= 0.0) return 0.0;
  if (y <= 0.0) return 1.0;
  const bool swap = x >= (a + 1.0) / (a + b + 2.0);
  // The fraction converges fast only below the mean; use the symmetry
  // I_x(a, b) = 1 - I_y(b, a) above it. Order the pair so the large
  // parameter comes first in log_gamma_ratio.
  const double big = std::max(a, b), small = std::min(a, b);
  // x^a y^b / (a B(a, b)), in logs to survive large a and b.
  const double log_front = log_gamma_ratio(big, small) - std::lgamma(small) +
                           a * (x > 0.5 ? std::log1p(-y) : std::log(x)) +
                           b * (y > 0.5 ? std::log1p(-x) : std::log(y));
  const double front = std::exp(log_front);
  if (!swap) return front * beta_continued_fraction(x, a, b) / a;
  return 1.0 - front * beta_continued_fraction(y, b, a) / b;
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0)) return nan;
  return incomplete_beta(x, 1.0 - x, a, b);
}

double student_t_cdf(double t, double df) {
  if (!(df > 0.0) || std::isnan(t)) return nan;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t²).
  const double x = df / (df + t * t), y = t * t / (df + t * t);
  const double tail = 0.5 * incomplete_beta(x, y, 0.5 * df, 0.5);
  return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(p > 0.0) || !(p < 1.0) || !(df > 0.0)) return nan;
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  // Bracket the root, then bisect: the CDF is monotone, and bisection to
  // full double precision costs about a hundred CDF evaluations, nothing
  // next to one simulated run.
  double low = 0.0, high = 1.0;
  while (student_t_cdf(high, df) < p) {
    low = high;
    high *= 2.0;
    if (high > 1e300) return std::numeric_limits<double>::infinity();
  }
  for (int i = 0; i < 200; ++i) {
    const double middle = 0.5 * (low + high);
    if (middle <= low || middle >= high) break;  // adjacent doubles: done
    if (student_t_cdf(middle, df) < p)
      low = middle;
    else
      high = middle;
  }
  return 0.5 * (low + high);
}

}  // namespace trustsim
