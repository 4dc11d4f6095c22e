#include "scenario/parameter_table.hpp"

#include <type_traits>

namespace trustsim {

const char* kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::real:
      return "number";
    case ValueKind::integer:
      return "integer";
    case ValueKind::boolean:
      return "boolean";
    case ValueKind::text:
      return "string";
    case ValueKind::choice:
      return "choice";
    case ValueKind::unsigned64:
      return "unsigned 64-bit integer";
    case ValueKind::list:
      return "list";
  }
  return "value";
}

namespace {

const Range unit{0.0, 1.0};
const Range probability{0.0, 1.0};
const Range share{0.0, 1.0};
Range at_least(double low, double high) { return Range{low, high}; }
Range above(double low, double high) { return Range{low, high, true}; }

template <class Owner>
Field<Owner> blank(std::string pointer, ValueKind kind, std::string description, Range range = {}) {
  Field<Owner> field;
  field.pointer = std::move(pointer);
  field.kind = kind;
  field.description = std::move(description);
  field.range = range;
  return field;
}

// Follows a chain of member pointers: member(s, &A::b, &B::c) is s.b.c.
template <class T, class M, class... Ms>
decltype(auto) member(T& object, M first, Ms... rest) {
  if constexpr (sizeof...(rest) == 0) {
    return (object.*first);
  } else {
    return member(object.*first, rest...);
  }
}

template <class Owner, class... Path>
Field<Owner> real(std::string pointer, Range range, std::string description, Path... path) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::real, std::move(description), range);
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    member(owner, path...) = read_real(value, at, range);
  };
  field.write = [=](const Owner& owner) { return Json(member(owner, path...)); };
  return field;
}

template <class Owner, class... Path>
Field<Owner> integer(std::string pointer, Range range, std::string description, Path... path) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::integer, std::move(description), range);
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    member(owner, path...) = static_cast<int>(read_integer(value, at, range));
  };
  field.write = [=](const Owner& owner) { return Json(member(owner, path...)); };
  return field;
}

template <class Owner, class... Path>
Field<Owner> boolean(std::string pointer, std::string description, Path... path) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::boolean, std::move(description));
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    member(owner, path...) = read_boolean(value, at);
  };
  field.write = [=](const Owner& owner) { return Json(member(owner, path...)); };
  return field;
}

template <class Owner, class... Path>
Field<Owner> text(std::string pointer, bool required, std::string description, Path... path) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::text, std::move(description));
  field.required = required;
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    member(owner, path...) = read_text(value, at, required);
  };
  field.write = [=](const Owner& owner) { return Json(member(owner, path...)); };
  return field;
}

template <class Owner, class... Path>
Field<Owner> choice(std::string pointer, const std::vector<std::string>& names,
                    std::string description, Path... path) {
  auto field = blank<Owner>(std::move(pointer), ValueKind::choice, std::move(description));
  field.choices = names;
  field.read = [=](const Json& value, const std::string& at, Owner& owner) {
    auto& target = member(owner, path...);
    target = static_cast<std::remove_reference_t<decltype(target)>>(read_choice(value, at, names));
  };
  field.write = [=](const Owner& owner) {
    return Json(names.at(static_cast<std::size_t>(member(owner, path...))));
  };
  return field;
}

template <class Owner>
Field<Owner> mandatory(Field<Owner> field) {
  field.required = true;
  return field;
}

// A JSON array of objects, each read through its own table.
template <class Owner, class Element, class... Path>
Field<Owner> object_list(std::string pointer, std::size_t min_size, std::size_t max_size,
                         const std::vector<Field<Element>>& (*table)(), std::string description,
                         Path... path) {
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
    member(owner, path...) = std::move(elements);
  };
  field.write = [=](const Owner& owner) {
    Json list = Json::array();
    for (const auto& element : member(owner, path...))
      list.push_back(write_object(element, table()));
    return list;
  };
  return field;
}

// A JSON array of integers in a range.
template <class Owner, class... Path>
Field<Owner> integer_list(std::string pointer, Range range, std::size_t max_size,
                          std::string description, Path... path) {
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
    member(owner, path...) = std::move(numbers);
  };
  field.write = [=](const Owner& owner) { return Json(member(owner, path...)); };
  return field;
}

using S = ScenarioSettings;
using P = Parameters;

// Shorthands for the scenario table: every parameter lives in S::parameters.
template <class... Path>
Field<S> real_p(std::string pointer, Range range, std::string description, Path... path) {
  return real<S>(std::move(pointer), range, std::move(description), &S::parameters, path...);
}
template <class... Path>
Field<S> integer_p(std::string pointer, Range range, std::string description, Path... path) {
  return integer<S>(std::move(pointer), range, std::move(description), &S::parameters, path...);
}

// Every intervention has a switch and a start day.
template <class I>
std::vector<Field<S>> switch_fields(const std::string& name, I Interventions::*intervention,
                                    const std::string& what) {
  const std::string base = "/interventions/" + name;
  return {
      boolean<S>(base + "/enabled", "switch on: " + what, &S::parameters, &P::interventions,
                 intervention, &Intervention::enabled),
      integer<S>(base + "/start_day", at_least(0, max_days - 1), "first day it applies",
                 &S::parameters, &P::interventions, intervention, &Intervention::start_day),
  };
}

std::vector<Field<S>> build_scenario_fields() {
  const Range days_range = at_least(1, max_days);
  const Range interval = at_least(1, max_days);
  std::vector<Field<S>> t = {
      text<S>("/name", false, "short name of the scenario", &S::name),
      text<S>("/description", false, "what the scenario is and where its numbers come from",
              &S::description),
      [] {
        auto field =
            blank<S>("/seed", ValueKind::unsigned64, "base seed; each run derives its own");
        field.read = [](const Json& value, const std::string& at, S& s) {
          s.seed = read_unsigned64(value, at);
        };
        field.write = [](const S& s) { return Json(s.seed); };
        return field;
      }(),
      integer<S>("/replicates", at_least(1, max_replicates), "runs with different seeds",
                 &S::replicates),
      integer_p("/days", days_range, "working days simulated and measured", &P::days),
      integer_p("/warmup_days", at_least(0, max_days),
                "working days simulated before measurement starts, under the settings of day 0",
                &P::warmup_days),

      // system
      mandatory(object_list<S, TeamSpec>("/system/teams", 1, max_teams, &team_fields,
                                         "the teams of one locality", &S::parameters, &P::system,
                                         &SystemSpec::teams)),
      integer_p("/system/localities", at_least(1, 1000), "copies of the locality (larger systems)",
                &P::system, &SystemSpec::localities),

      // working pattern
      real_p("/work/on_site_share", share,
             "share of working days each person is on site (corridor and kitchen contacts)",
             &P::work, &WorkParameters::on_site_share),

      // time budget (hours)
      real_p("/time/hours_per_day", above(0, 24), "hours a person works a day (capacity)", &P::time,
             &TimeParameters::hours_per_day),
      real_p("/time/routine_hours", at_least(0, 24), "routine work of a post, hours a day",
             &P::time, &TimeParameters::routine_hours),
      real_p("/time/team_meeting_hours", at_least(0, 24), "length of a team meeting (hours)",
             &P::time, &TimeParameters::team_meeting_hours),
      real_p("/time/cross_team_meeting_hours", at_least(0, 24),
             "length of a cross-team meeting (hours)", &P::time,
             &TimeParameters::cross_team_meeting_hours),
      real_p("/time/travel_hours", at_least(0, 24),
             "round trip to an in-person meeting on another site (hours)", &P::time,
             &TimeParameters::travel_hours),
      real_p("/time/raise_hours", at_least(0, 24), "hours the raiser spends per issue raised",
             &P::time, &TimeParameters::raise_hours),
      real_p("/time/resolve_hours", at_least(0, 24),
             "hours the counterpart spends per issue resolved", &P::time,
             &TimeParameters::resolve_hours),
      real_p("/time/hold_workaround_hours", at_least(0, 24),
             "hours a day holding one implicit workaround", &P::time,
             &TimeParameters::hold_workaround_hours),
      real_p("/time/induction_hours", at_least(0, 24),
             "hours a day a colleague spends inducting a newcomer or secondee", &P::time,
             &TimeParameters::induction_hours),

      // meetings
      choice<S>("/meetings/regime", regime_names(), "meeting regime on day 0", &S::parameters,
                &P::meetings, &MeetingParameters::regime),
      real_p("/meetings/face_to_face_fraction", share,
             "share of meetings face to face (hybrid); where people work is work.on_site_share",
             &P::meetings, &MeetingParameters::face_to_face_fraction),
      object_list<S, RegimeChange>("/meetings/schedule", 0, max_days, &regime_change_fields,
                                   "later changes of regime", &S::parameters, &P::meetings,
                                   &MeetingParameters::schedule),
      integer_p("/meetings/team_meeting_interval_days", interval, "days between team meetings",
                &P::meetings, &MeetingParameters::team_meeting_interval_days),
      integer_p("/meetings/cross_team_meeting_interval_days", interval,
                "days between cross-team meetings", &P::meetings,
                &MeetingParameters::cross_team_meeting_interval_days),
      integer_p("/meetings/cross_team_representatives", at_least(0, 1000),
                "staff per team sent to cross-team meetings", &P::meetings,
                &MeetingParameters::cross_team_representatives),
      real_p("/meetings/participation_raise_shift", unit,
             "lowering of the raise threshold on a day one takes part in a meeting", &P::meetings,
             &MeetingParameters::participation_raise_shift),
  };
  for (auto [mode, member_of] : {std::pair{"online", &MeetingParameters::online},
                                 std::pair{"face_to_face", &MeetingParameters::face_to_face}}) {
    const std::string base = std::string("/meetings/") + mode;
    t.push_back(real_p(base + "/attendance", probability, "probability an invitee attends",
                       &P::meetings, member_of, &ModeEffects::attendance));
    t.push_back(real_p(base + "/participation", probability, "probability an attendee takes part",
                       &P::meetings, member_of, &ModeEffects::participation));
    t.push_back(real_p(base + "/informal_contacts_per_attendee", at_least(0, 100),
                       "informal contacts around the meeting", &P::meetings, member_of,
                       &ModeEffects::informal_contacts_per_attendee));
  }

  using TP = TrustParameters;
  using CP = ContactParameters;
  using IP = IssueParameters;
  using WP = WorkaroundParameters;
  using SP = StaffParameters;
  using BP = BarrierParameters;
  using ClP = ClimateParameters;
  using RP = RitualParameters;
  const std::vector<Field<S>> rest = {
      real_p("/trust/stranger_baseline", unit, "trust between strangers", &P::trust,
             &TP::stranger_baseline),
      real_p("/trust/same_profession_bonus", unit, "added to the baseline within a profession",
             &P::trust, &TP::same_profession_bonus),
      real_p("/trust/same_organisation_bonus", unit, "added to the baseline within an organisation",
             &P::trust, &TP::same_organisation_bonus),
      real_p("/trust/initial_within_team", unit, "trust between team members on day 0", &P::trust,
             &TP::initial_within_team),
      real_p("/trust/informal_gain", unit, "fraction of the gap to 1 closed per informal contact",
             &P::trust, &TP::informal_gain),
      real_p("/trust/meeting_gain", unit, "gain per formal meeting participation", &P::trust,
             &TP::meeting_gain),
      real_p("/trust/half_life_days", above(0, 1e6), "half-life of decay toward baseline (days)",
             &P::trust, &TP::half_life_days),
      real_p("/trust/resolved_gain", unit, "gain when a raised issue is resolved", &P::trust,
             &TP::resolved_gain),
      real_p("/trust/unresolved_loss", unit, "loss when a raised issue is not resolved", &P::trust,
             &TP::unresolved_loss),
      real_p("/trust/prune_below", at_least(0, max_prune_below),
             "ties this close to baseline are dropped (numerical: within this range it changes "
             "no outcome beyond replicate noise)",
             &P::trust, &TP::prune_below),

      real_p("/contacts/per_on_site_day", at_least(0, 100),
             "corridor and kitchen contacts on a day on site (the partner must be on site)",
             &P::contacts, &CP::per_on_site_day),
      real_p("/contacts/remote_per_day", at_least(0, 100),
             "phone and chat contacts every working day", &P::contacts, &CP::remote_per_day),
      real_p("/contacts/own_team_share", share, "share of contacts within the own team",
             &P::contacts, &CP::own_team_share),
      real_p("/contacts/tie_preference", share, "share of partners drawn from existing ties",
             &P::contacts, &CP::tie_preference),
      real_p("/contacts/tie_floor", unit,
             "excess over baseline that makes a tie one seeks out in partner choice", &P::contacts,
             &CP::tie_floor),
      real_p("/contacts/cross_organisation_factor", unit, "contact rate across organisations",
             &P::contacts, &CP::cross_organisation_factor),
      real_p("/contacts/cross_site_factor", unit, "contact rate across sites", &P::contacts,
             &CP::cross_site_factor),

      real_p("/issues/per_person_per_day", at_least(0, 100), "cross-boundary issues a day",
             &P::issues, &IP::per_person_per_day),
      real_p("/issues/other_team_share", share, "share of issues needing another team", &P::issues,
             &IP::other_team_share),
      real_p("/issues/raise_threshold", unit, "trust at which raising is a coin toss", &P::issues,
             &IP::raise_threshold),
      real_p("/issues/raise_steepness", at_least(0, 1000), "steepness of the raise curve",
             &P::issues, &IP::raise_steepness),
      real_p("/issues/resolve_probability", probability, "a raised issue is resolved", &P::issues,
             &IP::resolve_probability),
      real_p("/issues/workaround_probability", probability,
             "an unraised or failed issue becomes a workaround", &P::issues,
             &IP::workaround_probability),
      real_p("/issues/unresolved_mean_days", above(0, 1e6),
             "mean days an unresolved issue stays open", &P::issues, &IP::unresolved_mean_days),
      real_p("/issues/incident_hazard_per_day", probability,
             "daily chance an open unresolved issue causes a patient-safety incident", &P::issues,
             &IP::incident_hazard_per_day),

      real_p("/workarounds/mean_lifetime_days", above(0, 1e6), "until the need goes away",
             &P::workarounds, &WP::mean_lifetime_days),
      real_p("/workarounds/daily_failure", probability, "daily failure of an implicit workaround",
             &P::workarounds, &WP::daily_failure),
      real_p("/workarounds/overload_failure", probability, "extra failure per unit of overload",
             &P::workarounds, &WP::overload_failure),
      real_p("/workarounds/explicit_load_share", share,
             "hold time of an explicit workaround, relative to an implicit one", &P::workarounds,
             &WP::explicit_load_share),
      integer_p("/workarounds/revisit_interval_days", interval,
                "days between revisits of explicit workarounds", &P::workarounds,
                &WP::revisit_interval_days),

      real_p("/staff/conscientiousness_alpha", above(0, 1000),
             "Beta(alpha, beta) of conscientiousness", &P::staff, &SP::conscientiousness_alpha),
      real_p("/staff/conscientiousness_beta", above(0, 1000),
             "Beta(alpha, beta) of conscientiousness", &P::staff, &SP::conscientiousness_beta),
      real_p("/staff/hero_absorb_probability", probability,
             "a colleague of conscientiousness 1 with room takes on an unheld issue", &P::staff,
             &SP::hero_absorb_probability),
      real_p("/staff/absorb_load_limit", above(1, 100),
             "load (hours / hours_per_day) at which nobody takes on more", &P::staff,
             &SP::absorb_load_limit),
      real_p("/staff/burnout_gain", at_least(0, 100), "burnout per unit of overload per day",
             &P::staff, &SP::burnout_gain),
      real_p("/staff/burnout_recovery", at_least(0, 1), "burnout recovered per day under capacity",
             &P::staff, &SP::burnout_recovery),
      real_p("/staff/base_leave_per_day", probability, "daily chance of leaving", &P::staff,
             &SP::base_leave_per_day),
      real_p("/staff/burnout_leave_per_day", probability, "daily chance of leaving at burnout 1",
             &P::staff, &SP::burnout_leave_per_day),
      integer_p("/staff/vacancy_days", at_least(0, max_days), "days before a vacancy is filled",
                &P::staff, &SP::vacancy_days),
      integer_p("/staff/induction_days", at_least(0, max_days), "days a newcomer is inducted",
                &P::staff, &SP::induction_days),
      real_p("/staff/newcomer_productivity", unit,
             "share of a post's routine work a newcomer gets through while inducted", &P::staff,
             &SP::newcomer_productivity),

      real_p("/climate/initial", unit, "each team's psychological safety on day 0", &P::climate,
             &ClP::initial),
      real_p("/climate/resolved_gain", unit,
             "fraction of the gap to 1 a raised issue that is resolved adds to the raiser's team",
             &P::climate, &ClP::resolved_gain),
      real_p("/climate/rebuff_loss", unit,
             "fraction of the climate lost per issue raised but not resolved", &P::climate,
             &ClP::rebuff_loss),
      real_p("/climate/blame_loss", unit,
             "fraction of the climate lost per incident in the team (blame)", &P::climate,
             &ClP::blame_loss),
      real_p("/climate/raise_shift", at_least(0, 2),
             "lowering of the raise threshold per unit of climate above one half", &P::climate,
             &ClP::raise_shift),

      integer_p("/rituals/interval_days", interval, "days between a team's ritual days",
                &P::rituals, &RP::interval_days),
      real_p("/rituals/initial_strength", unit, "strength of each team's ritual habit on day 0",
             &P::rituals, &RP::initial_strength),
      real_p("/rituals/hours", at_least(0, 24), "hours a gathering takes each attendee",
             &P::rituals, &RP::hours),
      real_p("/rituals/contacts_per_attendee", at_least(0, 100),
             "informal contacts each attendee makes at a gathering", &P::rituals,
             &RP::contacts_per_attendee),
      real_p("/rituals/climate_gain", unit,
             "fraction of the gap to 1 a gathering adds to the team's climate", &P::rituals,
             &RP::climate_gain),
      real_p("/rituals/reinforcement", unit,
             "fraction of the gap to 1 a gathering adds to the habit", &P::rituals,
             &RP::reinforcement),
      real_p("/rituals/spontaneous_restart", unit,
             "fraction of the gap to 1 the habit regains on a ritual day without a gathering",
             &P::rituals, &RP::spontaneous_restart),
      real_p("/rituals/disruption_loss", unit, "share of the habit a disruption breaks",
             &P::rituals, &RP::disruption_loss),
      integer_list<S>("/rituals/disruption_days", at_least(0, max_days - 1), 1000,
                      "days a relocation or restructure disrupts every team's rituals (a move "
                      "of meetings online in meetings.schedule does too)",
                      &S::parameters, &P::rituals, &RP::disruption_days),

      real_p("/barriers/culture_distance", unit, "scales trust gain across organisations",
             &P::barriers, &BP::culture_distance),
      real_p("/barriers/information_sharing", unit, "drop in resolution across organisations",
             &P::barriers, &BP::information_sharing),
      real_p("/barriers/incentive_misalignment", unit, "financial-incentive misalignment",
             &P::barriers, &BP::incentive_misalignment),
  };
  t.insert(t.end(), rest.begin(), rest.end());

  auto add = [&t](std::vector<Field<S>> fields) {
    t.insert(t.end(), fields.begin(), fields.end());
  };
  add(switch_fields("explicit_workarounds", &Interventions::explicit_workarounds,
                    "workarounds documented and revisited"));
  t.push_back(real_p("/interventions/explicit_workarounds/revisit_hours", at_least(0, 24),
                     "hours the holder spends per explicit workaround per revisit",
                     &P::interventions, &Interventions::explicit_workarounds,
                     &ExplicitWorkaroundsIntervention::revisit_hours));
  add(switch_fields("facilitators", &Interventions::facilitators,
                    "informal facilitators between teams"));
  t.push_back(integer_p("/interventions/facilitators/per_team", at_least(1, 1000),
                        "facilitators in each team", &P::interventions,
                        &Interventions::facilitators, &FacilitatorIntervention::per_team));
  t.push_back(real_p("/interventions/facilitators/extra_contacts_per_day", at_least(0, 100),
                     "extra cross-team contacts a facilitator makes", &P::interventions,
                     &Interventions::facilitators,
                     &FacilitatorIntervention::extra_contacts_per_day));
  t.push_back(real_p("/interventions/facilitators/hours_per_introduction", at_least(0, 24),
                     "hours a facilitator spends per introduction", &P::interventions,
                     &Interventions::facilitators,
                     &FacilitatorIntervention::hours_per_introduction));
  add(switch_fields("difficult_conversations", &Interventions::difficult_conversations,
                    "do not avoid difficult conversations"));
  t.push_back(real_p("/interventions/difficult_conversations/threshold_shift", unit,
                     "lowering of the raise threshold", &P::interventions,
                     &Interventions::difficult_conversations,
                     &DifficultConversationsIntervention::threshold_shift));
  t.push_back(real_p("/interventions/difficult_conversations/hours_per_conversation",
                     at_least(0, 24), "hours raiser and counterpart each spend per issue raised",
                     &P::interventions, &Interventions::difficult_conversations,
                     &DifficultConversationsIntervention::hours_per_conversation));
  add(switch_fields("hero_awareness", &Interventions::hero_awareness, "awareness of lone heroes"));
  t.push_back(real_p("/interventions/hero_awareness/load_threshold", above(0, 100),
                     "load (relative to capacity) above which work is redistributed",
                     &P::interventions, &Interventions::hero_awareness,
                     &HeroAwarenessIntervention::load_threshold));
  t.push_back(real_p("/interventions/hero_awareness/handover_hours", at_least(0, 24),
                     "hours giver and taker each spend per workaround handed over",
                     &P::interventions, &Interventions::hero_awareness,
                     &HeroAwarenessIntervention::handover_hours));
  add(switch_fields("fluid_teams", &Interventions::fluid_teams, "rotation between teams"));
  t.push_back(integer_p("/interventions/fluid_teams/rotation_interval_days", interval,
                        "days between rotations", &P::interventions, &Interventions::fluid_teams,
                        &FluidTeamsIntervention::rotation_interval_days));
  t.push_back(real_p("/interventions/fluid_teams/share", share, "share of staff rotated",
                     &P::interventions, &Interventions::fluid_teams,
                     &FluidTeamsIntervention::share));
  t.push_back(integer_p("/interventions/fluid_teams/secondment_days", interval,
                        "length of a secondment", &P::interventions, &Interventions::fluid_teams,
                        &FluidTeamsIntervention::secondment_days));
  t.push_back(integer_p("/interventions/fluid_teams/induction_days", at_least(0, max_days),
                        "days a secondee is inducted into the host team", &P::interventions,
                        &Interventions::fluid_teams, &FluidTeamsIntervention::induction_days));
  add(switch_fields("data_sharing", &Interventions::data_sharing, "a data-sharing agreement"));
  t.push_back(real_p("/interventions/data_sharing/hours_per_request", at_least(0, 24),
                     "hours the raiser spends per issue raised across organisations",
                     &P::interventions, &Interventions::data_sharing,
                     &DataSharingIntervention::hours_per_request));
  add(switch_fields("aligned_incentives", &Interventions::aligned_incentives,
                    "aligned financial incentives"));
  add(switch_fields("just_culture", &Interventions::just_culture,
                    "a just culture: no blame after incidents, regular learning reviews"));
  t.push_back(integer_p("/interventions/just_culture/review_interval_days", interval,
                        "days between a team's blame-free learning reviews", &P::interventions,
                        &Interventions::just_culture,
                        &JustCultureIntervention::review_interval_days));
  t.push_back(real_p("/interventions/just_culture/review_hours", at_least(0, 24),
                     "hours a learning review takes each member", &P::interventions,
                     &Interventions::just_culture, &JustCultureIntervention::review_hours));
  add(switch_fields("new_rituals", &Interventions::new_rituals,
                    "new rituals: teams convene gatherings the habit no longer holds"));
  t.push_back(integer_p("/interventions/new_rituals/interval_days", interval,
                        "days between the gatherings a team convenes", &P::interventions,
                        &Interventions::new_rituals, &NewRitualsIntervention::interval_days));
  t.push_back(real_p("/interventions/new_rituals/hours", at_least(0, 24),
                     "hours a convened gathering takes each attendee", &P::interventions,
                     &Interventions::new_rituals, &NewRitualsIntervention::hours));
  t.push_back(real_p("/interventions/new_rituals/organise_hours", at_least(0, 24),
                     "hours someone spends organising each gathering convened", &P::interventions,
                     &Interventions::new_rituals, &NewRitualsIntervention::organise_hours));

  t.push_back(integer_p("/outputs/team_trust_every_days", interval,
                        "days between samples of team-by-team trust", &P::outputs,
                        &OutputParameters::team_trust_every_days));
  t.push_back(integer_list<S>("/outputs/network_snapshot_days", at_least(0, max_days - 1), 1000,
                              "days of trust-network snapshots (empty: first and last)",
                              &S::parameters, &P::outputs,
                              &OutputParameters::network_snapshot_days));
  t.push_back(integer_p("/outputs/measure_from_day", at_least(0, max_days - 1),
                        "first day of the window every run outcome is measured over", &P::outputs,
                        &OutputParameters::measure_from_day));
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
