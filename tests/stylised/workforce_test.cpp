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

// Both effects from the same runs of the two arms. Incidents hold
// everywhere since the warm-up (t 5.7 at the defaults, 3.8 to 17.1 across
// the points; it was t 2.4 at the defaults from a cold start).
TEST_CASE("longer vacancies raise leaving and incidents", "[stylised]") {
  require_effects_everywhere(
      {{"leavers, vacancies of 180 over 0 days", outcome_of(Outcome::leavers)},
       {"incidents, vacancies of 180 over 0 days", outcome_of(Outcome::incidents)}},
      long_gaps, no_gaps, 20);
}

TEST_CASE("higher turnover raises incidents", "[stylised]") {
  require_everywhere(
      "incidents, four times the base leaving rate over the default",
      [](Parameters& p) { p.staff.base_leave_per_day *= 4; }, [](Parameters&) {},
      outcome_of(Outcome::incidents), 30);
}
