// The day loop: the phases of day.hpp in order, then the day's measurements.
#include "model/simulation.hpp"

#include <algorithm>
#include <numeric>

#include "model/day.hpp"
#include "model/observation.hpp"

namespace trustsim {

DayTally& DayTally::operator+=(const DayTally& o) {
  issues_raised += o.issues_raised;
  issues_unraised += o.issues_unraised;
  issues_resolved += o.issues_resolved;
  incidents += o.incidents;
  for (std::size_t c = 0; c < issue_cause_count; ++c)
    incidents_by_cause[c] += o.incidents_by_cause[c];
  leavers += o.leavers;
  hero_leavers += o.hero_leavers;
  workarounds_failed += o.workarounds_failed;
  workarounds_lost += o.workarounds_lost;
  informal_contacts += o.informal_contacts;
  overloaded_staff += o.overloaded_staff;
  hours_worked += o.hours_worked;
  rituals_held += o.rituals_held;
  auto add = [](auto& mine, const auto& theirs) {
    if (theirs.empty()) return;
    if (mine.empty()) mine.assign(theirs.size(), 0);
    for (std::size_t t = 0; t < theirs.size(); ++t) mine[t] += theirs[t];
  };
  add(team_incidents, o.team_incidents);
  add(team_hours, o.team_hours);
  add(team_headcount, o.team_headcount);
  return *this;
}

namespace {

std::vector<int> snapshot_days(const Parameters& p) {
  if (!p.outputs.network_snapshot_days.empty()) return p.outputs.network_snapshot_days;
  return {0, p.days - 1};
}

void record_day(const World& world, const DayTally& t, const TrustLevels& trust, int day,
                RunResult& r) {
  const Staff& s = world.staff;
  double burnout = 0.0;
  int headcount = 0;
  for (StaffId i = 0; i < s.size(); ++i)
    if (s.active[i]) {
      burnout += s.burnout[i];
      ++headcount;
    }
  const auto explicit_count = std::count_if(world.workarounds.begin(), world.workarounds.end(),
                                            [](const Workaround& w) { return w.is_explicit; });
  auto set = [&](Daily metric, double value) {
    r.daily[index(metric)][static_cast<std::size_t>(day)] = value;
  };
  set(Daily::trust_within, trust.within);
  set(Daily::trust_between, trust.between);
  set(Daily::issues_raised, static_cast<double>(t.issues_raised));
  set(Daily::issues_unraised, static_cast<double>(t.issues_unraised));
  set(Daily::issues_resolved, static_cast<double>(t.issues_resolved));
  set(Daily::incidents, static_cast<double>(t.incidents));
  set(Daily::leavers, static_cast<double>(t.leavers));
  set(Daily::hero_leavers, static_cast<double>(t.hero_leavers));
  set(Daily::headcount, headcount);
  set(Daily::unresolved_issues, static_cast<double>(world.unresolved.size()));
  set(Daily::implicit_workarounds,
      static_cast<double>(world.workarounds.size()) - static_cast<double>(explicit_count));
  set(Daily::explicit_workarounds, static_cast<double>(explicit_count));
  set(Daily::workarounds_failed, static_cast<double>(t.workarounds_failed));
  set(Daily::workarounds_lost, static_cast<double>(t.workarounds_lost));
  set(Daily::mean_burnout, headcount > 0 ? burnout / headcount : 0.0);
  set(Daily::informal_contacts, static_cast<double>(t.informal_contacts));
}

void summarise(RunResult& r) {
  const auto& d = r.daily;
  const auto days = static_cast<std::size_t>(r.days);
  const std::size_t tail = std::min<std::size_t>(days, outcome_tail_days);
  auto tail_mean = [&](Daily m) {
    const auto& v = d[index(m)];
    return std::accumulate(v.end() - static_cast<std::ptrdiff_t>(tail), v.end(), 0.0) /
           static_cast<double>(tail);
  };
  auto total = [&](Daily m) {
    return std::accumulate(d[index(m)].begin(), d[index(m)].end(), 0.0);
  };
  r.outcomes[index(Outcome::trust_within)] = tail_mean(Daily::trust_within);
  r.outcomes[index(Outcome::trust_between)] = tail_mean(Daily::trust_between);
  r.outcomes[index(Outcome::issues_raised)] = total(Daily::issues_raised);
  r.outcomes[index(Outcome::issues_unraised)] = total(Daily::issues_unraised);
  r.outcomes[index(Outcome::incidents)] = total(Daily::incidents);
  r.outcomes[index(Outcome::leavers)] = total(Daily::leavers);
  r.outcomes[index(Outcome::hero_leavers)] = total(Daily::hero_leavers);
  r.outcomes[index(Outcome::headcount)] = d[index(Daily::headcount)].back();
}

// The parameters of the whole simulated span, warm-up and measurement: the
// warm-up runs under the settings of the first measured day (its regime,
// the interventions on from then), and every timed change and event falls
// warmup_days later than the day the scenario gives it.
Parameters with_warmup(const Parameters& p) {
  Parameters whole = p;
  const int w = p.warmup_days;
  whole.days = p.days + w;
  for (auto& change : whole.meetings.schedule)
    if (change.day > 0) change.day += w;
  for (int& day : whole.rituals.disruption_days) day += w;
  Interventions& iv = whole.interventions;
  for (Intervention* i :
       {static_cast<Intervention*>(&iv.explicit_workarounds),
        static_cast<Intervention*>(&iv.facilitators),
        static_cast<Intervention*>(&iv.difficult_conversations),
        static_cast<Intervention*>(&iv.hero_awareness), static_cast<Intervention*>(&iv.fluid_teams),
        static_cast<Intervention*>(&iv.data_sharing), &iv.aligned_incentives,
        static_cast<Intervention*>(&iv.just_culture), static_cast<Intervention*>(&iv.new_rituals)})
    if (i->start_day > 0) i->start_day += w;
  return whole;
}

}  // namespace

RunResult simulate(const Parameters& p, std::uint64_t seed, const RunControl& control) {
  World world(with_warmup(p), seed);
  const int warmup = p.warmup_days;
  for (int day = 0; day < warmup; ++day) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw Cancelled();
    std::uint64_t updates = 0;
    run_day(world, day, updates, control.cancel);
  }

  RunResult result;
  result.days = p.days;
  for (auto& series : result.daily) series.assign(static_cast<std::size_t>(p.days), 0.0);
  for (const auto& team : world.teams) result.team_names.push_back(team.name);
  result.profession_names = world.profession_names;
  const auto snapshots = snapshot_days(p);
  result.team_incidents.assign(world.teams.size(), 0.0);
  result.team_staff_days.assign(world.teams.size(), 0.0);
  result.team_hours.assign(world.teams.size(), 0.0);
  result.team_psychological_safety.assign(world.teams.size(), 0.0);

  // Measured days count from 0; the world's own day runs on from the warm-up.
  for (int day = 0; day < p.days; ++day) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw Cancelled();
    const auto [tally, trust] = run_day(world, warmup + day, result.trust_updates, control.cancel);
    record_day(world, tally, trust, day, result);
    for (std::size_t t = 0; t < world.teams.size(); ++t) {
      result.team_psychological_safety[t] += tally.team_psychological_safety[t];
      result.team_incidents[t] += static_cast<double>(tally.team_incidents[t]);
      result.team_staff_days[t] += static_cast<double>(tally.team_headcount[t]);
      result.team_hours[t] += tally.team_hours[t];
    }
    for (std::size_t c = 0; c < issue_cause_count; ++c)
      result.incidents_by_cause[c] += static_cast<double>(tally.incidents_by_cause[c]);
    result.hours_worked += tally.hours_worked;
    result.overloaded_staff_days += static_cast<double>(tally.overloaded_staff);
    if (day % p.outputs.team_trust_every_days == 0 || day == p.days - 1) {
      result.team_trust_days.push_back(day);
      const auto matrix = team_trust_matrix(world, warmup + day);
      result.team_trust.insert(result.team_trust.end(), matrix.begin(), matrix.end());
    }
    if (std::find(snapshots.begin(), snapshots.end(), day) != snapshots.end()) {
      result.snapshots.push_back(network_snapshot(world, warmup + day));
      result.snapshots.back().day = day;
    }
    if (control.on_day) control.on_day(day);
  }
  for (double& safety : result.team_psychological_safety) safety /= p.days;
  summarise(result);
  return result;
}

}  // namespace trustsim
