// SPEC: more formal meetings alone build less trust than the same time in
// informal contact. S1: trust "cannot be 'scheduled' in regular meetings".
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

TEST_CASE("more formal meetings build less trust than the same time spent informally",
          "[stylised]") {
  const Parameters base = baseline();
  // Extra formal time: team meetings every 2 days instead of every 5, that
  // is 1/2 - 1/5 = 0.3 one-hour meetings a day for every member.
  Parameters meetings = base;
  meetings.meetings.team_meeting_interval_days = 2;
  const double extra_hours_per_day = 1.0 / 2 - 1.0 / base.meetings.team_meeting_interval_days;
  // The same time as informal contacts, counting each contact as a
  // generous 15 minutes (S1's corridor and kitchen encounters are shorter).
  const double contact_hours = 0.25;
  Parameters informal = base;
  informal.contacts.per_day_in_person += extra_hours_per_day / contact_hours;
  informal.contacts.per_day_remote += extra_hours_per_day / contact_hours;

  const auto m = replicate(meetings, 40), i = replicate(informal, 40);
  require_higher("trust_within, informal over meetings", outcome(i, Outcome::trust_within),
                 outcome(m, Outcome::trust_within));
  require_higher("trust_between, informal over meetings", outcome(i, Outcome::trust_between),
                 outcome(m, Outcome::trust_between));
}
