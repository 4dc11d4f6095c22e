// Blame after incidents erodes a team's psychological safety, and with it
// speaking up. S1: "Risks encouraged, 'failure' punished"; "Repeated
// everyday interactions set the overall culture". The cause changed is
// whether incidents are followed by blame (interventions.just_culture, at
// its time cost); the effects measured are the climate that emerges and
// the issues left unraised, which climate reaches only through the raise
// threshold.
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

namespace {

void just(Parameters& p) { p.interventions.just_culture.enabled = true; }
void blaming(Parameters&) {}

}  // namespace

TEST_CASE("a just culture raises team climate", "[stylised][climate]") {
  require_everywhere("team psychological safety, just culture over blame", just, blaming,
                     mean_psychological_safety, 20);
}

// Holds at the defaults (t 5.7) and at three of the five hypercube points;
// at point 1 (blame_loss 0.084) t = 1.8 and at point 4 (raise_shift 0.10,
// the weakest pull of climate on raising) t = 2.5, with 20 replicates an
// arm (issue 12 report): tagged [.finding]: left out of the suite,
// which it could not fail; run by `stylised_tests [finding]`. Not forced.
TEST_CASE("a just culture leaves fewer issues unraised", "[stylised][climate][.finding]") {
  require_everywhere("issues_unraised, blame over just culture", blaming, just,
                     outcome_of(Outcome::issues_unraised), 20);
}
