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

TEST_CASE("longer vacancies raise leaving", "[stylised]") {
  require_everywhere("leavers, vacancies of 180 over 0 days", long_gaps, no_gaps,
                     outcome_of(Outcome::leavers), 20);
}

// Does not hold at every hypercube point at t > 3 with these replicates (t
// 1.8 to 11.2 across the points, 2.4 at the defaults; see the issue 12
// report): tagged [!mayfail], which runs and prints every comparison
// without failing the suite. Not forced.
TEST_CASE("longer vacancies raise incidents", "[stylised][!mayfail]") {
  require_everywhere("incidents, vacancies of 180 over 0 days", long_gaps, no_gaps,
                     outcome_of(Outcome::incidents), 20);
}

TEST_CASE("higher turnover raises incidents", "[stylised]") {
  require_everywhere(
      "incidents, four times the base leaving rate over the default",
      [](Parameters& p) { p.staff.base_leave_per_day *= 4; }, [](Parameters&) {},
      outcome_of(Outcome::incidents), 30);
}
