// SPEC: facilitators raise between-team trust. S1: "Account for informal
// facilitation between teams".
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

TEST_CASE("facilitators raise between-team trust", "[stylised]") {
  Parameters with = baseline();
  with.interventions.facilitators.enabled = true;
  const auto f = replicate(with, 40), b = replicate(baseline(), 40);
  require_higher("trust_between, with facilitators over without",
                 outcome(f, Outcome::trust_between), outcome(b, Outcome::trust_between));
}
