// One working day: the phases of day.hpp in their fixed order. Kept apart
// from the run loop (simulation.cpp) so that benchmarks and tests can step a
// world day by day without recording results.
#include "model/day.hpp"

#include <utility>

#include "model/parallel.hpp"
#include "model/simulation.hpp"
#include "model/tie_categories.hpp"

namespace trustsim {

namespace {

// Applies trust updates to the world's network, keeping its running sums
// per category of colleague (tie_categories.hpp); the number applied.
std::size_t apply_trust(World& world, const std::vector<TrustUpdate>& updates, int day) {
  return world.trust.apply(
      updates, day, [&](StaffId a, StaffId b) { return world.baseline(a, b); },
      [&](StaffId b) { return world.staff.generation[b]; },
      [&](StaffId a, StaffId b) { return tie_categories(world.staff, a, b); });
}

}  // namespace

DayResult run_day_in_phases(World& world, int day) {
  DayTally tally;
  std::uint64_t trust_updates = 0;
  const RegimeToday regime = regime_on(world.p.meetings, day);
  auto apply = [&](const std::vector<TrustUpdate>& updates) {
    trust_updates += apply_trust(world, updates, day);
  };
  const Localities everywhere = world.all_localities();
  hire_newcomers(world, day);  // 1
  rotate_secondments(world, day);
  world.refresh_membership();
  plan_working_day(world, day, tally);  // 1b
  disrupt_rituals(world, day);          // 1c
  hold_learning_reviews(world, day, tally);
  const MeetingsHeld meetings = hold_meetings(world, day, regime, everywhere, tally);  // 2
  apply(meetings.trust);
  charge(world, meetings.time, tally);
  for (StaffId i : meetings.participants) world.staff.participated[i] = 1;
  const RitualsHeld rituals = hold_rituals(world, day, everywhere, tally);  // 2b
  apply(rituals.trust);
  charge(world, rituals.time, tally);
  const ContactsMade contacts = make_informal_contacts(world, day, everywhere, tally);  // 3
  apply(contacts.trust);
  charge(world, contacts.time, tally);
  const RaisedIssues raised = raise_issues(world, day, everywhere, tally);  // 4
  apply(raised.trust_changes);
  charge(world, raised.time, tally);
  settle_rituals(world, rituals);
  settle_issues(world, day, raised);
  maintain_workarounds(world, day, tally);   // 5
  burn_out_and_leave(world, day, tally);     // 6
  age_unresolved_issues(world, day, tally);  // 7
  blame_after_incidents(world, day, tally);
  record_climate(world, tally);
  return {std::move(tally), measure_trust(world, day), trust_updates};
}

DayResult run_day(World& world, int day, const std::atomic<bool>* cancel) {
  const auto stop_if_cancelled = [cancel] {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw Cancelled();
  };
  const RegimeToday regime = regime_on(world.p.meetings, day);
  const std::size_t localities = world.locality_slots.size();

  parallel_each(0, localities, [&](std::size_t l) {
    hire_newcomers(world, day, world.locality_slots[l]);
    rotate_secondments(world, day, world.locality_slots[l]);
    world.refresh_membership(l);
  });
  DayTally tally;
  plan_working_day(world, day, tally);
  disrupt_rituals(world, day);
  hold_learning_reviews(world, day, tally);

  // Meetings, contacts and issues touch only trust rows within a locality,
  // so each locality goes through all three, and has its rows measured,
  // before the next: its rows are read from memory once a day in one sweep
  // and then stay in cache, instead of being fetched once per phase, which
  // at system scale is where the time went (docs/benchmarks.md). Results
  // are the same as if each phase ran everywhere before the next.
  std::vector<DayTally> tallies(localities);
  std::vector<std::uint64_t> applied(localities, 0);
  std::vector<RaisedIssues> raised(localities);
  std::vector<RitualsHeld> rituals(localities);
  ExcessSums sums(world);
  parallel_each(0, localities, [&](std::size_t l) {
    const Localities here{l, l + 1};
    const SlotRange slots = world.slots_of(here);
    stop_if_cancelled();
    world.trust.warm(slots);
    // Time charges and meeting participation touch only this locality's slots.
    const MeetingsHeld meetings = hold_meetings(world, day, regime, here, tallies[l]);
    applied[l] += apply_trust(world, meetings.trust, day);
    charge(world, meetings.time, tallies[l]);
    for (StaffId i : meetings.participants) world.staff.participated[i] = 1;
    rituals[l] = hold_rituals(world, day, here, tallies[l]);
    applied[l] += apply_trust(world, rituals[l].trust, day);
    charge(world, rituals[l].time, tallies[l]);
    stop_if_cancelled();
    const ContactsMade contacts = make_informal_contacts(world, day, here, tallies[l]);
    applied[l] += apply_trust(world, contacts.trust, day);
    charge(world, contacts.time, tallies[l]);
    stop_if_cancelled();
    raised[l] = raise_issues(world, day, here, tallies[l]);
    applied[l] += apply_trust(world, raised[l].trust_changes, day);
    charge(world, raised[l].time, tallies[l]);
    sum_excess(world, slots, day, sums);  // nothing later today changes these rows
  });
  std::uint64_t trust_updates = 0;
  std::vector<IssueIds> first_ids(localities);
  for (std::size_t l = 0; l < localities; ++l) {
    tally += tallies[l];
    trust_updates += applied[l];
    first_ids[l] = reserve_issue_ids(world, raised[l]);
  }
  // Settling touches only the locality's teams and workarounds.
  std::vector<std::vector<UnresolvedIssue>> left_open(localities);
  parallel_each(0, localities, [&](std::size_t l) {
    settle_rituals(world, rituals[l]);
    settle_issues(world, day, raised[l], first_ids[l], left_open[l]);
  });
  for (const auto& here : left_open)
    world.unresolved.insert(world.unresolved.end(), here.begin(), here.end());

  maintain_workarounds(world, day, tally);
  const std::vector<std::uint8_t> active_before = world.staff.active;
  burn_out_and_leave(world, day, tally);
  age_unresolved_issues(world, day, tally);
  blame_after_incidents(world, day, tally);
  record_climate(world, tally);

  // Today's leavers no longer count: their localities are measured again.
  if (tally.leavers > 0) {
    std::vector<std::uint8_t> again(localities, 0);
    for (StaffId i = 0; i < world.staff.size(); ++i)
      if (active_before[i] && !world.staff.active[i])
        again[static_cast<std::size_t>(world.staff.locality[i])] = 1;
    // Localities touch different rows and slots of `sums`: in parallel.
    parallel_each(0, localities, [&](std::size_t l) {
      if (again[l]) sum_excess(world, world.slots_of({l, l + 1}), day, sums);
    });
  }
  world.trust.tidy();  // pruning has freed room; lay the rows out afresh if worth it
  return {std::move(tally), mean_trust(world, sums), trust_updates};
}

}  // namespace trustsim
