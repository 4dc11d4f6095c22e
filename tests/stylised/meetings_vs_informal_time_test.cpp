// More formal meetings build less trust within a team than the same hours
// spent in informal contact. S1: trust "cannot be 'scheduled' in regular
// meetings". Only the within-team half is claimed: team meetings involve
// one's own team only, so a between-team comparison would hold by
// construction (issue 12, finding 6).
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

TEST_CASE("the same hours build more team trust informally than in team meetings", "[stylised]") {
  // Team meetings every 2 days instead of every 5: 1/2 - 1/5 = 0.3 meetings
  // of an hour a day for every member. The same time as phone and chat
  // contacts of a generous 15 minutes each (S1's corridor encounters are
  // shorter): 1.2 more contacts a day.
  const auto more_meetings = [](Parameters& p) { p.meetings.team_meeting_interval_days = 2; };
  const auto more_contacts = [](Parameters& p) {
    const double extra_hours =
        p.time.team_meeting_hours * (1.0 / 2 - 1.0 / p.meetings.team_meeting_interval_days);
    p.contacts.remote_per_day += extra_hours / 0.25;
  };
  require_everywhere("trust_within, informal over meeting hours", more_contacts, more_meetings,
                     outcome_of(Outcome::trust_within), 20);
}
