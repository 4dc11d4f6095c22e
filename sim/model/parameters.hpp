// Every knob of the model, with its default. docs/ODD.md gives each one's
// unit and the seed line or source it comes from; sim/scenario/ maps each to
// a JSON key and checks its range. The model reads these, never JSON.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace trustsim {

// The five kinds of employer in an English integrated care system (seed 2).
enum class Organisation : std::uint8_t {
  acute_hospital,
  community_provider,
  primary_care,
  social_care,
  mental_health,
};
inline constexpr int organisation_count = 5;

enum class MeetingMode : std::uint8_t { online, face_to_face };
enum class Regime : std::uint8_t { online, face_to_face, hybrid };

struct StaffGroupSpec {
  std::string profession;
  Organisation organisation = Organisation::community_provider;
  int count = 1;
  std::string site;  // empty: the team's site
};

struct TeamSpec {
  std::string name;
  std::string site;
  std::vector<StaffGroupSpec> staff;
  double on_site_share = -1.0;  // negative: work.on_site_share
};

// The teams form one locality (they share cross-team meetings and meet each
// other informally). A larger system is that locality repeated.
struct SystemSpec {
  std::vector<TeamSpec> teams;
  int localities = 1;
};

// A change of meeting regime. Moving meetings online does not change where
// people work (work.on_site_share).
struct RegimeChange {
  int day = 0;
  Regime regime = Regime::online;
  double face_to_face_fraction = 0.0;
};

// The working pattern, apart from meetings: on how many working days each
// person is on site, where corridor and kitchen contacts happen.
struct WorkParameters {
  double on_site_share = 0.5;
};

struct ModeEffects {
  double attendance = 0.0;                      // probability an invitee attends
  double participation = 0.0;                   // probability an attendee takes part
  double informal_contacts_per_attendee = 0.0;  // around the meeting
};

struct MeetingParameters {
  Regime regime = Regime::hybrid;
  double face_to_face_fraction = 0.2;  // of meetings only; seed 1: "majority ... online"
  std::vector<RegimeChange> schedule;
  int team_meeting_interval_days = 5;         // weekly MDT
  int cross_team_meeting_interval_days = 20;  // monthly
  int cross_team_representatives = 3;         // per team
  ModeEffects online{0.90, 0.35, 0.05};
  ModeEffects face_to_face{0.70, 0.80, 1.50};
  // A participant can raise their issues at the meeting: their raise
  // threshold is lower that day.
  double participation_raise_shift = 0.10;
};

struct TrustParameters {
  double stranger_baseline = 0.30;
  double same_profession_bonus = 0.10;  // shared professional norms
  double same_organisation_bonus = 0.10;
  double initial_within_team = 0.55;
  double informal_gain = 0.10;   // fraction of the gap to 1 closed per contact
  double meeting_gain = 0.01;    // per formal participation: "cannot be scheduled"
  double half_life_days = 90.0;  // decay toward baseline: "continual top-up"
  double resolved_gain = 0.08;
  double unresolved_loss = 0.10;  // fraction of the excess over 0 lost
  double prune_below = 0.005;     // ties this close to baseline are dropped (<= tie_floor)
};

struct ContactParameters {
  double per_on_site_day = 2.0;  // corridor and kitchen, on a day on site; partner on site too
  double remote_per_day = 0.5;   // phone and chat, every working day
  double own_team_share = 0.7;
  double tie_preference = 0.5;  // partner drawn from existing ties
  double tie_floor = 0.05;      // excess over baseline that makes a tie one seeks out
  double cross_organisation_factor = 0.5;
  double cross_site_factor = 0.3;
};

struct IssueParameters {
  double per_person_per_day = 0.15;
  double other_team_share = 0.6;  // rest: another organisation in own team
  double raise_threshold = 0.45;
  double raise_steepness = 12.0;
  double resolve_probability = 0.85;
  double workaround_probability = 0.6;  // of unraised or failed issues
  // An unresolved issue stays open (until the need passes) and may cause a
  // patient-safety incident on any day it is open.
  double unresolved_mean_days = 20.0;
  double incident_hazard_per_day = 0.002;
};

// The hours of a person-day. Seed 1: "'Simple' fixes are time consuming and
// need acknowledging". What a person's tasks take beyond hours_per_day is
// overload, which burns them out and makes their workarounds fail.
struct TimeParameters {
  double hours_per_day = 7.5;             // NHS Agenda for Change: 37.5 hours a week
  double routine_hours = 5.6;             // a post's routine work: 75% of the day
  double team_meeting_hours = 1.0;        // per attendee
  double cross_team_meeting_hours = 1.5;  // per attendee
  double travel_hours = 1.0;              // round trip to an in-person meeting elsewhere
  double raise_hours = 0.25;              // the raiser, per issue raised
  double resolve_hours = 0.5;             // the counterpart, per issue resolved
  double hold_workaround_hours = 0.2;     // a day, per implicit workaround held
  double induction_hours = 1.0;           // a day, by a colleague, per person in induction
};

struct WorkaroundParameters {
  double mean_lifetime_days = 60.0;  // until the need goes away
  double daily_failure = 0.002;      // implicit, holder not overloaded
  double overload_failure = 0.05;    // extra per unit of overload
  double explicit_load_share = 0.5;  // documented: less hold time
  int revisit_interval_days = 20;    // explicit ones, at a team meeting
};

struct StaffParameters {
  double conscientiousness_alpha = 2.0;  // Beta(alpha, beta)
  double conscientiousness_beta = 5.0;
  // A colleague takes on an unheld issue with probability
  // hero_absorb_probability x conscientiousness x room, where room is 1 up
  // to full load and falls linearly to 0 at absorb_load_limit (hours worked
  // / hours_per_day, yesterday's).
  double hero_absorb_probability = 0.7;
  double absorb_load_limit = 1.5;
  double burnout_gain = 0.05;           // per unit of overload per day
  double burnout_recovery = 0.01;       // per day under capacity
  double base_leave_per_day = 0.0003;   // about 7% a year
  double burnout_leave_per_day = 0.01;  // at burnout 1
  int vacancy_days = 60;
  // A newcomer gets through this share of their post's routine work while
  // inducted; the rest falls on their colleagues.
  int induction_days = 60;
  double newcomer_productivity = 0.5;
};

// Team climate (psychological safety), per team in [0,1]. Seed 1: "Risks
// encouraged, 'failure' punished"; "Repeated everyday interactions set the
// overall culture, tone and expectation of team working". A raised issue
// that gets resolved builds it, a rebuff (raised in vain) erodes it, and so
// does blame after an incident; it shifts everyone's raise threshold.
struct ClimateParameters {
  double initial = 0.5;
  double resolved_gain = 0.01;  // fraction of the gap to 1, per issue resolved
  double rebuff_loss = 0.01;    // fraction of the climate, per issue raised in vain
  double blame_loss = 0.10;     // fraction of the climate, per incident in the team
  // The raise threshold is lower by raise_shift x (climate - 0.5): a team at
  // climate 1 raises as if trust were raise_shift / 2 higher.
  double raise_shift = 0.2;
};

// Rituals: recurring informal team gatherings (huddle, coffee, shared
// lunch). Seed 1: "Disruptions in everyday practice require new traditions
// or rituals for continued collaboration". A team's ritual is a habit of
// strength in [0,1]: on a ritual day it is held with that probability;
// holding it strengthens the habit, and a lapsed one comes back only
// slowly (spontaneous_restart). A disruption weakens it at a stroke.
struct RitualParameters {
  int interval_days = 5;               // weekly
  double initial_strength = 1.0;       // established before day 0
  double hours = 0.5;                  // per attendee
  double contacts_per_attendee = 1.0;  // informal contacts with other attendees
  double climate_gain = 0.03;          // fraction of the gap to 1, per gathering held
  double reinforcement = 0.1;          // fraction of the gap to 1, per gathering held
  double spontaneous_restart = 0.02;   // fraction of the gap to 1, per ritual day not held
  double disruption_loss = 0.9;        // share of the habit a disruption breaks
  // Days on which every team's rituals are disrupted (a relocation, a
  // restructure). A scheduled change that lowers the share of meetings in
  // person (a move online) disrupts them too.
  std::vector<int> disruption_days;
};

struct BarrierParameters {
  double culture_distance = 0.3;     // across organisations, scales trust gain
  double information_sharing = 0.3;  // drop in resolution across organisations
  double incentive_misalignment = 0.15;
};

struct Intervention {
  bool enabled = false;
  int start_day = 0;
  bool active_on(int day) const { return enabled && day >= start_day; }
};

// Every intervention costs staff time (hours), charged to whoever does it.
struct ExplicitWorkaroundsIntervention : Intervention {
  double revisit_hours = 0.25;  // the holder, per explicit workaround per revisit
};
struct FacilitatorIntervention : Intervention {
  int per_team = 1;
  double extra_contacts_per_day = 3.0;
  double hours_per_introduction = 0.25;  // the facilitator
};
struct DifficultConversationsIntervention : Intervention {
  double threshold_shift = 0.15;
  double hours_per_conversation = 0.5;  // raiser and counterpart, per issue raised
};
struct HeroAwarenessIntervention : Intervention {
  double load_threshold = 1.0;   // hours worked / hours_per_day
  double handover_hours = 0.25;  // giver and taker, per workaround handed over
};
struct FluidTeamsIntervention : Intervention {
  int rotation_interval_days = 60;
  double share = 0.1;
  int secondment_days = 40;
  int induction_days = 10;  // a secondee is inducted into the host team
};
struct DataSharingIntervention : Intervention {
  double hours_per_request = 0.1;  // raiser, per issue raised across organisations
};

// Seed 1: "Risks encouraged, 'failure' punished" turned round. While on,
// incidents no longer erode the team's climate (no blame), and each team
// holds a blame-free learning review every review_interval_days that
// every member attends.
struct JustCultureIntervention : Intervention {
  int review_interval_days = 20;  // monthly
  double review_hours = 1.0;      // per member
};
// Seed 1: "Disruptions in everyday practice require new traditions or
// rituals". While on, a team convenes a gathering every interval_days
// unless the habit holds one that day anyway, someone organising it.
struct NewRitualsIntervention : Intervention {
  int interval_days = 5;         // weekly, on the team's ritual days by default
  double hours = 0.5;            // per attendee of a convened gathering
  double organise_hours = 0.25;  // the organiser, per gathering convened
};

struct Interventions {
  ExplicitWorkaroundsIntervention explicit_workarounds;
  FacilitatorIntervention facilitators;
  DifficultConversationsIntervention difficult_conversations;
  HeroAwarenessIntervention hero_awareness;
  FluidTeamsIntervention fluid_teams;
  DataSharingIntervention data_sharing;
  Intervention aligned_incentives;  // organisational: no staff time
  JustCultureIntervention just_culture;
  NewRitualsIntervention new_rituals;

  // Every intervention, for what applies to all of them (a new one is
  // added here too).
  std::array<const Intervention*, 9> all() const {
    return {&explicit_workarounds, &facilitators, &difficult_conversations,
            &hero_awareness,       &fluid_teams,  &data_sharing,
            &aligned_incentives,   &just_culture, &new_rituals};
  }
};

struct OutputParameters {
  int team_trust_every_days = 5;
  std::vector<int> network_snapshot_days;  // empty: first and last day
  // Every run outcome is measured from this day to the end (metrics.hpp).
  int measure_from_day = 0;
};

struct Parameters {
  int days = 520;  // two years of working days, measured
  // Simulated before measurement starts, under the settings of day 0, so
  // that results do not carry the transient from the initial state.
  // Timed changes (schedule, start days, disruptions) count from the first
  // measured day.
  int warmup_days = 520;
  SystemSpec system;
  WorkParameters work;
  TimeParameters time;
  MeetingParameters meetings;
  TrustParameters trust;
  ContactParameters contacts;
  IssueParameters issues;
  WorkaroundParameters workarounds;
  StaffParameters staff;
  BarrierParameters barriers;
  ClimateParameters climate;
  RitualParameters rituals;
  Interventions interventions;
  OutputParameters outputs;
};

}  // namespace trustsim
