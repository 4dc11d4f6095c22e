// The run outcomes of metrics.hpp, each on a world small or plain enough
// to count by hand, and the identities between them.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "fixtures.hpp"
#include "model/simulation.hpp"

using namespace trustsim;

namespace {

double outcome(const RunResult& r, Outcome o) { return r.outcomes[index(o)]; }

double total(const RunResult& r, Daily d, int from = 0) {
  const auto& v = r.daily[index(d)];
  return std::accumulate(v.begin() + from, v.end(), 0.0);
}

// Nobody leaves, burns out, raises or holds anything unless a test says so.
Parameters quiet_world(int per_group) {
  Parameters p = test::two_teams(per_group);
  p.days = 10;
  p.staff.base_leave_per_day = 0.0;
  p.staff.burnout_leave_per_day = 0.0;
  p.issues.per_person_per_day = 0.0;
  p.contacts.per_on_site_day = 0.0;
  p.contacts.remote_per_day = 0.0;
  p.rituals.initial_strength = 0.0;  // no team gatherings, and none re-forming
  p.rituals.spontaneous_restart = 0.0;
  return p;
}

// Every unheld issue causes an incident the day it is left: a world where
// each incident's cause can be read off the issues that made it.
Parameters every_issue_harms(Parameters p) {
  p.issues.per_person_per_day = 1.0;
  p.issues.incident_hazard_per_day = 1.0;
  p.staff.hero_absorb_probability = 0.0;
  p.workarounds.mean_lifetime_days = 1e9;
  p.workarounds.daily_failure = 0.0;
  p.workarounds.overload_failure = 0.0;
  return p;
}

// Burnout as a random walk: every day each member of staff attends a 2-hour
// team meeting or not (a coin toss), on top of 6.5 hours of routine work,
// and so is overloaded by 1/7.5 (burnout up 0.02) or under capacity
// (burnout down 0.02). A warm-up spreads burnout over [0, 1], and it moves
// little within a year, so whom a survey finds burnt out stays so for much
// of the year. `localities` of two teams of 10 each. Nothing else happens;
// a leaver's post is filled the next day by a newcomer who needs no
// induction. Small by default: these run under the sanitizers.
Parameters burnout_random_walk(int localities = 10, int warmup_days = 300) {
  Parameters p = quiet_world(5);
  p.system.localities = localities;
  p.days = 520;
  p.warmup_days = warmup_days;
  p.meetings.regime = Regime::online;
  p.meetings.team_meeting_interval_days = 1;
  p.meetings.cross_team_representatives = 0;
  p.meetings.online = {0.5, 0.0, 0.0};  // attend half the time; never take part
  p.time.routine_hours = 6.5;
  p.time.team_meeting_hours = 2.0;
  p.staff.burnout_gain = 0.15;  // x overload 2/15 = 0.02
  p.staff.burnout_recovery = 0.02;
  p.staff.vacancy_days = 1;
  p.staff.induction_days = 0;
  p.staff.newcomer_productivity = 1.0;
  return p;
}

// The spread of a leaving risk ratio's logarithm when burnout has no
// effect: the binomial spread of one survey of `staff`, a share
// `burnt_out` of them burnt out, each leaving within the year with
// probability `leave`. The pooled ratio of the window's overlapping surveys
// averages such estimates, so it is no more spread than one of them.
double log_ratio_spread(double staff, double burnt_out, double leave) {
  return std::sqrt((1 - leave) / leave * (1 / (staff * burnt_out) + 1 / (staff * (1 - burnt_out))));
}

void check_causes_add_up(const RunResult& r) {
  for (std::size_t d = 0; d < static_cast<std::size_t>(r.days); ++d)
    CHECK(r.daily[index(Daily::incidents_unraised)][d] +
              r.daily[index(Daily::incidents_delayed)][d] +
              r.daily[index(Daily::incidents_failed_workaround)][d] +
              r.daily[index(Daily::incidents_lost_workaround)][d] ==
          r.daily[index(Daily::incidents)][d]);
  CHECK(outcome(r, Outcome::incidents_unraised) + outcome(r, Outcome::incidents_delayed) +
            outcome(r, Outcome::incidents_failed_workaround) +
            outcome(r, Outcome::incidents_lost_workaround) ==
        outcome(r, Outcome::incidents));
  const auto& team = r.team_outcomes[index(TeamOutcome::incidents)];
  CHECK(std::accumulate(team.begin(), team.end(), 0.0) == outcome(r, Outcome::incidents));
}

}  // namespace

TEST_CASE("meeting hours, travel and attendance count by hand", "[outcomes]") {
  Parameters p = quiet_world(2);  // alpha at site_a, beta at site_b, 4 each
  p.meetings.regime = Regime::face_to_face;
  p.meetings.face_to_face = {1.0, 1.0, 0.0};  // everyone attends and takes part
  p.meetings.team_meeting_interval_days = 1;
  p.meetings.cross_team_meeting_interval_days = 5;  // days 0 and 5, at alpha's site
  p.meetings.cross_team_representatives = 2;
  const RunResult r = simulate(p, 5);
  // Team meetings: 8 staff x 10 days x 1 hour; cross-team: 4 x 2 days x 1.5.
  CHECK(outcome(r, Outcome::hours_meetings) == Approx(80 * 1.0 + 8 * 1.5));
  // Beta's two representatives travel to site_a twice.
  CHECK(outcome(r, Outcome::hours_travel) == Approx(4 * 1.0));
  CHECK(total(r, Daily::meeting_invited_face_to_face) == 88);
  CHECK(total(r, Daily::meeting_invited_online) == 0);
  CHECK(outcome(r, Outcome::meeting_attendance) == 1.0);
  CHECK(outcome(r, Outcome::meeting_participation) == 1.0);
  CHECK(outcome(r, Outcome::hours_routine) == Approx(8 * 10 * p.time.routine_hours));
  CHECK(outcome(r, Outcome::hours_issues) == 0.0);
  CHECK(outcome(r, Outcome::hours_workarounds) == 0.0);
  CHECK(outcome(r, Outcome::hours_interventions) == 0.0);
  CHECK(outcome(r, Outcome::hours_total) ==
        Approx(80 * 1.0 + 8 * 1.5 + 4 * 1.0 + 8 * 10 * p.time.routine_hours));
  CHECK(outcome(r, Outcome::vacancy_rate) == 0.0);
  CHECK(outcome(r, Outcome::leaver_rate_per_year) == 0.0);
  CHECK(outcome(r, Outcome::withheld_share) == 0.0);  // no issues at all
}

TEST_CASE("with nobody attending, participation is undefined rather than zero", "[outcomes]") {
  Parameters p = quiet_world(2);
  p.meetings.online.attendance = 0.0;
  p.meetings.face_to_face.attendance = 0.0;
  const RunResult r = simulate(p, 5);
  CHECK(outcome(r, Outcome::meeting_attendance) == 0.0);                   // invited, nobody came
  CHECK(std::isnan(outcome(r, Outcome::meeting_participation)));           // nobody to take part
  CHECK(outcome(r, Outcome::trust_working) == p.trust.stranger_baseline);  // nobody dealt
}

TEST_CASE("the hours of every task add up to the hours worked", "[outcomes]") {
  Parameters p = test::two_teams(6);
  p.days = 120;
  p.staff.base_leave_per_day = 0.01;
  p.staff.vacancy_days = 5;
  p.interventions.facilitators.enabled = true;
  p.interventions.difficult_conversations.enabled = true;
  p.interventions.explicit_workarounds.enabled = true;
  p.interventions.hero_awareness.enabled = true;
  p.interventions.data_sharing.enabled = true;
  const RunResult r = simulate(p, 9);
  double parts = 0;
  for (Outcome o : {Outcome::hours_routine, Outcome::hours_meetings, Outcome::hours_travel,
                    Outcome::hours_issues, Outcome::hours_workarounds, Outcome::hours_interventions,
                    Outcome::hours_rituals}) {
    CHECK(outcome(r, o) > 0.0);
    parts += outcome(r, o);
  }
  CHECK(parts == Approx(outcome(r, Outcome::hours_total)).epsilon(1e-12));
  CHECK(outcome(r, Outcome::hours_total) == Approx(r.hours_worked).epsilon(1e-12));
}

TEST_CASE("issues nobody raises or holds become incidents from unraised issues", "[outcomes]") {
  Parameters p = every_issue_harms(quiet_world(3));
  p.issues.raise_threshold = 1e3;  // never raised
  p.issues.workaround_probability = 0.0;
  const RunResult r = simulate(p, 11);
  CHECK(outcome(r, Outcome::issues_unraised) > 0);
  CHECK(outcome(r, Outcome::incidents_unraised) == outcome(r, Outcome::issues_unraised));
  CHECK(outcome(r, Outcome::incidents) == outcome(r, Outcome::issues_unraised));
  CHECK(outcome(r, Outcome::withheld_share) == 1.0);  // a 10-day window is one short block
  check_causes_add_up(r);
}

TEST_CASE("issues raised in vain become incidents from delays", "[outcomes]") {
  Parameters p = every_issue_harms(quiet_world(3));
  p.issues.raise_threshold = -1e3;  // always raised
  p.issues.resolve_probability = 0.0;
  p.issues.workaround_probability = 0.0;
  const RunResult r = simulate(p, 12);
  CHECK(outcome(r, Outcome::issues_raised) > 0);
  CHECK(outcome(r, Outcome::issues_unraised) == 0);
  CHECK(outcome(r, Outcome::incidents_delayed) == outcome(r, Outcome::issues_raised));
  CHECK(outcome(r, Outcome::incidents) == outcome(r, Outcome::issues_raised));
  // Every raiser and counterpart dealt with each other, and each of 12
  // staff spent raise_hours per issue raised, the counterpart nothing.
  CHECK(outcome(r, Outcome::hours_issues) ==
        Approx(outcome(r, Outcome::issues_raised) * p.time.raise_hours));
  check_causes_add_up(r);
}

TEST_CASE("workarounds that fail, or leave with their holder, are counted by cause", "[outcomes]") {
  Parameters p = every_issue_harms(quiet_world(3));
  p.issues.raise_threshold = 1e3;
  p.issues.workaround_probability = 1.0;  // every unraised issue is worked around
  SECTION("failing") {
    p.workarounds.daily_failure = 1.0;  // and fails the same day
    const RunResult r = simulate(p, 13);
    CHECK(outcome(r, Outcome::incidents_failed_workaround) == outcome(r, Outcome::issues_unraised));
    CHECK(outcome(r, Outcome::incidents) == outcome(r, Outcome::issues_unraised));
    check_causes_add_up(r);
  }
  SECTION("lost") {
    p.staff.base_leave_per_day = 1.0;  // every holder leaves the day they took it on
    p.staff.vacancy_days = 1;
    const RunResult r = simulate(p, 14);
    CHECK(outcome(r, Outcome::incidents_lost_workaround) > 0);
    CHECK(outcome(r, Outcome::incidents_lost_workaround) == total(r, Daily::workarounds_lost));
    CHECK(outcome(r, Outcome::incidents) == outcome(r, Outcome::incidents_lost_workaround));
    check_causes_add_up(r);
  }
}

TEST_CASE("incidents by cause and by team add up on an ordinary run", "[outcomes]") {
  Parameters p = test::two_teams(8);
  p.days = 300;
  p.issues.incident_hazard_per_day = 0.02;
  p.staff.base_leave_per_day = 0.003;
  const RunResult r = simulate(p, 15);
  CHECK(outcome(r, Outcome::incidents) > 20);
  CHECK(outcome(r, Outcome::incidents_unraised) > 0);
  CHECK(outcome(r, Outcome::incidents_failed_workaround) > 0);
  check_causes_add_up(r);
}

TEST_CASE("overload past the threshold counts staff-days burnt out", "[outcomes]") {
  Parameters p = quiet_world(2);
  p.meetings.online.attendance = p.meetings.face_to_face.attendance = 0.0;
  p.time.routine_hours = 2 * p.time.hours_per_day;  // load 2: overload 1 a day
  p.staff.burnout_gain = 0.25;                      // burnout 0.25, 0.5, 0.75, ...
  const RunResult r = simulate(p, 16);
  CHECK(outcome(r, Outcome::burnt_out_share) == Approx(8.0 / 10.0));  // from the third day
  for (double v : r.team_outcomes[index(TeamOutcome::burnt_out_share)]) CHECK(v == Approx(0.8));
}

TEST_CASE("staff who never raise an issue all withhold, in every 4-week block", "[outcomes]") {
  Parameters p = quiet_world(3);
  p.days = 65;  // three blocks of 20 days and 5 days not surveyed
  p.issues.per_person_per_day = 2.0;
  p.issues.raise_threshold = 1e3;
  const RunResult r = simulate(p, 17);
  CHECK(outcome(r, Outcome::withheld_share) == 1.0);
  p.issues.raise_threshold = -1e3;  // always raised
  CHECK(outcome(simulate(p, 17), Outcome::withheld_share) == 0.0);
}

TEST_CASE("the leaver rate a year lands in the binomial interval of a known leaving chance",
          "[outcomes]") {
  Parameters p = test::two_teams(50);  // 200 posts
  p.days = 520;
  const double q = 0.001;  // a day: 0.26 a year of 260 working days
  p.staff.base_leave_per_day = q;
  p.staff.burnout_leave_per_day = 0.0;
  p.staff.vacancy_days = 20;
  const RunResult r = simulate(p, 18);
  // Staff at risk on a day: those at the end of it and those who left it.
  const double at_risk = total(r, Daily::headcount) + total(r, Daily::leavers);
  const double mean = q * at_risk, sd = std::sqrt(at_risk * q * (1 - q));
  const double leavers = outcome(r, Outcome::leavers);
  CHECK(leavers > mean - 3.29 * sd);  // two-sided 99.9%
  CHECK(leavers < mean + 3.29 * sd);
  const double rate = outcome(r, Outcome::leaver_rate_per_year);
  CHECK(rate == Approx(leavers / total(r, Daily::headcount) * 260.0));
  CHECK(rate > 0.26 * (1 - 3.29 * sd / mean) - 0.01);
  CHECK(rate < 0.26 * (1 + 3.29 * sd / mean) + 0.01);
  // Each leaver's post stands vacant for 20 days (less at the run's end).
  CHECK(outcome(r, Outcome::vacancy_rate) == Approx(total(r, Daily::vacant_posts) / (200.0 * 520)));
  CHECK(outcome(r, Outcome::vacancy_rate) <= leavers * 20 / (200.0 * 520));
  CHECK(outcome(r, Outcome::vacancy_rate) > (leavers - 10) * 20 / (200.0 * 520));
  const auto& team = r.team_outcomes[index(TeamOutcome::leavers)];
  CHECK(std::accumulate(team.begin(), team.end(), 0.0) == leavers);
}

TEST_CASE("the window measures only the window", "[outcomes][window]") {
  Parameters p = test::two_teams(6);
  p.days = 150;
  p.staff.base_leave_per_day = 0.005;
  p.staff.vacancy_days = 10;
  const RunResult whole = simulate(p, 19);
  p.outputs.measure_from_day = 110;
  const RunResult late = simulate(p, 19);
  REQUIRE(late.measured_from == 110);
  // The window changes what is measured, never what happens.
  for (std::size_t m = 0; m < daily_count; ++m) CHECK(whole.daily[m] == late.daily[m]);
  for (Daily d : {Daily::incidents, Daily::issues_raised, Daily::hours_total}) {
    CHECK(total(late, d, 110) < total(late, d));
  }
  CHECK(outcome(late, Outcome::incidents) == total(late, Daily::incidents, 110));
  CHECK(outcome(late, Outcome::issues_unraised) == total(late, Daily::issues_unraised, 110));
  CHECK(outcome(late, Outcome::hours_meetings) == total(late, Daily::hours_meetings, 110));
  CHECK(outcome(late, Outcome::leaver_rate_per_year) ==
        Approx(total(late, Daily::leavers, 110) / total(late, Daily::headcount, 110) * 260));
  // Trust: the window's 40 days, fewer than the usual 60.
  CHECK(outcome(late, Outcome::trust_between) ==
        Approx(total(late, Daily::trust_between, 110) / 40));
  CHECK(outcome(whole, Outcome::trust_between) ==
        Approx(total(whole, Daily::trust_between, 90) / 60));
  const auto& raised = late.team_outcomes[index(TeamOutcome::issues_raised)];
  CHECK(std::accumulate(raised.begin(), raised.end(), 0.0) ==
        outcome(late, Outcome::issues_raised));
  const auto& headcount = late.team_outcomes[index(TeamOutcome::headcount)];
  CHECK(std::accumulate(headcount.begin(), headcount.end(), 0.0) ==
        Approx(total(late, Daily::headcount, 110) / 40));
}

TEST_CASE("trust means stay defined when whole teams leave", "[outcomes][observation]") {
  Parameters p = test::two_teams(2);
  p.days = 60;
  p.staff.base_leave_per_day = 0.3;  // issue 17 item 12: NaN from 0.1 on
  p.staff.vacancy_days = 15;
  const RunResult r = simulate(p, 20);
  CHECK(total(r, Daily::vacant_posts) > 0);
  for (std::size_t m = 0; m < daily_count; ++m)
    for (double v : r.daily[m]) REQUIRE(std::isfinite(v));
  for (Outcome o :
       {Outcome::trust_within, Outcome::trust_between, Outcome::trust_across_organisations,
        Outcome::trust_working, Outcome::trust_incident_correlation})
    CHECK(std::isfinite(outcome(r, o)));
  for (const auto& column : r.team_outcomes)
    for (double v : column) CHECK(std::isfinite(v));
  for (double v : r.team_trust) CHECK(std::isfinite(v));
}

TEST_CASE("without burnt-out staff, or without leavers, the leaving ratio is undefined",
          "[outcomes][burnout]") {
  Parameters p = burnout_random_walk();
  p.staff.base_leave_per_day = 0.001;
  SECTION("nobody burns out") {
    p.staff.burnout_gain = 0.0;
    const RunResult r = simulate(p, 21);
    CHECK(outcome(r, Outcome::burnt_out_share) == 0.0);
    CHECK(outcome(r, Outcome::leavers) > 50);
    CHECK(std::isnan(outcome(r, Outcome::burnt_out_leaving_ratio)));
  }
  SECTION("nobody leaves") {
    p.staff.base_leave_per_day = 0.0;
    p.staff.burnout_leave_per_day = 0.0;
    const RunResult r = simulate(p, 22);
    CHECK(outcome(r, Outcome::burnt_out_share) > 0.1);  // both groups surveyed
    CHECK(outcome(r, Outcome::burnt_out_share) < 0.9);
    CHECK(std::isnan(outcome(r, Outcome::burnt_out_leaving_ratio)));
  }
  SECTION("everybody is burnt out") {
    p.time.routine_hours = 2 * p.time.hours_per_day;  // burnt out from the fifth day
    p.staff.vacancy_days = 10000;                     // and no newcomers
    const RunResult r = simulate(p, 23);
    CHECK(outcome(r, Outcome::burnt_out_share) == 1.0);
    CHECK(outcome(r, Outcome::leavers) > 10);
    CHECK(std::isnan(outcome(r, Outcome::burnt_out_leaving_ratio)));
  }
}

TEST_CASE("the leaving ratio needs a window that holds a survey and its year",
          "[outcomes][burnout][window]") {
  Parameters p = burnout_random_walk();
  p.staff.base_leave_per_day = 0.001;
  p.staff.burnout_leave_per_day = 0.003;
  // The first survey ends the window's first 20 days (day 19) and its year
  // ends on day 279: a window of 280 days holds it, one of 279 does not.
  p.days = 279;
  CHECK(std::isnan(outcome(simulate(p, 24), Outcome::burnt_out_leaving_ratio)));
  p.days = 280;
  CHECK(std::isfinite(outcome(simulate(p, 24), Outcome::burnt_out_leaving_ratio)));
  p.days = 400;
  p.outputs.measure_from_day = 121;  // 279 days
  CHECK(std::isnan(outcome(simulate(p, 24), Outcome::burnt_out_leaving_ratio)));
  p.outputs.measure_from_day = 120;  // 280 days
  CHECK(std::isfinite(outcome(simulate(p, 24), Outcome::burnt_out_leaving_ratio)));
}

TEST_CASE("the leaving ratio tells a strong burnout-leaving path from none",
          "[outcomes][burnout]") {
  // 1,000 staff, so that the binomial spread is narrow; a longer warm-up
  // spreads burnout further (1,000 days gave ratios 0.91 and 3.66, these
  // 0.98 and 3.40).
  Parameters p = burnout_random_walk(50, 500);
  SECTION("no path: leaving does not depend on burnout") {
    const double q = 0.001;  // a day; within a year 1 - (1 - q)^260 = 0.23
    p.staff.base_leave_per_day = q;
    p.staff.burnout_leave_per_day = 0.0;
    const RunResult r = simulate(p, 25);
    const double share = outcome(r, Outcome::burnt_out_share);
    REQUIRE(share > 0.05);
    const double spread = log_ratio_spread(1000, share, 1 - std::pow(1 - q, 260));
    const double ratio = outcome(r, Outcome::burnt_out_leaving_ratio);
    CAPTURE(share, spread, ratio);
    CHECK(std::abs(std::log(ratio)) < 3.29 * spread);  // two-sided 99.9%
  }
  SECTION("a strong path: leaving mostly from burnout") {
    p.staff.base_leave_per_day = 0.00002;   // 0.5% a year
    p.staff.burnout_leave_per_day = 0.003;  // 54% a year at burnout 1
    const RunResult r = simulate(p, 26);
    const double share = outcome(r, Outcome::burnt_out_share);
    REQUIRE(share > 0.05);
    // Under no effect the ratio would lie below exp(3.29 spread), each
    // leaving within the year with the run's own chance.
    const double leave = 1 - std::exp(-outcome(r, Outcome::leaver_rate_per_year));
    const double spread = log_ratio_spread(1000, share, leave);
    const double ratio = outcome(r, Outcome::burnt_out_leaving_ratio);
    CAPTURE(share, leave, spread, ratio);
    CHECK(ratio > std::exp(3.29 * spread));
    CHECK(ratio > 2.0);
  }
}
