// Lone heroes burn out and leave (their vacancies are filled in hiring.cpp).
// Seed 1: lone heroes are "not sustainable"; seed 2: workforce challenges.
#include <algorithm>

#include "model/day.hpp"
#include "model/parallel.hpp"
#include "model/per_staff.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

// Leaving is a survival margin drawn on arrival (RandomStream), not a
// stream of draws for every person every day, though nearly every day
// nobody leaves (docs/benchmarks.md, change 54). Addressed by the post and
// its holder's generation rather than a day, so that two arms of a
// comparison give the k-th holder of a post the same margin whenever they
// hired them.
double draw_leaving_margin(std::uint64_t seed, StaffId slot, std::uint32_t generation) {
  return RandomStream(seed, Purpose::leaving, Day(generation), Subject(slot)).survival_margin();
}

void burn_out_and_leave(World& world, int day, DayTally& tally) {
  const auto& p = world.p.staff;
  Staff& s = world.staff;
  std::vector<std::uint8_t> leaves(s.size(), 0);

  // Today's hours are complete once the workarounds held are added.
  for_each_staff({0, static_cast<StaffId>(s.size())}, [&](StaffId i) {
    if (!s.active[i]) return;
    s.hours[i] += world.held_load[i];
    s.load[i] = s.hours[i] / world.p.time.hours_per_day;
    const double overload = std::max(0.0, s.load[i] - 1.0);
    s.burnout[i] = std::clamp(overload > 0.0 ? s.burnout[i] + p.burnout_gain * overload
                                             : s.burnout[i] - p.burnout_recovery,
                              0.0, 1.0);
    const double leaving =
        p.base_leave_per_day + p.burnout_leave_per_day * s.burnout[i] * s.burnout[i];
    s.leaving_margin[i] *= 1.0 - std::min(leaving, 1.0);
    // Below 1 rather than at 1: a margin of exactly 1 (U = 0) stays while
    // the chance of leaving is 0, as a daily draw would.
    leaves[i] = s.leaving_margin[i] < 1.0;
  });

  // Each team's hours summed in slot order, locality by locality in
  // parallel (a team's members are all in its locality); the whole
  // system's in slot order.
  const std::size_t localities = world.locality_slots.size();
  tally.team_hours.resize(world.teams.size(), 0.0);
  tally.team_headcount.resize(world.teams.size(), 0);
  tally.team_leavers.resize(world.teams.size(), 0);
  std::vector<std::int64_t> overloaded(localities, 0);
  parallel_each(0, localities, [&](std::size_t l) {
    for (StaffId i = world.locality_slots[l].begin; i < world.locality_slots[l].end; ++i) {
      if (!s.active[i]) continue;
      const auto team = static_cast<std::size_t>(s.team[i]);
      tally.team_hours[team] += s.hours[i];
      ++tally.team_headcount[team];
      if (s.load[i] > 1.0) ++overloaded[l];
    }
  });
  for (const std::int64_t here : overloaded) tally.overloaded_staff += here;
  double& workaround_hours = tally.hours_spent[static_cast<std::size_t>(Spent::workarounds)];
  for (StaffId i = 0; i < s.size(); ++i) {
    if (!s.active[i]) continue;
    tally.hours_worked += s.hours[i];
    workaround_hours += world.held_load[i];
  }

  std::vector<std::uint8_t> someone_left(localities, 0);
  for (StaffId i = 0; i < s.size(); ++i) {
    if (!leaves[i]) continue;
    someone_left[static_cast<std::size_t>(s.locality[i])] = 1;
    ++tally.leavers;
    ++tally.team_leavers[static_cast<std::size_t>(s.home_team[i])];
    s.active[i] = 0;
    s.vacant_until[i] = day + p.vacancy_days;
    s.team[i] = s.home_team[i];
    s.secondment_end[i] = -1;
  }
  if (tally.leavers == 0) return;

  // Each locality where someone left today, in parallel: its membership
  // lists, then its workarounds (only a leaver holds one and is not in
  // post), in place and in order: a large system holds tens of thousands.
  // A lone hero, by the rule that makes one: a leaver holding work absorbed
  // from colleagues. A leaver takes their implicit workarounds with them;
  // explicit ones are written down and pass to a colleague.
  std::vector<std::vector<WorkaroundGone>> lost(localities);
  std::vector<std::int64_t> hero_leavers(localities, 0);
  parallel_each(0, localities, [&](std::size_t l) {
    if (!someone_left[l]) return;
    world.refresh_membership(l);
    auto& held = world.workarounds.of_locality[l];
    std::size_t kept = 0;
    for (std::size_t k = 0; k < held.size(); ++k) {
      Workaround w = held[k];
      if (s.active[w.holder]) {
        held[kept++] = w;
        continue;
      }
      if (w.absorbed && leaves[w.holder] == 1) {
        ++hero_leavers[l];
        leaves[w.holder] = 2;  // counted once, however much they held
      }
      const auto& team = world.teams[static_cast<std::size_t>(w.team)].members;
      if (w.is_explicit && !team.empty()) {
        w.holder = *std::min_element(team.begin(), team.end(), [&](StaffId a, StaffId b) {
          return world.held_load[a] < world.held_load[b];
        });
        w.holder_generation = s.generation[w.holder];
        world.held_load[w.holder] +=
            world.p.time.hold_workaround_hours * world.p.workarounds.explicit_load_share;
        held[kept++] = w;
        continue;
      }
      lost[l].push_back({w.id, w.team});
    }
    held.resize(kept);
  });
  for (std::size_t l = 0; l < localities; ++l) {
    tally.hero_leavers += hero_leavers[l];
    tally.workarounds_lost += static_cast<std::int64_t>(lost[l].size());
  }
  leave_unresolved_in_order(world, IssueCause::lost_workaround, lost, day);
}

}  // namespace trustsim
