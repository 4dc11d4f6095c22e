// The rules of one working day, in the order simulation.cpp applies them.
// Each phase reads the world, draws from its own addressed random streams
// and either changes the world directly (cheap, sequential phases) or
// returns trust updates that TrustNetwork::apply makes in a fixed order.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "model/day_tally.hpp"
#include "model/observation.hpp"
#include "model/regime.hpp"
#include "model/world.hpp"

namespace trustsim {

// Hours a task took someone today (time budget, working_day.cpp), and what
// they went on, which charge() adds to the tally's hours_spent; `travel`,
// the journey to an in-person meeting, is charged with the meeting.
struct TimeCharge {
  StaffId who;
  double hours;
  Spent spent;
  double travel = 0.0;
};
void charge(World& world, const std::vector<TimeCharge>& charges, DayTally& tally);

// 1. Vacancies whose delay has passed are filled by newcomers (hiring.cpp);
//    secondments start and end (fluid teams, secondments.cpp).
//    What either does to a slot depends on that slot alone, so they may run
//    on the slots of each locality in parallel.
void hire_newcomers(World& world, int day);
void hire_newcomers(World& world, int day, SlotRange slots);
void rotate_secondments(World& world, int day);
void rotate_secondments(World& world, int day, SlotRange slots);

// 1b. Who is on site today, and the routine work of every post: a vacant
//     post's work, and what a newcomer cannot yet do, falls on the rest of
//     the team; colleagues spend time inducting newcomers and secondees
//     (working_day.cpp). Starts today's hours afresh.
void plan_working_day(World& world, int day, DayTally& tally);
// For a world stepped phase by phase without counting hours.
inline void plan_working_day(World& world, int day) {
  DayTally uncounted;
  plan_working_day(world, day, uncounted);
}

// 1c. Rituals lapse at a disruption (rituals.cpp); blame-free learning
//     reviews take every member's time while just_culture is on (climate.cpp).
void disrupt_rituals(World& world, int day);
void hold_learning_reviews(World& world, int day, DayTally& tally);

// Phases 2 to 4 change trust. Each works on some localities and returns
// the trust updates it makes there, for TrustNetwork::apply; run_day takes
// one locality at a time through all three.

// 2. Team and cross-team meetings under today's regime (meetings.cpp):
//    the trust participation earns, contacts around in-person meetings, the
//    time attending and travelling takes, and who took part (and so could
//    raise issues there).
struct MeetingsHeld {
  std::vector<TrustUpdate> trust;
  std::vector<TimeCharge> time;
  std::vector<StaffId> participants;
};
MeetingsHeld hold_meetings(const World& world, int day, const RegimeToday& regime,
                           Localities localities, DayTally& tally);

// 2b. Team rituals (rituals.cpp): on a team's ritual day its gathering is
//     held as the habit has it (or convened under new_rituals) among the
//     members on site, bringing contacts and taking their time. The habit
//     and the climate change afterwards (settle_rituals), team by team.
struct RitualsHeld {
  std::vector<TrustUpdate> trust;
  std::vector<TimeCharge> time;
  std::vector<std::int32_t> held;    // teams whose gathering was held
  std::vector<std::int32_t> lapsed;  // teams whose ritual day passed without one
};
RitualsHeld hold_rituals(const World& world, int day, Localities localities, DayTally& tally);
void settle_rituals(World& world, const RitualsHeld& rituals);

// 3. Corridor and kitchen contacts between people on site, phone and chat
//    contacts, and facilitated introductions (informal_contacts.cpp).
struct ContactsMade {
  std::vector<TrustUpdate> trust;
  std::vector<TimeCharge> time;
};
ContactsMade make_informal_contacts(const World& world, int day, Localities localities,
                                    DayTally& tally);

// 4. Everyday cross-boundary issues: raised or not, resolved or not, held
//    as workarounds or left unresolved (issues.cpp). Issues arise per post:
//    a vacant post's are handled by a colleague. What is left over is
//    settled after all localities have raised theirs, numbered in locality
//    and then slot order, because workarounds and open issues are numbered
//    in the order they arise.
struct IssueLeft {
  enum Kind : std::uint8_t { none, to_workaround, unresolved } kind = none;
  StaffId holder = 0;                       // to_workaround
  bool absorbed = false;                    // to_workaround: taken on from a colleague
  IssueCause cause = IssueCause::unraised;  // unresolved
  std::int32_t team = 0;                    // unresolved: the post's team
};
// A raised issue's outcome as its raiser's team lives it (climate.cpp).
struct SpeakingUp {
  std::int32_t team;
  bool resolved;  // false: a rebuff
};
struct RaisedIssues {
  std::vector<TrustUpdate> trust_changes;
  std::vector<IssueLeft> left;
  std::vector<TimeCharge> time;
  std::vector<SpeakingUp> spoken;
};
RaisedIssues raise_issues(const World& world, int day, Localities localities, DayTally& tally);
// How many issues each post of `localities` meets on `day`, in slot order:
// independently Poisson(issues.per_person_per_day) a post, drawn a
// locality at a time (issues.cpp).
std::vector<int> issues_per_post(const World& world, int day, Localities localities);
void settle_issues(World& world, int day, const RaisedIssues& raised);
// The same for one locality, settled beside the others: its workarounds and
// open issues numbered from the ids reserve_issue_ids gave it (called for
// each locality in turn, which numbers them as settling in turn would), and
// its open issues put in `left_open`, to be joined in locality order.
struct IssueIds {
  std::uint32_t workaround;
  std::uint32_t unresolved;
};
IssueIds reserve_issue_ids(World& world, const RaisedIssues& raised);
void settle_issues(World& world, int day, const RaisedIssues& raised, IssueIds next,
                   std::vector<UnresolvedIssue>& left_open);

// 5. Workarounds retire, fail for want of top-up, become explicit, and are
//    redistributed away from overloaded heroes (workarounds.cpp).
void maintain_workarounds(World& world, int day, DayTally& tally);

// A workaround made on `day` with the id `id` (ids are given in the order
// workarounds arise: World::next_workaround_id), its fate drawn (from draws
// addressed by that id) as maintain_workarounds will read it.
Workaround make_workaround(const World& world, std::uint32_t id, StaffId holder, int day,
                           bool is_explicit, bool absorbed);

// 6. Load (today's hours over hours_per_day), burnout and leaving
//    (attrition.cpp).
void burn_out_and_leave(World& world, int day, DayTally& tally);

// 7. Open unresolved issues may cause incidents; some close by themselves
//    (unresolved.cpp). Blame after them erodes their team's climate unless
//    just_culture is on (climate.cpp).
void age_unresolved_issues(World& world, int day, DayTally& tally);
void blame_after_incidents(World& world, int day, const DayTally& tally);

// Team climate (climate.cpp): what raising and its outcome do to it, and
// each team's climate into the day's tally.
void update_climate(World& world, const std::vector<SpeakingUp>& spoken);
void record_climate(const World& world, DayTally& tally);

// The phases above in order: one working day (day.cpp), ending with trust
// measured (observation.hpp), which drops ties once stale or decayed.
struct DayResult {
  DayTally tally;
  TrustLevels trust;
  std::uint64_t trust_updates = 0;  // applied today: the benchmark's count of work done
};
// `cancel`, when raised, stops the day between one locality's phases with
// Cancelled (simulation.hpp), so that a run of a large system stops within
// a phase, not a day; it never changes what a finished day computes.
DayResult run_day(World& world, int day, const std::atomic<bool>* cancel = nullptr);

// The same day written as the phases read above, each everywhere before the
// next: the readable specification that run_day's fused, locality-by-
// locality form must equal exactly (tests/model/day_test.cpp). Slower.
DayResult run_day_in_phases(World& world, int day);

// Shared by the phases: an informal contact raises trust both ways,
// slowed across organisations by culture distance (seed 2).
inline void informal_contact(const World& world, StaffId a, StaffId b,
                             std::vector<TrustUpdate>& out) {
  const auto gain = static_cast<float>(world.p.trust.informal_gain * world.culture_factor(a, b));
  out.push_back({a, b, gain, 0.0f});
  out.push_back({b, a, gain, 0.0f});
}

// The chance of raising an issue with someone trusted `trust`: logistic,
// rising with trust; "do not avoid difficult conversations" lowers the
// threshold once that intervention is on, and so does having taken part in
// a meeting today (`at_meeting`) and a team climate (`safety`, the
// raiser's team's psychological safety) above one half.
double raise_probability(const Parameters& p, double trust, int day, bool at_meeting = false,
                         double safety = 0.5);

// The chance that a colleague with this conscientiousness and load
// (yesterday's hours / hours_per_day) takes on someone else's unheld issue.
// Heroes are made by this one rule (issues.cpp), and counted by it too: a
// leaver is a lone hero if they held work they had absorbed (attrition.cpp).
double absorb_probability(const StaffParameters& p, double conscientiousness, double load);

// An issue left without a holder on `day` joins the unresolved ones, its
// fate drawn (from draws addressed by its id) as age_unresolved_issues will
// read it.
void leave_unresolved(World& world, IssueCause cause, std::int32_t team, int day);
// The issue such a call would add, with a given id.
UnresolvedIssue make_unresolved(const World& world, std::uint32_t id, IssueCause cause,
                                std::int32_t team, int day);

// Workarounds gone for good (failed, or lost with their holder), gathered
// locality by locality in parallel: their issues are left unresolved in
// the workarounds' creation order, whatever the threads.
struct WorkaroundGone {
  std::uint32_t id;
  std::int32_t team;
};
void leave_unresolved_in_order(World& world, IssueCause cause,
                               const std::vector<std::vector<WorkaroundGone>>& gone, int day);

}  // namespace trustsim
