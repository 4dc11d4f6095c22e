// Vacancies are filled, once their delay has passed, by newcomers whom
// nobody trusts yet (seed 2: workforce challenges). A leaver's post stays
// empty for staff.vacancy_days (attrition.cpp), its work left to the team.
#include "model/day.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

void hire_newcomers(World& world, int day) {
  hire_newcomers(world, day, world.slots_of(world.all_localities()));
}

void hire_newcomers(World& world, int day, SlotRange slots) {
  Staff& s = world.staff;
  for (StaffId i = slots.begin; i < slots.end; ++i) {
    if (s.active[i] || day < s.vacant_until[i]) continue;
    RandomStream rng(world.seed, Purpose::hiring, Day(day), Subject(i));
    ++s.generation[i];
    s.active[i] = 1;
    s.conscientiousness[i] = draw_conscientiousness(world.p.staff, rng);
    s.burnout[i] = 0.0;
    s.leaving_margin[i] = draw_leaving_margin(world.seed, i, s.generation[i]);
    s.hired_day[i] = day;
    s.induction_end[i] = day + world.p.staff.induction_days;
    world.trust.forget(i);
  }
}

}  // namespace trustsim
