// A disruption leaves a rupture that new rituals shorten. S1: "Disruptions
// in everyday practice require new traditions or rituals for continued
// collaboration" (Clarke 2025). The cause changed is the disruption (a
// relocation on the first measured day, rituals.disruption_days) and then
// the intervention (new_rituals); the effects measured are downstream of
// whether gatherings happen: the teams' psychological safety and the issues
// left unraised over the year from the disruption. Neither is set by the
// disruption or the intervention: gatherings lift climate, climate lowers
// the bar to raising.
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

namespace {

void year_from_disruption(Parameters& p) { p.days = 260; }
void disrupted(Parameters& p) {
  year_from_disruption(p);
  p.rituals.disruption_days = {0};
}
void disrupted_with_new_rituals(Parameters& p) {
  disrupted(p);
  p.interventions.new_rituals.enabled = true;
}

}  // namespace

// Both against the same disrupted arm, run once per world. 40 replicates
// an arm: with 20, over four sets of seeds (first seeds 1000 to 4000), t at
// hypercube points 1 and 2 ranged from 3.0 to 4.2 and 2.8 to 3.9, failing
// the required 3 at point 2 for one set; the defaults and points 3 to 5
// held with t 3.9 to 8.5.
TEST_CASE("a disruption of rituals leaves a rupture in team climate, and new rituals shorten it",
          "[stylised][rituals]") {
  require_each_everywhere(
      {{"team psychological safety, undisrupted", year_from_disruption},
       {"team psychological safety, disrupted with new rituals", disrupted_with_new_rituals}},
      "disrupted without them", mean_psychological_safety, 40, disrupted);
}

// Downstream, in issues left unraised over the year: the rupture holds at
// the defaults (t 3.1) and at hypercube point 5 (4.0) but not at points 1
// to 4 (t 1.1 to 2.7), and new rituals' repair likewise (t 2.9 at the
// defaults, 1.0 to 4.4 across the points), with 20 replicates an arm
// (issue 12 report; with the fates drawn once, issue 19, the rupture's t
// is 2.4 at the defaults and 3.1 at point 5): a rupture of about 30
// unraised issues in 750 is near replicate noise. Tagged [.finding] (run by
// `stylised_tests [finding]`), printed, not forced.
TEST_CASE("a disruption of rituals leaves issues unraised, and new rituals repair it",
          "[stylised][rituals][.finding]") {
  require_everywhere("issues_unraised, disrupted over undisrupted", disrupted, year_from_disruption,
                     outcome_of(Outcome::issues_unraised), 20);
  require_everywhere("issues_unraised after a disruption, none over new rituals", disrupted,
                     disrupted_with_new_rituals, outcome_of(Outcome::issues_unraised), 20);
}
