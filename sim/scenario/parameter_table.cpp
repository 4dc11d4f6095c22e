// The schema of a scenario as data: one table of Fields per parameter
// struct, each key written once, relative to its struct. A struct's table is
// mounted under its prefix in the table of the struct that holds it
// (Parameters::trust under "/trust", Parameters under the scenario itself),
// as lists of objects (teams, staff groups) are read through their own
// tables.
//
// To add a key:
//   1. give the member its default in model/parameters.hpp (the one place
//      defaults live);
//   2. add one line to that struct's table below, e.g. in trust_fields():
//        real<T>("/new_gain", unit, "what it is, with its unit", &T::new_gain),
//      (real, integer, boolean, text, choice, object_list, integer_list);
//   3. a new struct: write its table function beside the others and mount it
//      in parameter_fields() with mount("/prefix", new_fields(), &P::member);
//      a new intervention: intervention_fields<I>(what, {its own keys}) and a
//      mount under "/interventions/NAME".
// Order in a table is the order of docs/scenarios.md and of the resolved
// scenario in every output.
#include "scenario/parameter_table.hpp"

#include <type_traits>

namespace trustsim {

namespace {

const Range unit{0.0, 1.0};
const Range probability{0.0, 1.0};
const Range share{0.0, 1.0};
Range at_least(double low, double high) { return Range{low, high}; }
Range above(double low, double high) { return Range{low, high, true}; }
const Range interval = at_least(1, max_days);

template <class Owner>
Field<Owner> blank(std::string pointer, ValueKind kind, std::string description, Range range = {}) {
  Field<Owner> field;
  field.pointer = std::move(pointer);
  field.kind = kind;
  field.description = std::move(description);
  field.range = range;
  return field;
}

// Each builder takes the member of Owner that holds the value (a member of
// a base class too: &Intervention::enabled in an intervention's table).
template <class Owner, class Member>
Field<Owner> real(std::string pointer, Range range, std::string description, Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::real, std::move(description), range);
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    owner.*member = read_real(value, at, range);
  };
  field.write = [=](const Owner& owner) { return Json(owner.*member); };
  return field;
}

template <class Owner, class Member>
Field<Owner> integer(std::string pointer, Range range, std::string description, Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::integer, std::move(description), range);
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    owner.*member = static_cast<int>(read_integer(value, at, range));
  };
  field.write = [=](const Owner& owner) { return Json(owner.*member); };
  return field;
}

template <class Owner, class Member>
Field<Owner> boolean(std::string pointer, std::string description, Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::boolean, std::move(description));
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    owner.*member = read_boolean(value, at);
  };
  field.write = [=](const Owner& owner) { return Json(owner.*member); };
  return field;
}

template <class Owner, class Member>
Field<Owner> text(std::string pointer, bool required, std::string description, Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::text, std::move(description));
  field.required = required;
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    owner.*member = read_text(value, at, required);
  };
  field.write = [=](const Owner& owner) { return Json(owner.*member); };
  return field;
}

template <class Owner, class Member>
Field<Owner> choice(std::string pointer, const std::vector<std::string>& names,
                    std::string description, Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::choice, std::move(description));
  field.choices = names;
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    auto& target = owner.*member;
    target = static_cast<std::remove_reference_t<decltype(target)>>(read_choice(value, at, names));
  };
  field.write = [=](const Owner& owner) {
    return Json(names.at(static_cast<std::size_t>(owner.*member)));
  };
  return field;
}

template <class Owner>
Field<Owner> mandatory(Field<Owner> field) {
  field.required = true;
  return field;
}

// A JSON array of objects, each read through its own table.
template <class Owner, class Element, class Member>
Field<Owner> object_list(std::string pointer, std::size_t min_size, std::size_t max_size,
                         const std::vector<Field<Element>>& (*table)(), std::string description,
                         Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::list, std::move(description));
  field.range = Range{static_cast<double>(min_size), static_cast<double>(max_size)};
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    if (!value.is_array())
      throw InvalidValue(at, "must be a list (JSON array), got " + describe(value));
    if (value.size() < min_size || value.size() > max_size)
      throw InvalidValue(at, "must have between " + std::to_string(min_size) + " and " +
                                 std::to_string(max_size) + " entries, got " +
                                 std::to_string(value.size()));
    std::vector<Element> elements;
    elements.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
      Element element{};
      read_object(value[i], child_pointer(at, i), table(), element);
      elements.push_back(std::move(element));
    }
    owner.*member = std::move(elements);
  };
  field.write = [=](const Owner& owner) {
    Json list = Json::array();
    for (const auto& element : owner.*member) list.push_back(write_object(element, table()));
    return list;
  };
  return field;
}

template <class Owner, class Member>
Field<Owner> integer_list(std::string pointer, Range range, std::size_t max_size,
                          std::string description, Member member) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::list, std::move(description), range);
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    if (!value.is_array())
      throw InvalidValue(at, "must be a list of integers, got " + describe(value));
    if (value.size() > max_size)
      throw InvalidValue(at, "must have at most " + std::to_string(max_size) + " entries, got " +
                                 std::to_string(value.size()));
    std::vector<int> numbers;
    for (std::size_t i = 0; i < value.size(); ++i)
      numbers.push_back(static_cast<int>(read_integer(value[i], child_pointer(at, i), range)));
    owner.*member = std::move(numbers);
  };
  field.write = [=](const Owner& owner) { return Json(owner.*member); };
  return field;
}

// The fields of `table` (an Inner's keys) as fields of Outer, whose member
// `member` is that Inner, with their pointers under `prefix`: the one place
// a struct's position in the scenario is written.
template <class Outer, class Inner, class Member>
void mount(std::vector<Field<Outer>>& into, const std::string& prefix,
           const std::vector<Field<Inner>>& table, Member member) {
  for (const auto& inner : table) {
    Field<Outer> field;
    field.pointer = prefix + inner.pointer;
    field.kind = inner.kind;
    field.description = inner.description;
    field.range = inner.range;
    field.choices = inner.choices;
    field.required = inner.required;
    field.read = [read = inner.read, member](const Json& value, const std::string& at,
                                             Outer& owner) { read(value, at, owner.*member); };
    field.write = [write = inner.write, member](const Outer& owner) {
      return write(owner.*member);
    };
    into.push_back(std::move(field));
  }
}

std::vector<Field<SystemSpec>> system_fields() {
  using T = SystemSpec;
  return {
      mandatory(object_list<T, TeamSpec>("/teams", 1, max_teams, &team_fields,
                                         "the teams of one locality", &T::teams)),
      integer<T>("/localities", at_least(1, 1000), "copies of the locality (larger systems)",
                 &T::localities),
  };
}

std::vector<Field<WorkParameters>> work_fields() {
  using T = WorkParameters;
  return {
      real<T>("/on_site_share", share,
              "share of working days each person is on site (corridor and kitchen contacts)",
              &T::on_site_share),
  };
}

// Hours.
std::vector<Field<TimeParameters>> time_fields() {
  using T = TimeParameters;
  return {
      real<T>("/hours_per_day", above(0, 24), "hours a person works a day (capacity)",
              &T::hours_per_day),
      real<T>("/routine_hours", at_least(0, 24), "routine work of a post, hours a day",
              &T::routine_hours),
      real<T>("/team_meeting_hours", at_least(0, 24), "length of a team meeting (hours)",
              &T::team_meeting_hours),
      real<T>("/cross_team_meeting_hours", at_least(0, 24),
              "length of a cross-team meeting (hours)", &T::cross_team_meeting_hours),
      real<T>("/travel_hours", at_least(0, 24),
              "round trip to an in-person meeting on another site (hours)", &T::travel_hours),
      real<T>("/raise_hours", at_least(0, 24), "hours the raiser spends per issue raised",
              &T::raise_hours),
      real<T>("/resolve_hours", at_least(0, 24), "hours the counterpart spends per issue resolved",
              &T::resolve_hours),
      real<T>("/hold_workaround_hours", at_least(0, 24),
              "hours a day holding one implicit workaround", &T::hold_workaround_hours),
      real<T>("/induction_hours", at_least(0, 24),
              "hours a day a colleague spends inducting a newcomer or secondee",
              &T::induction_hours),
  };
}

// Mounted twice, under /meetings/online and /meetings/face_to_face.
std::vector<Field<ModeEffects>> mode_effects_fields() {
  using T = ModeEffects;
  return {
      real<T>("/attendance", probability, "probability an invitee attends", &T::attendance),
      real<T>("/participation", probability, "probability an attendee takes part",
              &T::participation),
      real<T>("/informal_contacts_per_attendee", at_least(0, 100),
              "informal contacts around the meeting", &T::informal_contacts_per_attendee),
  };
}

std::vector<Field<MeetingParameters>> meeting_fields() {
  using T = MeetingParameters;
  std::vector<Field<T>> t = {
      choice<T>("/regime", regime_names(), "meeting regime on day 0", &T::regime),
      real<T>("/face_to_face_fraction", share,
              "share of meetings face to face (hybrid); where people work is work.on_site_share",
              &T::face_to_face_fraction),
      object_list<T, RegimeChange>("/schedule", 0, max_days, &regime_change_fields,
                                   "later changes of regime", &T::schedule),
      integer<T>("/team_meeting_interval_days", interval, "days between team meetings",
                 &T::team_meeting_interval_days),
      integer<T>("/cross_team_meeting_interval_days", interval, "days between cross-team meetings",
                 &T::cross_team_meeting_interval_days),
      integer<T>("/cross_team_representatives", at_least(0, 1000),
                 "staff per team sent to cross-team meetings", &T::cross_team_representatives),
      real<T>("/participation_raise_shift", unit,
              "lowering of the raise threshold on a day one takes part in a meeting",
              &T::participation_raise_shift),
  };
  mount(t, "/online", mode_effects_fields(), &T::online);
  mount(t, "/face_to_face", mode_effects_fields(), &T::face_to_face);
  return t;
}

std::vector<Field<TrustParameters>> trust_fields() {
  using T = TrustParameters;
  return {
      real<T>("/stranger_baseline", unit, "trust between strangers", &T::stranger_baseline),
      real<T>("/same_profession_bonus", unit, "added to the baseline within a profession",
              &T::same_profession_bonus),
      real<T>("/same_organisation_bonus", unit, "added to the baseline within an organisation",
              &T::same_organisation_bonus),
      real<T>("/initial_within_team", unit, "trust between team members on day 0",
              &T::initial_within_team),
      real<T>("/informal_gain", unit, "fraction of the gap to 1 closed per informal contact",
              &T::informal_gain),
      real<T>("/meeting_gain", unit, "gain per formal meeting participation", &T::meeting_gain),
      real<T>("/half_life_days", above(0, 1e6), "half-life of decay toward baseline (days)",
              &T::half_life_days),
      real<T>("/resolved_gain", unit, "gain when a raised issue is resolved", &T::resolved_gain),
      real<T>("/unresolved_loss", unit, "loss when a raised issue is not resolved",
              &T::unresolved_loss),
      real<T>("/prune_below", at_least(0, max_prune_below),
              "ties this close to baseline are dropped (numerical: within this range it changes "
              "no outcome beyond replicate noise)",
              &T::prune_below),
  };
}

std::vector<Field<ContactParameters>> contact_fields() {
  using T = ContactParameters;
  return {
      real<T>("/per_on_site_day", at_least(0, 100),
              "corridor and kitchen contacts on a day on site (the partner must be on site)",
              &T::per_on_site_day),
      real<T>("/remote_per_day", at_least(0, 100), "phone and chat contacts every working day",
              &T::remote_per_day),
      real<T>("/own_team_share", share, "share of contacts within the own team",
              &T::own_team_share),
      real<T>("/tie_preference", share, "share of partners drawn from existing ties",
              &T::tie_preference),
      real<T>("/tie_floor", unit,
              "excess over baseline that makes a tie one seeks out in partner choice",
              &T::tie_floor),
      real<T>("/cross_organisation_factor", unit, "contact rate across organisations",
              &T::cross_organisation_factor),
      real<T>("/cross_site_factor", unit, "contact rate across sites", &T::cross_site_factor),
  };
}

std::vector<Field<IssueParameters>> issue_fields() {
  using T = IssueParameters;
  return {
      real<T>("/per_person_per_day", at_least(0, 100), "cross-boundary issues a day",
              &T::per_person_per_day),
      real<T>("/other_team_share", share, "share of issues needing another team",
              &T::other_team_share),
      real<T>("/raise_threshold", unit, "trust at which raising is a coin toss",
              &T::raise_threshold),
      real<T>("/raise_steepness", at_least(0, 1000), "steepness of the raise curve",
              &T::raise_steepness),
      real<T>("/resolve_probability", probability, "a raised issue is resolved",
              &T::resolve_probability),
      real<T>("/workaround_probability", probability,
              "an unraised or failed issue becomes a workaround", &T::workaround_probability),
      real<T>("/unresolved_mean_days", above(0, 1e6), "mean days an unresolved issue stays open",
              &T::unresolved_mean_days),
      real<T>("/incident_hazard_per_day", probability,
              "daily chance an open unresolved issue causes a patient-safety incident",
              &T::incident_hazard_per_day),
  };
}

std::vector<Field<WorkaroundParameters>> workaround_fields() {
  using T = WorkaroundParameters;
  return {
      real<T>("/mean_lifetime_days", above(0, 1e6), "until the need goes away",
              &T::mean_lifetime_days),
      real<T>("/daily_failure", probability, "daily failure of an implicit workaround",
              &T::daily_failure),
      real<T>("/overload_failure", probability, "extra failure per unit of overload",
              &T::overload_failure),
      real<T>("/explicit_load_share", share,
              "hold time of an explicit workaround, relative to an implicit one",
              &T::explicit_load_share),
      integer<T>("/revisit_interval_days", interval,
                 "days between revisits of explicit workarounds", &T::revisit_interval_days),
  };
}

std::vector<Field<StaffParameters>> staff_fields() {
  using T = StaffParameters;
  return {
      real<T>("/conscientiousness_alpha", above(0, 1000), "Beta(alpha, beta) of conscientiousness",
              &T::conscientiousness_alpha),
      real<T>("/conscientiousness_beta", above(0, 1000), "Beta(alpha, beta) of conscientiousness",
              &T::conscientiousness_beta),
      real<T>("/hero_absorb_probability", probability,
              "a colleague of conscientiousness 1 with room takes on an unheld issue",
              &T::hero_absorb_probability),
      real<T>("/absorb_load_limit", above(1, 100),
              "load (hours / hours_per_day) at which nobody takes on more", &T::absorb_load_limit),
      real<T>("/burnout_gain", at_least(0, 100), "burnout per unit of overload per day",
              &T::burnout_gain),
      real<T>("/burnout_recovery", at_least(0, 1), "burnout recovered per day under capacity",
              &T::burnout_recovery),
      real<T>("/base_leave_per_day", probability, "daily chance of leaving",
              &T::base_leave_per_day),
      real<T>("/burnout_leave_per_day", probability, "daily chance of leaving at burnout 1",
              &T::burnout_leave_per_day),
      integer<T>("/vacancy_days", at_least(0, max_days), "days before a vacancy is filled",
                 &T::vacancy_days),
      integer<T>("/induction_days", at_least(0, max_days), "days a newcomer is inducted",
                 &T::induction_days),
      real<T>("/newcomer_productivity", unit,
              "share of a post's routine work a newcomer gets through while inducted",
              &T::newcomer_productivity),
  };
}

std::vector<Field<ClimateParameters>> climate_fields() {
  using T = ClimateParameters;
  return {
      real<T>("/initial", unit, "each team's psychological safety on day 0", &T::initial),
      real<T>("/resolved_gain", unit,
              "fraction of the gap to 1 a raised issue that is resolved adds to the raiser's team",
              &T::resolved_gain),
      real<T>("/rebuff_loss", unit,
              "fraction of the climate lost per issue raised but not resolved", &T::rebuff_loss),
      real<T>("/blame_loss", unit, "fraction of the climate lost per incident in the team (blame)",
              &T::blame_loss),
      real<T>("/raise_shift", at_least(0, 2),
              "lowering of the raise threshold per unit of climate above one half",
              &T::raise_shift),
  };
}

std::vector<Field<RitualParameters>> ritual_fields() {
  using T = RitualParameters;
  return {
      integer<T>("/interval_days", interval, "days between a team's ritual days",
                 &T::interval_days),
      real<T>("/initial_strength", unit, "strength of each team's ritual habit on day 0",
              &T::initial_strength),
      real<T>("/hours", at_least(0, 24), "hours a gathering takes each attendee", &T::hours),
      real<T>("/contacts_per_attendee", at_least(0, 100),
              "informal contacts each attendee makes at a gathering", &T::contacts_per_attendee),
      real<T>("/climate_gain", unit,
              "fraction of the gap to 1 a gathering adds to the team's climate", &T::climate_gain),
      real<T>("/reinforcement", unit, "fraction of the gap to 1 a gathering adds to the habit",
              &T::reinforcement),
      real<T>("/spontaneous_restart", unit,
              "fraction of the gap to 1 the habit regains on a ritual day without a gathering",
              &T::spontaneous_restart),
      real<T>("/disruption_loss", unit, "share of the habit a disruption breaks",
              &T::disruption_loss),
      integer_list<T>("/disruption_days", at_least(0, max_days - 1), 1000,
                      "days a relocation or restructure disrupts every team's rituals (a move "
                      "of meetings online in meetings.schedule does too)",
                      &T::disruption_days),
  };
}

std::vector<Field<BarrierParameters>> barrier_fields() {
  using T = BarrierParameters;
  return {
      real<T>("/culture_distance", unit, "scales trust gain across organisations",
              &T::culture_distance),
      real<T>("/information_sharing", unit, "drop in resolution across organisations",
              &T::information_sharing),
      real<T>("/incentive_misalignment", unit, "financial-incentive misalignment",
              &T::incentive_misalignment),
  };
}

// Every intervention has a switch and a start day, then keys of its own.
template <class I>
std::vector<Field<I>> intervention_fields(const std::string& what, std::vector<Field<I>> own) {
  std::vector<Field<I>> t = {
      boolean<I>("/enabled", "switch on: " + what, &Intervention::enabled),
      integer<I>("/start_day", at_least(0, max_days - 1), "first day it applies",
                 &Intervention::start_day),
  };
  t.insert(t.end(), own.begin(), own.end());
  return t;
}

std::vector<Field<Interventions>> intervention_fields() {
  using T = Interventions;
  using EW = ExplicitWorkaroundsIntervention;
  using FA = FacilitatorIntervention;
  using DC = DifficultConversationsIntervention;
  using HA = HeroAwarenessIntervention;
  using FT = FluidTeamsIntervention;
  using DS = DataSharingIntervention;
  using JC = JustCultureIntervention;
  using NR = NewRitualsIntervention;
  std::vector<Field<T>> t;
  mount(t, "/explicit_workarounds",
        intervention_fields<EW>(
            "workarounds documented and revisited",
            {real<EW>("/revisit_hours", at_least(0, 24),
                      "hours the holder spends per explicit workaround per revisit",
                      &EW::revisit_hours)}),
        &T::explicit_workarounds);
  mount(
      t, "/facilitators",
      intervention_fields<FA>(
          "informal facilitators between teams",
          {integer<FA>("/per_team", at_least(1, 1000), "facilitators in each team", &FA::per_team),
           real<FA>("/extra_contacts_per_day", at_least(0, 100),
                    "extra cross-team contacts a facilitator makes", &FA::extra_contacts_per_day),
           real<FA>("/hours_per_introduction", at_least(0, 24),
                    "hours a facilitator spends per introduction", &FA::hours_per_introduction)}),
      &T::facilitators);
  mount(
      t, "/difficult_conversations",
      intervention_fields<DC>("do not avoid difficult conversations",
                              {real<DC>("/threshold_shift", unit, "lowering of the raise threshold",
                                        &DC::threshold_shift),
                               real<DC>("/hours_per_conversation", at_least(0, 24),
                                        "hours raiser and counterpart each spend per issue raised",
                                        &DC::hours_per_conversation)}),
      &T::difficult_conversations);
  mount(t, "/hero_awareness",
        intervention_fields<HA>(
            "awareness of lone heroes",
            {real<HA>("/load_threshold", above(0, 100),
                      "load (relative to capacity) above which work is redistributed",
                      &HA::load_threshold),
             real<HA>("/handover_hours", at_least(0, 24),
                      "hours giver and taker each spend per workaround handed over",
                      &HA::handover_hours)}),
        &T::hero_awareness);
  mount(t, "/fluid_teams",
        intervention_fields<FT>(
            "rotation between teams",
            {integer<FT>("/rotation_interval_days", interval, "days between rotations",
                         &FT::rotation_interval_days),
             real<FT>("/share", share, "share of staff rotated", &FT::share),
             integer<FT>("/secondment_days", interval, "length of a secondment",
                         &FT::secondment_days),
             integer<FT>("/induction_days", at_least(0, max_days),
                         "days a secondee is inducted into the host team", &FT::induction_days)}),
        &T::fluid_teams);
  mount(t, "/data_sharing",
        intervention_fields<DS>(
            "a data-sharing agreement",
            {real<DS>("/hours_per_request", at_least(0, 24),
                      "hours the raiser spends per issue raised across organisations",
                      &DS::hours_per_request)}),
        &T::data_sharing);
  mount(t, "/aligned_incentives",
        intervention_fields<Intervention>("aligned financial incentives", {}),
        &T::aligned_incentives);
  mount(t, "/just_culture",
        intervention_fields<JC>(
            "a just culture: no blame after incidents, regular learning reviews",
            {integer<JC>("/review_interval_days", interval,
                         "days between a team's blame-free learning reviews",
                         &JC::review_interval_days),
             real<JC>("/review_hours", at_least(0, 24), "hours a learning review takes each member",
                      &JC::review_hours)}),
        &T::just_culture);
  mount(t, "/new_rituals",
        intervention_fields<NR>(
            "new rituals: teams convene gatherings the habit no longer holds",
            {integer<NR>("/interval_days", interval, "days between the gatherings a team convenes",
                         &NR::interval_days),
             real<NR>("/hours", at_least(0, 24), "hours a convened gathering takes each attendee",
                      &NR::hours),
             real<NR>("/organise_hours", at_least(0, 24),
                      "hours someone spends organising each gathering convened",
                      &NR::organise_hours)}),
        &T::new_rituals);
  return t;
}

std::vector<Field<OutputParameters>> output_fields() {
  using T = OutputParameters;
  return {
      integer<T>("/team_trust_every_days", interval, "days between samples of team-by-team trust",
                 &T::team_trust_every_days),
      integer_list<T>("/network_snapshot_days", at_least(0, max_days - 1), 1000,
                      "days of trust-network snapshots (empty: first and last)",
                      &T::network_snapshot_days),
      integer<T>("/measure_from_day", at_least(0, max_days - 1),
                 "first day of the window every run outcome is measured over",
                 &T::measure_from_day),
  };
}

// Every model parameter, each struct's table under its prefix.
std::vector<Field<Parameters>> parameter_fields() {
  using P = Parameters;
  std::vector<Field<P>> t = {
      integer<P>("/days", at_least(1, max_days), "working days simulated and measured", &P::days),
      integer<P>("/warmup_days", at_least(0, max_days),
                 "working days simulated before measurement starts, under the settings of day 0",
                 &P::warmup_days),
  };
  mount(t, "/system", system_fields(), &P::system);
  mount(t, "/work", work_fields(), &P::work);
  mount(t, "/time", time_fields(), &P::time);
  mount(t, "/meetings", meeting_fields(), &P::meetings);
  mount(t, "/trust", trust_fields(), &P::trust);
  mount(t, "/contacts", contact_fields(), &P::contacts);
  mount(t, "/issues", issue_fields(), &P::issues);
  mount(t, "/workarounds", workaround_fields(), &P::workarounds);
  mount(t, "/staff", staff_fields(), &P::staff);
  mount(t, "/climate", climate_fields(), &P::climate);
  mount(t, "/rituals", ritual_fields(), &P::rituals);
  mount(t, "/barriers", barrier_fields(), &P::barriers);
  mount(t, "/interventions", intervention_fields(), &P::interventions);
  mount(t, "/outputs", output_fields(), &P::outputs);
  return t;
}

// How to run (name, seed, replicates), then the model's parameters at the top level.
std::vector<Field<ScenarioSettings>> build_scenario_fields() {
  using S = ScenarioSettings;
  auto seed = blank<S>("/seed", ValueKind::unsigned64, "base seed; each run derives its own");
  seed.read = [](const Json& value, const std::string& at, S& s) {
    s.seed = read_unsigned64(value, at);
  };
  seed.write = [](const S& s) { return Json(s.seed); };
  std::vector<Field<S>> t = {
      text<S>("/name", false, "short name of the scenario", &S::name),
      text<S>("/description", false, "what the scenario is and where its numbers come from",
              &S::description),
      text<S>("/calibrated_to", false,
              "which parameters were fitted to what data (reports show it; empty: none, every "
              "rate an assumption)",
              &S::calibrated_to),
      seed,
      integer<S>("/replicates", at_least(1, max_replicates), "runs with different seeds",
                 &S::replicates),
  };
  mount(t, "", parameter_fields(), &S::parameters);
  return t;
}

}  // namespace

const std::vector<std::string>& organisation_names() {
  static const std::vector<std::string> names = {"acute_hospital", "community_provider",
                                                 "primary_care", "social_care", "mental_health"};
  return names;
}

const std::vector<std::string>& regime_names() {
  static const std::vector<std::string> names = {"online", "face_to_face", "hybrid"};
  return names;
}

const std::vector<RetiredKey>& retired_keys() {
  static const std::vector<RetiredKey> keys = {
      {"/contacts/per_day_in_person",
       "contacts no longer follow the meeting regime: use /contacts/per_on_site_day (corridor "
       "and kitchen contacts on a day on site) with /work/on_site_share"},
      {"/contacts/per_day_remote",
       "contacts no longer follow the meeting regime: use /contacts/remote_per_day (phone and "
       "chat contacts every working day)"},
      {"/staff/capacity", "capacity is now in hours: use /time/hours_per_day"},
      {"/staff/base_load", "routine work is now in hours: use /time/routine_hours"},
      {"/workarounds/load",
       "holding a workaround is now in hours: use /time/hold_workaround_hours"},
      {"/staff/hero_threshold",
       "lone heroes are now whoever takes on colleagues' work (/staff/hero_absorb_probability, "
       "/staff/absorb_load_limit); the hero count follows the same rule"},
  };
  return keys;
}

const std::vector<Field<ScenarioSettings>>& scenario_fields() {
  static const auto table = build_scenario_fields();
  return table;
}

const std::vector<Field<TeamSpec>>& team_fields() {
  static const std::vector<Field<TeamSpec>> table = {
      text<TeamSpec>("/name", true, "unique name of the team", &TeamSpec::name),
      text<TeamSpec>("/site", true, "where the team is based", &TeamSpec::site),
      mandatory(object_list<TeamSpec, StaffGroupSpec>("/staff", 1, 1000, &staff_group_fields,
                                                      "groups of staff", &TeamSpec::staff)),
      real<TeamSpec>("/on_site_share", Range{-1.0, 1.0},
                     "this team's share of working days on site (-1: work.on_site_share)",
                     &TeamSpec::on_site_share),
  };
  return table;
}

const std::vector<Field<StaffGroupSpec>>& staff_group_fields() {
  using G = StaffGroupSpec;
  static const std::vector<Field<G>> table = {
      text<G>("/profession", true, "e.g. nurse, GP, pharmacist", &G::profession),
      mandatory(choice<G>("/organisation", organisation_names(), "employing organisation",
                          &G::organisation)),
      mandatory(integer<G>("/count", at_least(1, max_staff_per_group), "number of such staff",
                           &G::count)),
      text<G>("/site", false, "where they work, if not the team's site", &G::site),
  };
  return table;
}

const std::vector<Field<RegimeChange>>& regime_change_fields() {
  using R = RegimeChange;
  static const std::vector<Field<R>> table = {
      mandatory(integer<R>("/day", at_least(0, max_days - 1), "day the regime changes", &R::day)),
      mandatory(choice<R>("/regime", regime_names(), "the new regime", &R::regime)),
      real<R>("/face_to_face_fraction", share, "share face to face (required for hybrid)",
              &R::face_to_face_fraction),
  };
  return table;
}

}  // namespace trustsim
