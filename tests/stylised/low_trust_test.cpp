// SPEC: low trust leads to more unraised issues and more incidents. S1, P6:
// with low trust "it will be harder for me to approach that person with
// that issue"; "Lack of 'everyday' trust creates ... potential patient
// safety issues".
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

TEST_CASE("low trust leads to more unraised issues and more incidents", "[stylised]") {
  Parameters low = baseline(), high = baseline();
  low.trust.stranger_baseline = 0.15;
  high.trust.stranger_baseline = 0.45;
  const auto l = replicate(low, 60), h = replicate(high, 60);
  REQUIRE(sample(outcome(l, Outcome::trust_between)).mean <
          sample(outcome(h, Outcome::trust_between)).mean);
  require_higher("issues_unraised, low over high trust", outcome(l, Outcome::issues_unraised),
                 outcome(h, Outcome::issues_unraised));
  require_higher("incidents, low over high trust", outcome(l, Outcome::incidents),
                 outcome(h, Outcome::incidents));
}
