// Rituals: recurring informal team gatherings (huddle, coffee, shared
// lunch). Seed 1 (Clarke's title, and her conclusion): "Disruptions in
// everyday practice require new traditions or rituals for continued
// collaboration" (Clarke 2025, disrupted rituals and relational ruptures).
// A team's ritual is a habit: on its ritual day the gathering is held with
// probability equal to the habit's strength, among the members on site;
// each one held strengthens the habit, brings informal contacts between
// those present and lifts the team's climate. A disruption (a relocation,
// or a move of meetings online, which takes away the gatherings around
// in-person meetings) breaks most of the habit at a stroke, and a lapsed
// habit comes back only slowly, by someone starting it again. Under
// new_rituals the team convenes its gathering whatever the habit, which
// takes someone's time to organise and re-forms the habit by holding it.
#include <algorithm>

#include "model/day.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

bool every(int interval, int day, std::size_t team) {
  return (day + static_cast<int>(team)) % interval == 0;
}

// A scheduled change today that lowers the share of meetings in person.
bool moved_online(const MeetingParameters& m, int day) {
  if (day == 0) return false;
  return regime_on(m, day).face_to_face_fraction < regime_on(m, day - 1).face_to_face_fraction;
}

}  // namespace

void disrupt_rituals(World& world, int day) {
  const auto& r = world.p.rituals;
  const bool disrupted =
      moved_online(world.p.meetings, day) ||
      std::find(r.disruption_days.begin(), r.disruption_days.end(), day) != r.disruption_days.end();
  if (!disrupted) return;
  for (Team& team : world.teams) team.ritual_strength *= 1.0 - r.disruption_loss;
}

RitualsHeld hold_rituals(const World& world, int day, Localities localities, DayTally& tally) {
  const auto& r = world.p.rituals;
  const auto& fresh = world.p.interventions.new_rituals;
  const std::size_t first = localities.first * world.teams_per_locality();
  const std::size_t end = localities.end * world.teams_per_locality();
  RitualsHeld out;
  for (std::size_t t = first; t < end; ++t) {
    const bool ritual_day = every(r.interval_days, day, t);
    const bool convene_day = fresh.active_on(day) && every(fresh.interval_days, day, t);
    if (!ritual_day && !convene_day) continue;
    const Team& team = world.teams[t];
    RandomStream rng(world.seed, Purpose::ritual, Day(day), Subject(t));
    const bool habit = ritual_day && rng.chance(team.ritual_strength);
    std::vector<StaffId> present;
    present.reserve(team.members.size());
    for (StaffId i : team.members)
      if (world.staff.on_site[i]) present.push_back(i);
    if ((!habit && !convene_day) || present.size() < 2) {
      if (ritual_day) out.lapsed.push_back(static_cast<std::int32_t>(t));
      continue;
    }
    out.held.push_back(static_cast<std::int32_t>(t));
    ++tally.rituals_held;
    // A habit's hours are the team's own; a convened gathering's are the
    // intervention's cost.
    const Spent spent = habit ? Spent::rituals : Spent::interventions;
    for (StaffId i : present) out.time.push_back({i, habit ? r.hours : fresh.hours, spent});
    if (!habit)  // convened: someone organised it
      out.time.push_back(
          {present[rng.below(present.size())], fresh.organise_hours, Spent::interventions});
    const PoissonCount contacts_per_attendee(r.contacts_per_attendee);
    for (StaffId i : present) {
      const int contacts = contacts_per_attendee(rng);
      for (int c = 0; c < contacts; ++c) {
        const StaffId j = present[rng.below(present.size())];
        if (j == i) continue;
        informal_contact(world, i, j, out.trust);
        ++tally.informal_contacts;
      }
    }
  }
  return out;
}

void settle_rituals(World& world, const RitualsHeld& rituals) {
  const auto& r = world.p.rituals;
  for (std::int32_t t : rituals.held) {
    Team& team = world.teams[static_cast<std::size_t>(t)];
    team.ritual_strength += r.reinforcement * (1.0 - team.ritual_strength);
    team.psychological_safety += r.climate_gain * (1.0 - team.psychological_safety);
  }
  for (std::int32_t t : rituals.lapsed) {
    Team& team = world.teams[static_cast<std::size_t>(t)];
    team.ritual_strength += r.spontaneous_restart * (1.0 - team.ritual_strength);
  }
}

}  // namespace trustsim
