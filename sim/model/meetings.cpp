// Formal meetings. Seed 1: "Online meetings facilitate greater attendance
// but not necessarily greater participation", and trust "cannot be
// 'scheduled' in regular meetings": a participant earns only a little trust
// from those present, and can raise their issues there (issues.cpp).
// Face-to-face meetings also bring the informal contacts before and after
// that online ones almost lack (at a cross-team meeting, between teams),
// and cost those based elsewhere the journey. A meeting's regime acts only
// through these; where people work is work.on_site_share.
#include <algorithm>

#include "model/day.hpp"
#include "model/parallel.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

// A meeting of `hours`, at the site `venue` when held in person.
void hold_meeting(const World& world, const std::vector<StaffId>& invitees, double hours,
                  std::int32_t venue, const RegimeToday& regime, RandomStream& rng,
                  MeetingsHeld& out, DayTally& tally) {
  const auto& m = world.p.meetings;
  const bool in_person = rng.chance(regime.face_to_face_fraction);
  const ModeEffects& mode = in_person ? m.face_to_face : m.online;

  const auto counted =
      static_cast<std::size_t>(in_person ? MeetingMode::face_to_face : MeetingMode::online);
  tally.meeting_invited[counted] += static_cast<std::int64_t>(invitees.size());
  std::vector<StaffId> attendees;
  std::vector<bool> participates;
  attendees.reserve(invitees.size());
  participates.reserve(invitees.size());
  for (StaffId i : invitees)
    if (rng.chance(mode.attendance)) {
      attendees.push_back(i);
      participates.push_back(rng.chance(mode.participation));
      ++tally.meeting_attended[counted];
      if (participates.back()) {
        out.participants.push_back(i);
        ++tally.meeting_participated[counted];
      }
      const bool travels = in_person && world.staff.site[i] != venue;
      out.time.push_back({i, hours, Spent::meetings, travels ? world.p.time.travel_hours : 0.0});
    }

  const double gain = world.p.trust.meeting_gain;
  const auto participants =
      static_cast<std::size_t>(std::count(participates.begin(), participates.end(), true));
  out.trust.reserve(out.trust.size() + attendees.size() * participants);
  for (StaffId i : attendees)
    for (std::size_t k = 0; k < attendees.size(); ++k)
      if (participates[k] && attendees[k] != i)
        out.trust.push_back({i, attendees[k],
                             static_cast<float>(gain * world.culture_factor(i, attendees[k])),
                             0.0f});

  if (attendees.size() < 2) return;
  const PoissonCount contacts_per_attendee(mode.informal_contacts_per_attendee);
  for (StaffId i : attendees) {
    const int contacts = contacts_per_attendee(rng);
    for (int c = 0; c < contacts; ++c) {
      const StaffId j = attendees[rng.below(attendees.size())];
      if (j == i) continue;
      informal_contact(world, i, j, out.trust);
      ++tally.informal_contacts;
    }
  }
}

std::vector<StaffId> representatives(const World& world, const Team& team, RandomStream& rng) {
  std::vector<StaffId> pool = team.members;
  const auto wanted = std::min<std::size_t>(
      static_cast<std::size_t>(world.p.meetings.cross_team_representatives), pool.size());
  for (std::size_t k = 0; k < wanted; ++k) std::swap(pool[k], pool[k + rng.below(pool.size() - k)]);
  pool.resize(wanted);
  return pool;
}

}  // namespace

MeetingsHeld hold_meetings(const World& world, int day, const RegimeToday& regime,
                           Localities localities, DayTally& tally) {
  const auto& m = world.p.meetings;
  const std::size_t teams_per_locality = world.teams_per_locality();

  // Each locality's team meetings, then its cross-team meeting. Meetings are
  // staggered over the interval so that not all fall on day 0.
  const std::size_t per_locality = teams_per_locality + 1;
  const std::size_t meetings = (localities.end - localities.first) * per_locality;
  std::vector<MeetingsHeld> per_meeting(meetings);
  std::vector<DayTally> tallies(meetings);
  parallel_each(0, meetings, [&](std::size_t k) {
    const std::size_t locality = localities.first + k / per_locality;
    const std::size_t first_team = locality * teams_per_locality;
    if (k % per_locality < teams_per_locality) {
      const std::size_t team = first_team + k % per_locality;
      if ((day + static_cast<int>(team)) % m.team_meeting_interval_days != 0) return;
      RandomStream rng(world.seed, Purpose::meeting, Day(day), Subject(team));
      hold_meeting(world, world.teams[team].members, world.p.time.team_meeting_hours,
                   world.teams[team].site, regime, rng, per_meeting[k], tallies[k]);
    } else {
      if ((day + static_cast<int>(locality)) % m.cross_team_meeting_interval_days != 0) return;
      RandomStream rng(world.seed, Purpose::cross_team_meeting, Day(day), Subject(locality));
      std::vector<StaffId> invitees;
      for (std::size_t t = first_team; t < first_team + teams_per_locality; ++t) {
        const auto reps = representatives(world, world.teams[t], rng);
        invitees.insert(invitees.end(), reps.begin(), reps.end());
      }
      hold_meeting(world, invitees, world.p.time.cross_team_meeting_hours,
                   world.teams[first_team].site, regime, rng, per_meeting[k], tallies[k]);
    }
  });

  MeetingsHeld held;
  std::size_t trust = 0, time = 0, participants = 0;
  for (const MeetingsHeld& one : per_meeting) {
    trust += one.trust.size();
    time += one.time.size();
    participants += one.participants.size();
  }
  held.trust.reserve(trust);
  held.time.reserve(time);
  held.participants.reserve(participants);
  for (std::size_t k = 0; k < per_meeting.size(); ++k) {
    const auto& one = per_meeting[k];
    held.trust.insert(held.trust.end(), one.trust.begin(), one.trust.end());
    held.time.insert(held.time.end(), one.time.begin(), one.time.end());
    held.participants.insert(held.participants.end(), one.participants.begin(),
                             one.participants.end());
    tally += tallies[k];
  }
  return held;
}

}  // namespace trustsim
