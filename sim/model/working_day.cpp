// The working day before anyone meets: who is on site, and the routine work
// of every post. Work belongs to posts, not to whoever holds them (issue
// 12): while a post is vacant its routine work falls on the rest of the
// team, and so does what a newcomer cannot yet do while inducted, and a
// colleague spends time inducting each newcomer or secondee. Seed 2 names
// workforce challenges; the vacancy -> overload -> leaving spiral is the
// NHS's (NHS Long Term Workforce Plan, 2023).
#include <algorithm>

#include "model/day.hpp"
#include "model/parallel.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

void charge(World& world, const std::vector<TimeCharge>& charges, DayTally& tally) {
  for (const TimeCharge& c : charges) {
    world.staff.hours[c.who] += c.hours + c.travel;
    tally.hours_spent[static_cast<std::size_t>(c.spent)] += c.hours;
    tally.hours_spent[static_cast<std::size_t>(Spent::travel)] += c.travel;
  }
}

void plan_working_day(World& world, int day, DayTally& tally) {
  const auto& t = world.p.time;
  const auto& sp = world.p.staff;
  Staff& s = world.staff;

  // Locality by locality in parallel (a team's posts are all in its
  // locality): the work that each team's fully productive members cover
  // between them, then each post's day.
  std::vector<double> uncovered(world.teams.size(), 0.0);
  std::vector<int> full(world.teams.size(), 0);
  parallel_each(0, world.locality_slots.size(), [&](std::size_t l) {
    const SlotRange slots = world.locality_slots[l];
    for (StaffId i = slots.begin; i < slots.end; ++i) {
      if (!s.active[i]) {
        uncovered[static_cast<std::size_t>(s.home_team[i])] += t.routine_hours;
        continue;
      }
      const auto team = static_cast<std::size_t>(s.team[i]);
      if (s.in_induction(i, day))
        uncovered[team] += t.routine_hours * (1.0 - sp.newcomer_productivity);
      else
        ++full[team];
    }
    for (StaffId i = slots.begin; i < slots.end; ++i) {
      s.participated[i] = 0;
      s.hours[i] = 0.0;
      s.on_site[i] = 0;
      if (!s.active[i]) continue;
      const auto team = static_cast<std::size_t>(s.team[i]);
      RandomStream rng(world.seed, Purpose::on_site, Day(day), Subject(i));
      s.on_site[i] = rng.chance(world.teams[team].on_site_share);
      // With nobody fully productive, the inducted share the gap among themselves.
      const bool covers = full[team] > 0 ? !s.in_induction(i, day) : true;
      const double covering = full[team] > 0 ? full[team] : world.teams[team].members.size();
      s.hours[i] = t.routine_hours + (covers ? uncovered[team] / covering : 0.0);
    }
  });

  double& routine = tally.hours_spent[static_cast<std::size_t>(Spent::routine)];
  for (StaffId i = 0; i < s.size(); ++i) routine += s.hours[i];  // 0 for a vacant post

  // Each person in induction takes an hour or so of a fully productive colleague's day.
  for (StaffId i = 0; i < s.size(); ++i) {
    if (!s.active[i] || !s.in_induction(i, day)) continue;
    const auto& members = world.teams[static_cast<std::size_t>(s.team[i])].members;
    RandomStream rng(world.seed, Purpose::induction, Day(day), Subject(i));
    for (int attempt = 0; attempt < 4; ++attempt) {
      const StaffId k = members[rng.below(members.size())];
      if (k == i || s.in_induction(k, day)) continue;
      s.hours[k] += t.induction_hours;
      routine += t.induction_hours;
      break;
    }
  }
}

}  // namespace trustsim
