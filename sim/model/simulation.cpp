// The day loop: the phases of day.hpp in order, then the day's measurements.
#include "model/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
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
  for (std::size_t c = 0; c < spent_count; ++c) hours_spent[c] += o.hours_spent[c];
  for (std::size_t m = 0; m < 2; ++m) {
    meeting_invited[m] += o.meeting_invited[m];
    meeting_attended[m] += o.meeting_attended[m];
    meeting_participated[m] += o.meeting_participated[m];
  }
  auto append = [](auto& mine, const auto& theirs) {
    mine.insert(mine.end(), theirs.begin(), theirs.end());
  };
  append(withheld_by, o.withheld_by);
  append(withheld_in_team, o.withheld_in_team);
  append(raised_in_team, o.raised_in_team);
  auto add = [](auto& mine, const auto& theirs) {
    if (theirs.empty()) return;
    if (mine.empty()) mine.assign(theirs.size(), 0);
    for (std::size_t t = 0; t < theirs.size(); ++t) mine[t] += theirs[t];
  };
  add(team_incidents, o.team_incidents);
  add(team_hours, o.team_hours);
  add(team_headcount, o.team_headcount);
  add(team_leavers, o.team_leavers);
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
  int headcount = 0, burnt_out = 0;
  for (StaffId i = 0; i < s.size(); ++i)
    if (s.active[i]) {
      burnout += s.burnout[i];
      ++headcount;
      if (s.burnout[i] > burnt_out_threshold) ++burnt_out;
    }
  std::ptrdiff_t explicit_count = 0;
  for (const auto& held : world.workarounds.of_locality)
    explicit_count +=
        std::count_if(held.begin(), held.end(), [](const Workaround& w) { return w.is_explicit; });
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
  set(Daily::trust_across_organisations, trust.across_organisations);
  set(Daily::trust_working, trust.working);
  set(Daily::working_pairs, trust.working_pairs);
  auto by_cause = [&](IssueCause c) {
    return static_cast<double>(t.incidents_by_cause[static_cast<std::size_t>(c)]);
  };
  set(Daily::incidents_unraised, by_cause(IssueCause::unraised));
  set(Daily::incidents_delayed, by_cause(IssueCause::delayed));
  set(Daily::incidents_failed_workaround, by_cause(IssueCause::failed_workaround));
  set(Daily::incidents_lost_workaround, by_cause(IssueCause::lost_workaround));
  set(Daily::vacant_posts, static_cast<double>(s.size()) - headcount);
  set(Daily::burnt_out_staff, burnt_out);
  constexpr auto online = static_cast<std::size_t>(MeetingMode::online);
  constexpr auto in_person = static_cast<std::size_t>(MeetingMode::face_to_face);
  set(Daily::meeting_invited_online, static_cast<double>(t.meeting_invited[online]));
  set(Daily::meeting_attended_online, static_cast<double>(t.meeting_attended[online]));
  set(Daily::meeting_participated_online, static_cast<double>(t.meeting_participated[online]));
  set(Daily::meeting_invited_face_to_face, static_cast<double>(t.meeting_invited[in_person]));
  set(Daily::meeting_attended_face_to_face, static_cast<double>(t.meeting_attended[in_person]));
  set(Daily::meeting_participated_face_to_face,
      static_cast<double>(t.meeting_participated[in_person]));
  auto hours = [&](Spent c) { return t.hours_spent[static_cast<std::size_t>(c)]; };
  set(Daily::hours_routine, hours(Spent::routine));
  set(Daily::hours_meetings, hours(Spent::meetings));
  set(Daily::hours_travel, hours(Spent::travel));
  set(Daily::hours_issues, hours(Spent::issues));
  set(Daily::hours_workarounds, hours(Spent::workarounds));
  set(Daily::hours_interventions, hours(Spent::interventions));
  set(Daily::hours_rituals, hours(Spent::rituals));
  set(Daily::hours_total, t.hours_worked);
}

// Whether `day` ends one of the window's 4-week survey blocks, counted from
// its first day `from`: both surveys below keep this cadence.
bool ends_survey_block(int day, int from) { return (day - from + 1) % withheld_window_days == 0; }

// withheld_share's survey: at the end of each 4-week block of the window,
// the staff then in post are asked whether they left an issue unraised in
// the block (Schwappach & Richard 2018 ask about the last 4 weeks). A
// holder counts only what they withheld themselves, not their post's
// previous holder. A window shorter than a block is one short block; a
// final block shorter than 4 weeks is not surveyed.
class WithheldSurvey {
 public:
  WithheldSurvey(std::size_t slots, int from, int days)
      : withheld_(slots, 0),
        generation_(slots, 0),
        from_(from),
        last_(days - from < withheld_window_days ? days - 1 : -1) {}

  void record(const World& world, const DayTally& t, int day) {
    if (day < from_) return;
    for (std::uint32_t i : t.withheld_by) {
      withheld_[i] = 1;
      generation_[i] = world.staff.generation[i];
    }
    if (!ends_survey_block(day, from_) && day != last_) return;
    const Staff& s = world.staff;
    for (StaffId i = 0; i < s.size(); ++i) {
      if (!s.active[i]) continue;
      surveyed += 1;
      if (withheld_[i] && generation_[i] == s.generation[i]) withheld += 1;
    }
    std::fill(withheld_.begin(), withheld_.end(), 0);
  }

  double surveyed = 0.0;
  double withheld = 0.0;

 private:
  std::vector<std::uint8_t> withheld_;
  std::vector<std::uint32_t> generation_;
  int from_;
  int last_;
};

// Per-team sums over the window, from which team_outcomes are made.
struct TeamWindow {
  explicit TeamWindow(std::size_t teams)
      : staff_days(teams, 0.0),
        burnt_out_days(teams, 0.0),
        within(teams, 0.0),
        between(teams, 0.0),
        working(teams, 0.0),
        working_pairs(teams, 0.0),
        incidents(teams, 0.0),
        raised(teams, 0.0),
        unraised(teams, 0.0),
        leavers(teams, 0.0),
        psychological_safety(teams, 0.0) {}
  std::vector<double> staff_days, burnt_out_days, within, between, working, working_pairs;
  std::vector<double> incidents, raised, unraised, leavers, psychological_safety;
  double tail_days = 0.0;
  double days = 0.0;

  void record(const World& world, const DayTally& t, const TrustLevels& trust, bool in_tail) {
    days += 1;
    const Staff& s = world.staff;
    for (StaffId i = 0; i < s.size(); ++i) {
      if (!s.active[i]) continue;
      const auto team = static_cast<std::size_t>(s.team[i]);
      staff_days[team] += 1;
      if (s.burnout[i] > burnt_out_threshold) burnt_out_days[team] += 1;
    }
    auto add = [](std::vector<double>& to, const auto& from) {
      for (std::size_t k = 0; k < from.size(); ++k) to[k] += static_cast<double>(from[k]);
    };
    add(incidents, t.team_incidents);
    add(leavers, t.team_leavers);
    add(psychological_safety, t.team_psychological_safety);
    for (std::int32_t team : t.raised_in_team) raised[static_cast<std::size_t>(team)] += 1;
    for (std::int32_t team : t.withheld_in_team) unraised[static_cast<std::size_t>(team)] += 1;
    for (std::size_t team = 0; team < trust.team.size(); ++team) {
      const TeamTrustLevels& l = trust.team[team];
      working[team] += l.working * l.working_pairs;
      working_pairs[team] += l.working_pairs;
      if (!in_tail) continue;
      within[team] += l.within;
      between[team] += l.between;
    }
    if (in_tail) tail_days += 1;
  }
};

// A ratio whose denominator may be empty: NaN then, as documented for the
// outcomes that use it.
double share(double part, double whole) {
  return whole > 0 ? part / whole : std::numeric_limits<double>::quiet_NaN();
}

// burnt_out_leaving_ratio's cohort surveys, the design of Hamidi et al.
// (2018, BMC Health Serv Res): at the end of each 4-week block of the
// window whose year of follow-up (leaving_follow_up_days) ends within the
// window, the staff then in post are classed burnt out (burnout above
// burnt_out_threshold) or not, and each is followed for the year: they have
// left if at its end their post is vacant or has a new holder (its
// generation changed). The surveys are pooled, a person counting once in
// each survey they answered, and the ratio is the burnt out's share of
// leavers over the others'. A survey keeps only whom it asked, so the work
// is per member of staff on survey days and on the days a year ends.
class LeavingCohorts {
 public:
  LeavingCohorts(int from, int days) : from_(from), days_(days) {}

  void record(const World& world, int day) {
    if (day < from_) return;
    const Staff& s = world.staff;
    while (!pending_.empty() && pending_.front().follow_up_ends == day) {
      for (const Respondent& r : pending_.front().respondents) {
        Group& group = r.burnt_out ? burnt_out_ : others_;
        group.surveyed += 1;
        if (!s.active[r.slot] || s.generation[r.slot] != r.generation) group.left += 1;
      }
      pending_.pop_front();
    }
    if (!ends_survey_block(day, from_) || day + leaving_follow_up_days >= days_) return;
    Survey survey{day + leaving_follow_up_days, {}};
    for (StaffId i = 0; i < s.size(); ++i)
      if (s.active[i])
        survey.respondents.push_back({i, s.generation[i], s.burnout[i] > burnt_out_threshold});
    pending_.push_back(std::move(survey));
  }

  // NaN without a burnt-out respondent, another respondent, or a leaver
  // among the others (share's NaN carries through).
  double ratio() const {
    return share(share(burnt_out_.left, burnt_out_.surveyed),
                 share(others_.left, others_.surveyed));
  }

 private:
  struct Respondent {
    StaffId slot;
    std::uint32_t generation;
    bool burnt_out;
  };
  struct Survey {
    int follow_up_ends;
    std::vector<Respondent> respondents;
  };
  struct Group {
    double surveyed = 0.0;
    double left = 0.0;
  };
  std::deque<Survey> pending_;  // in order of their follow-up's end
  Group burnt_out_, others_;
  int from_;
  int days_;
};

// Pearson's correlation, 0 when either side does not vary.
double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  if (x.size() < 2) return 0.0;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) * (x[k] - mx);
    syy += (y[k] - my) * (y[k] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
}

void summarise_teams(const TeamWindow& w, const Parameters& p, RunResult& r) {
  const std::size_t teams = w.staff_days.size();
  for (auto& column : r.team_outcomes) column.assign(teams, 0.0);
  auto set = [&](TeamOutcome o, std::size_t team, double value) {
    r.team_outcomes[index(o)][team] = value;
  };
  for (std::size_t t = 0; t < teams; ++t) {
    set(TeamOutcome::headcount, t, w.staff_days[t] / w.days);
    set(TeamOutcome::trust_within, t, w.within[t] / w.tail_days);
    set(TeamOutcome::trust_between, t, w.between[t] / w.tail_days);
    set(TeamOutcome::trust_working, t,
        w.working_pairs[t] > 0 ? w.working[t] / w.working_pairs[t] : p.trust.stranger_baseline);
    set(TeamOutcome::incidents, t, w.incidents[t]);
    set(TeamOutcome::incidents_per_head_year, t,
        w.staff_days[t] > 0 ? w.incidents[t] / w.staff_days[t] * working_days_per_year : 0.0);
    set(TeamOutcome::issues_raised, t, w.raised[t]);
    set(TeamOutcome::issues_unraised, t, w.unraised[t]);
    set(TeamOutcome::leavers, t, w.leavers[t]);
    set(TeamOutcome::burnt_out_share, t,
        w.staff_days[t] > 0 ? w.burnt_out_days[t] / w.staff_days[t] : 0.0);
    set(TeamOutcome::psychological_safety, t, w.psychological_safety[t] / w.days);
  }
}

void summarise(const Parameters& p, const WithheldSurvey& survey, const LeavingCohorts& cohorts,
               RunResult& r) {
  const auto& d = r.daily;
  const auto days = static_cast<std::size_t>(r.days);
  const auto from = static_cast<std::ptrdiff_t>(r.measured_from);
  const std::size_t tail =
      std::min<std::size_t>(days - static_cast<std::size_t>(from), outcome_tail_days);
  auto tail_mean = [&](Daily m) {
    const auto& v = d[index(m)];
    return std::accumulate(v.end() - static_cast<std::ptrdiff_t>(tail), v.end(), 0.0) /
           static_cast<double>(tail);
  };
  auto total = [&](Daily m) {
    return std::accumulate(d[index(m)].begin() + from, d[index(m)].end(), 0.0);
  };
  auto set = [&](Outcome o, double value) { r.outcomes[index(o)] = value; };
  set(Outcome::trust_within, tail_mean(Daily::trust_within));
  set(Outcome::trust_between, tail_mean(Daily::trust_between));
  set(Outcome::issues_raised, total(Daily::issues_raised));
  set(Outcome::issues_unraised, total(Daily::issues_unraised));
  set(Outcome::incidents, total(Daily::incidents));
  set(Outcome::leavers, total(Daily::leavers));
  set(Outcome::hero_leavers, total(Daily::hero_leavers));
  set(Outcome::headcount, d[index(Daily::headcount)].back());
  set(Outcome::trust_across_organisations, tail_mean(Daily::trust_across_organisations));

  double working = 0, working_pairs = 0;
  for (std::size_t day = static_cast<std::size_t>(from); day < days; ++day) {
    working += d[index(Daily::trust_working)][day] * d[index(Daily::working_pairs)][day];
    working_pairs += d[index(Daily::working_pairs)][day];
  }
  set(Outcome::trust_working,
      working_pairs > 0 ? working / working_pairs : p.trust.stranger_baseline);
  set(Outcome::incidents_unraised, total(Daily::incidents_unraised));
  set(Outcome::incidents_delayed, total(Daily::incidents_delayed));
  set(Outcome::incidents_failed_workaround, total(Daily::incidents_failed_workaround));
  set(Outcome::incidents_lost_workaround, total(Daily::incidents_lost_workaround));

  // Leavers over mean headcount, annualised: the window's length cancels.
  const double staff_days = total(Daily::headcount);
  set(Outcome::leaver_rate_per_year,
      staff_days > 0 ? total(Daily::leavers) / staff_days * working_days_per_year : 0.0);
  set(Outcome::vacancy_rate,
      total(Daily::vacant_posts) / (total(Daily::vacant_posts) + staff_days));
  set(Outcome::burnt_out_share, staff_days > 0 ? total(Daily::burnt_out_staff) / staff_days : 0.0);
  set(Outcome::withheld_share, share(survey.withheld, survey.surveyed));
  const double invited =
      total(Daily::meeting_invited_online) + total(Daily::meeting_invited_face_to_face);
  const double attended =
      total(Daily::meeting_attended_online) + total(Daily::meeting_attended_face_to_face);
  const double participated =
      total(Daily::meeting_participated_online) + total(Daily::meeting_participated_face_to_face);
  set(Outcome::meeting_attendance, share(attended, invited));
  set(Outcome::meeting_participation, share(participated, attended));
  set(Outcome::hours_routine, total(Daily::hours_routine));
  set(Outcome::hours_meetings, total(Daily::hours_meetings));
  set(Outcome::hours_travel, total(Daily::hours_travel));
  set(Outcome::hours_issues, total(Daily::hours_issues));
  set(Outcome::hours_workarounds, total(Daily::hours_workarounds));
  set(Outcome::hours_interventions, total(Daily::hours_interventions));
  set(Outcome::hours_rituals, total(Daily::hours_rituals));
  set(Outcome::hours_total, total(Daily::hours_total));
  set(Outcome::trust_incident_correlation,
      correlation(r.team_outcomes[index(TeamOutcome::trust_within)],
                  r.team_outcomes[index(TeamOutcome::incidents_per_head_year)]));
  set(Outcome::burnt_out_leaving_ratio, cohorts.ratio());
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
    run_day(world, day, control.cancel);
  }

  RunResult result;
  result.days = p.days;
  for (auto& series : result.daily) series.assign(static_cast<std::size_t>(p.days), 0.0);
  for (const auto& team : world.teams) {
    result.team_names.push_back(team.name);
    result.team_localities.push_back(team.locality);
  }
  result.profession_names = world.profession_names;
  const auto snapshots = snapshot_days(p);
  result.team_incidents.assign(world.teams.size(), 0.0);
  result.team_staff_days.assign(world.teams.size(), 0.0);
  result.team_hours.assign(world.teams.size(), 0.0);
  result.measured_from = p.outputs.measure_from_day;
  const int tail_from = std::max(p.outputs.measure_from_day, p.days - outcome_tail_days);
  WithheldSurvey survey(world.staff.size(), p.outputs.measure_from_day, p.days);
  LeavingCohorts cohorts(p.outputs.measure_from_day, p.days);
  TeamWindow team_window(world.teams.size());

  // Measured days count from 0; the world's own day runs on from the warm-up.
  for (int day = 0; day < p.days; ++day) {
    if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw Cancelled();
    const auto [tally, trust, trust_updates] = run_day(world, warmup + day, control.cancel);
    result.trust_updates += trust_updates;
    record_day(world, tally, trust, day, result);
    survey.record(world, tally, day);
    cohorts.record(world, day);
    if (day >= p.outputs.measure_from_day)
      team_window.record(world, tally, trust, day >= tail_from);
    for (std::size_t t = 0; t < world.teams.size(); ++t) {
      result.team_incidents[t] += static_cast<double>(tally.team_incidents[t]);
      result.team_staff_days[t] += static_cast<double>(tally.team_headcount[t]);
      result.team_hours[t] += tally.team_hours[t];
    }
    for (std::size_t c = 0; c < issue_cause_count; ++c)
      result.incidents_by_cause[c] += static_cast<double>(tally.incidents_by_cause[c]);
    result.hours_worked += tally.hours_worked;
    result.overloaded_staff_days += static_cast<double>(tally.overloaded_staff);
    const bool sampled = day % p.outputs.team_trust_every_days == 0 || day == p.days - 1;
    if (sampled && !control.summary_only) {
      result.team_trust_days.push_back(day);
      const auto matrix = team_trust_matrix(world, warmup + day);
      result.team_trust.insert(result.team_trust.end(), matrix.begin(), matrix.end());
    }
    if (!control.summary_only &&
        std::find(snapshots.begin(), snapshots.end(), day) != snapshots.end()) {
      result.snapshots.push_back(network_snapshot(world, warmup + day));
      result.snapshots.back().day = day;
    }
    if (control.on_day) control.on_day(day);
  }
  summarise_teams(team_window, p, result);
  summarise(p, survey, cohorts, result);
  if (control.summary_only)
    for (auto& series : result.daily) std::vector<double>().swap(series);
  return result;
}

}  // namespace trustsim
