// The rules of one working day, in the order simulation.cpp applies them.
// Each phase reads the world, draws from its own addressed random streams
// and either changes the world directly (cheap, sequential phases) or
// returns trust updates that TrustNetwork::apply makes in a fixed order.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "model/observation.hpp"
#include "model/regime.hpp"
#include "model/world.hpp"

namespace trustsim {

struct DayTally {
  std::int64_t issues_raised = 0;
  std::int64_t issues_unraised = 0;
  std::int64_t issues_resolved = 0;
  std::int64_t incidents = 0;
  std::int64_t leavers = 0;
  std::int64_t hero_leavers = 0;
  std::int64_t workarounds_failed = 0;
  std::int64_t workarounds_lost = 0;
  std::int64_t informal_contacts = 0;

  DayTally& operator+=(const DayTally& o);
};

// 1. Vacancies whose delay has passed are filled by newcomers; secondments
//    start and end (fluid teams).
void hire_newcomers(World& world, int day);
void rotate_secondments(World& world, int day);

// Phases 2 to 4 change trust. Each works on some localities and returns
// the trust updates it makes there, for TrustNetwork::apply; run_day takes
// one locality at a time through all three.

// 2. Team and cross-team meetings under today's regime (meetings.cpp).
std::vector<TrustUpdate> hold_meetings(const World& world, int day, const RegimeToday& regime,
                                       Localities localities, DayTally& tally);

// 3. Corridor, kitchen and phone contacts, and facilitated introductions
//    (informal_contacts.cpp).
std::vector<TrustUpdate> make_informal_contacts(const World& world, int day,
                                                const RegimeToday& regime, Localities localities,
                                                DayTally& tally);

// 4. Everyday cross-boundary issues: raised or not, resolved or not, held
//    as workarounds or left unresolved (issues.cpp). What is left over is
//    settled after all localities, in slot order, because workarounds and
//    open issues are numbered in the order they arise.
struct IssueLeft {
  enum Kind : std::uint8_t { none, to_workaround, unresolved } kind = none;
  StaffId holder = 0;  // to_workaround
};
struct RaisedIssues {
  std::vector<TrustUpdate> trust_changes;
  std::vector<IssueLeft> left;
};
RaisedIssues raise_issues(const World& world, int day, Localities localities, DayTally& tally);
void settle_issues(World& world, int day, const RaisedIssues& raised);

// 5. Workarounds retire, fail for want of top-up, become explicit, and are
//    redistributed away from overloaded heroes (workarounds.cpp).
void maintain_workarounds(World& world, int day, DayTally& tally);

// 6. Load, burnout and leaving (attrition.cpp).
void burn_out_and_leave(World& world, int day, DayTally& tally);

// 7. Open unresolved issues may cause incidents; some close by themselves
//    (unresolved.cpp).
void age_unresolved_issues(World& world, int day, DayTally& tally);

// The phases above in order: one working day (day.cpp), ending with trust
// measured (observation.hpp), which drops ties once stale or decayed. Adds
// the number of trust updates applied to `trust_updates`.
struct DayResult {
  DayTally tally;
  TrustLevels trust;
};
// `cancel`, when raised, stops the day between one locality's phases with
// Cancelled (simulation.hpp), so that a run of a large system stops within
// a phase, not a day; it never changes what a finished day computes.
DayResult run_day(World& world, int day, std::uint64_t& trust_updates,
                  const std::atomic<bool>* cancel = nullptr);

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
// threshold once that intervention is on.
double raise_probability(const Parameters& p, double trust, int day);

// An issue left without a holder joins the unresolved ones.
void leave_unresolved(World& world);

}  // namespace trustsim
