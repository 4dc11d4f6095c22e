// Student's t distribution, for the confidence intervals of the comparison
// table. Written here rather than taken from a library because the only
// candidates (Boost.Math, GSL) would be a new dependency for two functions;
// the tests check it against published table values.
#pragma once

namespace trustsim {

// I_x(a, b), the regularized incomplete beta function, for a, b > 0 and
// x in [0, 1] (continued fraction, Numerical Recipes 3rd ed. §6.4).
double regularized_incomplete_beta(double x, double a, double b);

// P(T <= t) for T ~ Student t with `df` > 0 degrees of freedom; df need not
// be an integer (Welch-Satterthwaite degrees of freedom are not).
double student_t_cdf(double t, double df);

// The p-quantile, 0 < p < 1: the t with student_t_cdf(t, df) = p. NaN for a
// p or df out of range.
double student_t_quantile(double p, double df);

}  // namespace trustsim
