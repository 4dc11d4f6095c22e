#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

// Three localities of two teams, with everything that moves people on:
// leavers and newcomers, secondments, facilitated introductions.
Parameters busy_system() {
  Parameters p = test::two_teams(5);
  p.days = 80;
  p.system.localities = 3;
  p.staff.base_leave_per_day = 0.01;
  p.staff.vacancy_days = 2;
  p.interventions.fluid_teams.enabled = true;
  p.interventions.fluid_teams.rotation_interval_days = 10;
  p.interventions.fluid_teams.secondment_days = 7;
  p.interventions.facilitators.enabled = true;
  return p;
}

std::vector<TrustTie> all_ties(const World& world) {
  std::vector<TrustTie> ties;
  for (StaffId i = 0; i < world.staff.size(); ++i)
    for (const TrustTie& tie : world.trust.ties_of(i)) ties.push_back(tie);
  return ties;
}

bool same(const TrustTie& a, const TrustTie& b) {
  return a.to == b.to && a.to_generation == b.to_generation && a.excess == b.excess &&
         a.day == b.day;
}

bool same(const Workaround& a, const Workaround& b) {
  return a.id == b.id && a.holder == b.holder && a.team == b.team &&
         a.is_explicit == b.is_explicit && a.need_passes_on == b.need_passes_on &&
         a.survival_margin == b.survival_margin;
}

bool same(const UnresolvedIssue& a, const UnresolvedIssue& b) {
  return a.id == b.id && a.cause == b.cause && a.team == b.team && a.incident_on == b.incident_on &&
         a.need_passes_on == b.need_passes_on;
}

// A team's members as the definition has them: its active staff in slot order.
std::vector<StaffId> members_of(const World& world, std::size_t team) {
  std::vector<StaffId> members;
  for (StaffId i = 0; i < world.staff.size(); ++i)
    if (world.staff.active[i] && static_cast<std::size_t>(world.staff.team[i]) == team)
      members.push_back(i);
  return members;
}

}  // namespace

TEST_CASE("a day taken locality by locality equals each phase run everywhere in turn", "[day]") {
  const Parameters p = busy_system();
  World blocked(p, 9), reference(p, 9);
  std::uint64_t blocked_updates = 0, reference_updates = 0;
  std::int64_t leavers = 0;
  for (int day = 0; day < p.days; ++day) {
    const DayResult b = run_day(blocked, day);
    const DayResult r = run_day_in_phases(reference, day);
    blocked_updates += b.trust_updates;
    reference_updates += r.trust_updates;
    leavers += b.tally.leavers;
    REQUIRE(b.trust.within == r.trust.within);  // exactly: same sums in the same order
    REQUIRE(b.trust.between == r.trust.between);
    REQUIRE(b.tally.informal_contacts == r.tally.informal_contacts);
    REQUIRE(b.tally.issues_raised == r.tally.issues_raised);
    REQUIRE(b.tally.leavers == r.tally.leavers);
    REQUIRE(b.tally.hours_worked == r.tally.hours_worked);
    REQUIRE(b.tally.team_incidents == r.tally.team_incidents);
    REQUIRE(b.tally.team_hours == r.tally.team_hours);
    REQUIRE(b.tally.overloaded_staff == r.tally.overloaded_staff);
    // Settled locality by locality, numbered as if in turn; members rebuilt likewise.
    const auto held = blocked.workarounds.all(), held_too = reference.workarounds.all();
    REQUIRE(held.size() == held_too.size());
    for (std::size_t k = 0; k < held.size(); ++k) REQUIRE(same(held[k], held_too[k]));
    REQUIRE(blocked.unresolved.size() == reference.unresolved.size());
    for (std::size_t k = 0; k < blocked.unresolved.size(); ++k)
      REQUIRE(same(blocked.unresolved[k], reference.unresolved[k]));
    for (std::size_t t = 0; t < blocked.teams.size(); ++t) {
      REQUIRE(blocked.teams[t].members == members_of(blocked, t));
      REQUIRE(blocked.teams[t].psychological_safety == reference.teams[t].psychological_safety);
    }
  }
  CHECK(leavers > 10);  // so that measuring again after leavers was exercised
  CHECK(blocked_updates == reference_updates);
  CHECK(blocked.next_workaround_id > 20);  // so that settling was exercised
  CHECK(blocked.next_unresolved_id > 20);
  const auto b = all_ties(blocked), r = all_ties(reference);
  REQUIRE(b.size() == r.size());
  for (std::size_t k = 0; k < b.size(); ++k) REQUIRE(same(b[k], r[k]));
}

TEST_CASE("nobody comes to trust anyone outside their own locality", "[day]") {
  // What lets run_day take one locality at a time.
  const Parameters p = busy_system();
  World world(p, 4);
  for (int day = 0; day < p.days; ++day) run_day(world, day);
  std::size_t ties = 0;
  for (StaffId i = 0; i < world.staff.size(); ++i)
    for (const TrustTie& tie : world.trust.ties_of(i)) {
      ++ties;
      REQUIRE(world.staff.locality[tie.to] == world.staff.locality[i]);
    }
  CHECK(ties > 0);
}
