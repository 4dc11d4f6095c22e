// The names every tool relies on: the daily series and the per-run outcomes.
// The HDF5 writer, `trustsim summary` and analysis/ all read these lists.
#pragma once

#include <array>
#include <cstddef>

namespace trustsim {

// name: the dataset and column name; units: "1" for a share or a 0-1
// score, "ratio" for a ratio of two shares (from 0; 1 when equal); label:
// what a figure or report calls it; description: how it is measured. Written
// onto every dataset, so analysis/ and h5dump need no copy.
struct MetricInfo {
  const char* name;
  const char* units;
  const char* label;
  const char* description;
};

enum class Daily : std::size_t {
  trust_within,
  trust_between,
  issues_raised,
  issues_unraised,
  issues_resolved,
  incidents,
  leavers,
  hero_leavers,
  headcount,
  unresolved_issues,
  implicit_workarounds,
  explicit_workarounds,
  workarounds_failed,
  workarounds_lost,
  mean_burnout,
  informal_contacts,
  trust_across_organisations,
  trust_working,
  working_pairs,
  incidents_unraised,
  incidents_delayed,
  incidents_failed_workaround,
  incidents_lost_workaround,
  vacant_posts,
  burnt_out_staff,
  meeting_invited_online,
  meeting_attended_online,
  meeting_participated_online,
  meeting_invited_face_to_face,
  meeting_attended_face_to_face,
  meeting_participated_face_to_face,
  hours_routine,
  hours_meetings,
  hours_travel,
  hours_issues,
  hours_workarounds,
  hours_interventions,
  hours_rituals,
  hours_total,
  count
};
inline constexpr std::size_t daily_count = static_cast<std::size_t>(Daily::count);

inline constexpr std::array<MetricInfo, daily_count> daily_info{{
    {"trust_within", "1", "Trust within teams",
     "mean trust T(i->j) over ordered pairs of active staff in the same team"},
    {"trust_between", "1", "Trust between teams",
     "mean trust T(i->j) over ordered pairs of active staff in different teams"},
    {"issues_raised", "issues/day", "Issues raised",
     "cross-boundary issues raised with the counterpart"},
    {"issues_unraised", "issues/day", "Issues not raised", "cross-boundary issues not raised"},
    {"issues_resolved", "issues/day", "Issues resolved", "raised issues resolved"},
    {"incidents", "incidents/day", "Patient-safety incidents",
     "patient-safety incidents from unresolved issues"},
    {"leavers", "staff/day", "Leavers", "staff who left"},
    {"hero_leavers", "staff/day", "Lone heroes leaving",
     "leavers who held work absorbed from colleagues (lone heroes) when they left"},
    {"headcount", "staff", "Headcount", "active staff at the end of the day"},
    {"unresolved_issues", "issues", "Unresolved issues open",
     "issues open with nobody working on them, at the end of the day"},
    {"implicit_workarounds", "workarounds", "Implicit workarounds held",
     "implicit workarounds held at the end of the day"},
    {"explicit_workarounds", "workarounds", "Explicit workarounds held",
     "explicit workarounds held at the end of the day"},
    {"workarounds_failed", "workarounds/day", "Workarounds failed",
     "workarounds that failed for want of top-up"},
    {"workarounds_lost", "workarounds/day", "Workarounds lost with leavers",
     "implicit workarounds lost with a leaver"},
    {"mean_burnout", "1", "Mean burnout", "mean burnout of active staff"},
    {"informal_contacts", "contacts/day", "Informal contacts",
     "informal contacts (each counted once)"},
    {"trust_across_organisations", "1", "Trust across organisations",
     "mean trust T(i->j) over ordered pairs of active staff of the same locality with different "
     "employers"},
    {"trust_working", "1", "Working trust",
     "mean trust T(i->j), after the day's changes, over the directed pairs who dealt with each "
     "other that day (met, made contact or raised an issue)"},
    {"working_pairs", "pairs/day", "Working pairs",
     "directed pairs who dealt with each other (trust_working's pairs)"},
    {"incidents_unraised", "incidents/day", "Incidents from issues not raised",
     "incidents from issues nobody raised or worked around"},
    {"incidents_delayed", "incidents/day", "Incidents from issues raised in vain",
     "incidents from issues raised but not resolved, and not worked around"},
    {"incidents_failed_workaround", "incidents/day", "Incidents from failed workarounds",
     "incidents from issues whose workaround failed for want of top-up"},
    {"incidents_lost_workaround", "incidents/day", "Incidents from lost workarounds",
     "incidents from issues whose implicit workaround left with its holder"},
    {"vacant_posts", "posts", "Vacant posts", "posts without a holder at the end of the day"},
    {"burnt_out_staff", "staff", "Staff burnt out",
     "active staff with burnout above burnt_out_threshold (0.6) at the end of the day"},
    {"meeting_invited_online", "staff/day", "Invited to online meetings",
     "invitations to meetings held online"},
    {"meeting_attended_online", "staff/day", "Attending online meetings",
     "invitees who attended a meeting held online"},
    {"meeting_participated_online", "staff/day", "Taking part in online meetings",
     "attendees who took part in a meeting held online"},
    {"meeting_invited_face_to_face", "staff/day", "Invited to face-to-face meetings",
     "invitations to meetings held face to face"},
    {"meeting_attended_face_to_face", "staff/day", "Attending face-to-face meetings",
     "invitees who attended a meeting held face to face"},
    {"meeting_participated_face_to_face", "staff/day", "Taking part in face-to-face meetings",
     "attendees who took part in a meeting held face to face"},
    {"hours_routine", "hours/day", "Hours on routine work",
     "staff hours on the posts' routine work, covering vacant posts and inducting newcomers"},
    {"hours_meetings", "hours/day", "Hours in meetings", "staff hours attending meetings"},
    {"hours_travel", "hours/day", "Hours travelling",
     "staff hours travelling to in-person meetings at another site"},
    {"hours_issues", "hours/day", "Hours on issues",
     "staff hours raising issues and resolving those raised"},
    {"hours_workarounds", "hours/day", "Hours on workarounds",
     "staff hours holding implicit and explicit workarounds"},
    {"hours_interventions", "hours/day", "Hours on interventions",
     "staff hours that interventions take: facilitation, difficult conversations, data-sharing "
     "requests, revisiting explicit workarounds, handing over a hero's load, learning reviews, "
     "convening new rituals"},
    {"hours_rituals", "hours/day", "Hours at team rituals",
     "staff hours at a team's habitual informal gatherings (huddle, coffee, lunch)"},
    {"hours_total", "hours/day", "Hours worked",
     "staff hours worked, every task (the hours_ categories add up to it)"},
}};

// A member of staff counts as burnt out above this burnout (0-1). An
// assumption, not a fit: the NHS Staff Survey asks how often staff feel
// "burnt out because of their work" on five points (never, rarely,
// sometimes, often, always) and reports "often or always", the top two.
// Read burnout as that frequency on five equal bands of [0, 1], the top
// two begin at 0.6. Plausible range 0.5-0.8 (docs/output-format.md).
inline constexpr double burnt_out_threshold = 0.6;

// A year of working days (52 weeks of 5; the default horizon of 520 days
// is two years), for rates a year.
inline constexpr double working_days_per_year = 260.0;

// The survey window of withheld_share: Schwappach & Richard (2018) ask
// about the last 4 weeks, 20 working days.
inline constexpr int withheld_window_days = 20;

// How long burnt_out_leaving_ratio follows each survey: a year of working
// days. Hamidi et al. (2018) followed physicians for two years; one year
// lets the default two-year window hold 13 surveys.
inline constexpr int leaving_follow_up_days = static_cast<int>(working_days_per_year);

enum class Outcome : std::size_t {
  trust_within,
  trust_between,
  issues_raised,
  issues_unraised,
  incidents,
  leavers,
  hero_leavers,
  headcount,
  trust_across_organisations,
  trust_working,
  incidents_unraised,
  incidents_delayed,
  incidents_failed_workaround,
  incidents_lost_workaround,
  leaver_rate_per_year,
  vacancy_rate,
  burnt_out_share,
  withheld_share,
  meeting_attendance,
  meeting_participation,
  hours_routine,
  hours_meetings,
  hours_travel,
  hours_issues,
  hours_workarounds,
  hours_interventions,
  hours_rituals,
  hours_total,
  trust_incident_correlation,
  burnt_out_leaving_ratio,
  count
};
inline constexpr std::size_t outcome_count = static_cast<std::size_t>(Outcome::count);

// Every run outcome is measured over the measurement window, from
// outputs.measure_from_day to the end of the run. Trust outcomes average
// the window's final days so one noisy day does not decide a comparison;
// counts are totals over the window.
inline constexpr int outcome_tail_days = 60;

inline constexpr std::array<MetricInfo, outcome_count> outcome_info{{
    {"trust_within", "1", "Trust within teams",
     "mean daily trust_within over the window's final 60 days"},
    {"trust_between", "1", "Trust between teams",
     "mean daily trust_between over the window's final 60 days"},
    {"issues_raised", "issues", "Issues raised", "issues raised in the window"},
    {"issues_unraised", "issues", "Issues not raised", "issues not raised in the window"},
    {"incidents", "incidents", "Patient-safety incidents",
     "patient-safety incidents in the window"},
    {"leavers", "staff", "Leavers", "staff who left in the window"},
    {"hero_leavers", "staff", "Lone heroes leaving",
     "leavers in the window who held work absorbed from colleagues when they left"},
    {"headcount", "staff", "Headcount at the end", "active staff on the final day"},
    {"trust_across_organisations", "1", "Trust across organisations",
     "mean daily trust_across_organisations over the window's final 60 days"},
    {"trust_working", "1", "Working trust",
     "mean trust over the directed pairs who dealt with each other (met, made contact or raised "
     "an issue), pooled over the window's pair-days (daily trust_working weighted by "
     "working_pairs)"},
    {"incidents_unraised", "incidents", "Incidents from issues not raised",
     "incidents in the window from issues nobody raised or worked around"},
    {"incidents_delayed", "incidents", "Incidents from issues raised in vain",
     "incidents in the window from issues raised but not resolved, and not worked around"},
    {"incidents_failed_workaround", "incidents", "Incidents from failed workarounds",
     "incidents in the window from workarounds that failed"},
    {"incidents_lost_workaround", "incidents", "Incidents from lost workarounds",
     "incidents in the window from implicit workarounds lost with a leaver"},
    {"leaver_rate_per_year", "1/year", "Leaver rate a year",
     "leavers in the window / mean daily headcount, a year of 260 working days"},
    {"vacancy_rate", "1", "Vacancy rate", "vacant post-days / post-days in the window"},
    {"burnt_out_share", "1", "Share burnt out",
     "share of staff-days in the window with burnout above burnt_out_threshold (0.6)"},
    {"withheld_share", "1", "Share withholding an issue",
     "share of staff, surveyed at the end of each 4-week (20-day) block of the window, who left "
     "at least one issue unraised in that block"},
    {"meeting_attendance", "1", "Meeting attendance",
     "attendances / invitations in the window, every mode"},
    {"meeting_participation", "1", "Meeting participation",
     "participations / attendances in the window, every mode"},
    {"hours_routine", "hours", "Hours on routine work",
     "staff hours in the window on routine work, covering vacancies and inducting newcomers"},
    {"hours_meetings", "hours", "Hours in meetings", "staff hours in the window in meetings"},
    {"hours_travel", "hours", "Hours travelling",
     "staff hours in the window travelling to in-person meetings"},
    {"hours_issues", "hours", "Hours on issues",
     "staff hours in the window raising and resolving issues"},
    {"hours_workarounds", "hours", "Hours on workarounds",
     "staff hours in the window holding workarounds"},
    {"hours_interventions", "hours", "Hours on interventions",
     "staff hours in the window that interventions took"},
    {"hours_rituals", "hours", "Hours at team rituals",
     "staff hours in the window at teams' habitual informal gatherings"},
    {"hours_total", "hours", "Hours worked",
     "staff hours worked in the window (the hours_ outcomes add up to it)"},
    {"trust_incident_correlation", "r", "Team trust vs incidents",
     "correlation across teams of trust_within and incidents_per_head_year (/team_summary); 0 "
     "when either does not vary"},
    {"burnt_out_leaving_ratio", "ratio", "Leaving risk of the burnt out, relative",
     "share who left within a year (260 days) of those burnt out (burnout above 0.6) over that of "
     "the others, among staff surveyed at the end of each 4-week block of the window whose year "
     "ends in it; NaN when either group, or the others' leavers, is empty"},
}};

// The per-team outcomes (/team_summary), over the same window, one row per
// team. A team's staff are those currently in it (a secondee counts in the
// host team); its leavers and incidents are those of its posts.
enum class TeamOutcome : std::size_t {
  headcount,
  trust_within,
  trust_between,
  trust_working,
  incidents,
  incidents_per_head_year,
  issues_raised,
  issues_unraised,
  leavers,
  burnt_out_share,
  psychological_safety,
  count
};
inline constexpr std::size_t team_outcome_count = static_cast<std::size_t>(TeamOutcome::count);

inline constexpr std::array<MetricInfo, team_outcome_count> team_outcome_info{{
    {"headcount", "staff", "Headcount", "mean daily active staff in the team in the window"},
    {"trust_within", "1", "Trust within the team",
     "mean daily trust among the team's members over the window's final 60 days"},
    {"trust_between", "1", "Trust towards other teams",
     "mean daily trust from the team's members to the other teams of its locality over the "
     "window's final 60 days"},
    {"trust_working", "1", "Working trust",
     "mean trust from the team's members over the directed pairs who dealt with each other, "
     "pooled over the window's pair-days"},
    {"incidents", "incidents", "Patient-safety incidents",
     "incidents in the window from issues that arose in the team's posts"},
    {"incidents_per_head_year", "incidents/staff/year", "Incidents per head a year",
     "incidents / staff-days, times 260 working days"},
    {"issues_raised", "issues", "Issues raised", "issues the team's members raised in the window"},
    {"issues_unraised", "issues", "Issues not raised",
     "issues the team's members left unraised in the window"},
    {"leavers", "staff", "Leavers", "leavers from the team's posts in the window"},
    {"burnt_out_share", "1", "Share burnt out",
     "share of the team's staff-days with burnout above burnt_out_threshold (0.6)"},
    {"psychological_safety", "1", "Psychological safety",
     "the team's psychological safety (climate.cpp), mean of its end-of-day values in the window"},
}};

constexpr std::size_t index(Daily d) { return static_cast<std::size_t>(d); }
constexpr std::size_t index(Outcome o) { return static_cast<std::size_t>(o); }
constexpr std::size_t index(TeamOutcome o) { return static_cast<std::size_t>(o); }

}  // namespace trustsim
