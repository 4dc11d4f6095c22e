#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

struct MeetingStats {
  double formal = 0;    // formal participation updates
  double informal = 0;  // informal contacts around meetings
  double formal_gain = 0;
};

MeetingStats meet(Regime regime, int days) {
  Parameters p = test::two_teams(6);
  p.meetings.team_meeting_interval_days = 1;
  World world(p, 5);
  MeetingStats stats;
  const RegimeToday today{regime, regime == Regime::face_to_face ? 1.0 : 0.0};
  for (int day = 0; day < days; ++day) {
    DayTally tally;
    const auto updates = hold_meetings(world, day, today, world.all_localities(), tally).trust;
    stats.informal += static_cast<double>(tally.informal_contacts);
    for (const auto& u : updates)
      if (u.gain < p.trust.informal_gain * (1 - p.barriers.culture_distance) * 0.999) {
        stats.formal += 1;
        stats.formal_gain = std::max(stats.formal_gain, static_cast<double>(u.gain));
      }
  }
  return stats;
}

}  // namespace

TEST_CASE("a formal meeting earns only a little trust", "[meetings]") {
  const auto stats = meet(Regime::face_to_face, 10);
  REQUIRE(stats.formal > 0);
  CHECK(stats.formal_gain <= Parameters{}.trust.meeting_gain);
  CHECK(stats.formal_gain < Parameters{}.trust.informal_gain / 5);
}

TEST_CASE("face-to-face meetings bring informal contact, online ones almost none", "[meetings]") {
  const auto online = meet(Regime::online, 200);
  const auto in_person = meet(Regime::face_to_face, 200);
  // Expected per meeting of 12: online 12*0.9*0.05 ~ 0.5, in person 12*0.7*1.5 ~ 12.6.
  CHECK(in_person.informal > 10 * online.informal);
  // Participation 0.8 vs 0.35 outweighs attendance 0.7 vs 0.9: about 50 vs 37
  // participation ties a meeting.
  CHECK(in_person.formal > 1.15 * online.formal);
}
