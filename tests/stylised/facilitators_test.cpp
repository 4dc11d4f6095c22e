// Facilitators raise between-team trust, at a cost in their time; an
// overdose (everyone facilitating for hours a day) overloads staff and
// does harm. S1: "Account for informal facilitation between teams";
// "'Simple' fixes are time consuming and need acknowledging".
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

namespace {

void overdose(Parameters& p) {
  p.interventions.facilitators.enabled = true;
  p.interventions.facilitators.per_team = 1000;                // everyone
  p.interventions.facilitators.extra_contacts_per_day = 10.0;  // 2.5 hours a day
}

}  // namespace

TEST_CASE("facilitators raise between-team trust", "[stylised]") {
  require_everywhere(
      "trust_between, with facilitators over without",
      [](Parameters& p) { p.interventions.facilitators.enabled = true; }, [](Parameters&) {},
      outcome_of(Outcome::trust_between), 20);
}

TEST_CASE("an overdose of facilitation overloads staff, who leave", "[stylised][time]") {
  require_everywhere(
      "leavers, overdosed facilitation over none", overdose, [](Parameters&) {},
      outcome_of(Outcome::leavers), 20);
}

// Does not hold at every hypercube point at t > 3 with these replicates
// (t 0.5 at point 3, where staff are already overloaded and incidents
// high, 5.3 to 9.2 elsewhere; see the issue 12 report): tagged
// [.finding]: left out of the suite, which it could not fail; run and
// printed by `stylised_tests [finding]`. Not forced.
TEST_CASE("an overdose of facilitation raises incidents", "[stylised][time][.finding]") {
  require_everywhere(
      "incidents, overdosed facilitation over none", overdose, [](Parameters&) {},
      outcome_of(Outcome::incidents), 20);
}
