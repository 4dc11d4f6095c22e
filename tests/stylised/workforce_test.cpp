// Longer vacancies and higher turnover raise leaving and incidents: a
// post's work falls on the rest of the team, which overloads them
// (burnout, failing workarounds, more leaving), and newcomers nobody trusts
// yet raise less. The NHS's vacancy -> overload -> leaving spiral (NHS
// England, NHS Long Term Workforce Plan, 2023); seed 2: workforce
// challenges.
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

namespace {

void long_gaps(Parameters& p) { p.staff.vacancy_days = 180; }
void no_gaps(Parameters& p) { p.staff.vacancy_days = 0; }

}  // namespace

// Every effect from the same runs of the two arms, paired by seed. Leaving
// is measured as a rate, leavers per staff-year in post: the spiral says
// that those left in post leave more often, and a count of leavers would
// also fall with the headcount that long vacancies remove. At the
// calibrated baseline (docs/calibration.md) burnout adds little to the
// chance of leaving (the burnt out leave about twice as often as others),
// and the spiral is weak: with 100 pairs, leaver rate t 5.0 to 11.8 across
// the worlds, incidents 5.5 to 14.4, the leaver count 3.0 to 10.6; hence
// 80 pairs (at 20 the count had t 1.2 to 5.4).
TEST_CASE("longer vacancies raise leaving and incidents", "[stylised]") {
  require_effects_everywhere(
      {{"share burnt out, vacancies of 180 over 0 days", outcome_of(Outcome::burnt_out_share)},
       {"leaver rate, vacancies of 180 over 0 days", outcome_of(Outcome::leaver_rate_per_year)},
       {"incidents, vacancies of 180 over 0 days", outcome_of(Outcome::incidents)}},
      long_gaps, no_gaps, 80);
}

TEST_CASE("higher turnover raises incidents", "[stylised]") {
  require_everywhere(
      "incidents, four times the base leaving rate over the default",
      [](Parameters& p) { p.staff.base_leave_per_day *= 4; }, [](Parameters&) {},
      outcome_of(Outcome::incidents), 30);
}
