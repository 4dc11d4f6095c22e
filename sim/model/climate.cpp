// Team climate: psychological safety, per team in [0,1]. Seed 1:
// "Repeated everyday interactions set the overall culture, tone and
// expectation of team working"; "Risks encouraged, 'failure' punished".
// Nothing sets it directly: speaking up that gets a problem resolved builds
// it, speaking up that is rebuffed erodes it, and so does blame after an
// incident; team rituals build it too (rituals.cpp). It shifts everyone's
// willingness to raise issues (issues.cpp, raise_probability): a team that
// has learnt that raising things is safe raises more (Edmondson 1999,
// Admin Sci Q 44(2)).
#include "model/day.hpp"

namespace trustsim {

namespace {

void lift(double& climate, double gain) { climate += gain * (1.0 - climate); }
void erode(double& climate, double loss) { climate -= loss * climate; }

}  // namespace

void update_climate(World& world, const std::vector<SpeakingUp>& spoken) {
  const auto& c = world.p.climate;
  for (const SpeakingUp& s : spoken) {
    double& safety = world.teams[static_cast<std::size_t>(s.team)].psychological_safety;
    if (s.resolved)
      lift(safety, c.resolved_gain);
    else
      erode(safety, c.rebuff_loss);
  }
}

void blame_after_incidents(World& world, int day, const DayTally& tally) {
  // A just culture does not punish failure: incidents are learnt from.
  if (world.p.interventions.just_culture.active_on(day)) return;
  for (std::size_t t = 0; t < tally.team_incidents.size(); ++t)
    for (std::int64_t k = 0; k < tally.team_incidents[t]; ++k)
      erode(world.teams[t].psychological_safety, world.p.climate.blame_loss);
}

void hold_learning_reviews(World& world, int day, DayTally& tally) {
  const auto& jc = world.p.interventions.just_culture;
  if (!jc.active_on(day)) return;
  std::vector<TimeCharge> reviews;
  for (std::size_t t = 0; t < world.teams.size(); ++t) {
    if ((day + static_cast<int>(t)) % jc.review_interval_days != 0) continue;
    for (StaffId i : world.teams[t].members)
      reviews.push_back({i, jc.review_hours, Spent::interventions});
  }
  charge(world, reviews, tally);
}

void record_climate(const World& world, DayTally& tally) {
  tally.team_psychological_safety.resize(world.teams.size());
  for (std::size_t t = 0; t < world.teams.size(); ++t)
    tally.team_psychological_safety[t] = world.teams[t].psychological_safety;
}

}  // namespace trustsim
