#include "scenario/consistency.hpp"

#include <set>

namespace trustsim {

namespace {

long long total_teams(const SystemSpec& system) {
  return static_cast<long long>(system.teams.size()) * system.localities;
}

void check_system(const SystemSpec& system) {
  std::set<std::string> names;
  long long staff_per_locality = 0;
  for (std::size_t t = 0; t < system.teams.size(); ++t) {
    const auto& team = system.teams[t];
    const std::string at = "/system/teams/" + std::to_string(t);
    if (!names.insert(team.name).second)
      throw InvalidValue(at + "/name", "team name \"" + team.name + "\" is used twice");
    for (const auto& group : team.staff) staff_per_locality += group.count;
  }
  // Counts are each bounded, so this product cannot overflow; it is checked
  // before the model allocates anything per staff member.
  const long long total = staff_per_locality * system.localities;
  if (total > max_total_staff)
    throw InvalidValue("/system", "the system has " + std::to_string(total) + " staff; at most " +
                                      std::to_string(max_total_staff) + " are supported");
  const long long teams = total_teams(system);
  if (teams > max_total_teams)
    throw InvalidValue("/system", "the system has " + std::to_string(teams) + " teams; at most " +
                                      std::to_string(max_total_teams) + " are supported");
  for (std::size_t t = 0; t < system.teams.size(); ++t) {
    long long team_staff = 0;
    for (const auto& group : system.teams[t].staff) team_staff += group.count;
    if (team_staff > max_staff_per_team)
      throw InvalidValue("/system/teams/" + std::to_string(t) + "/staff",
                         "the team has " + std::to_string(team_staff) + " staff; at most " +
                             std::to_string(max_staff_per_team) +
                             " per team are supported (meetings and contacts grow with the "
                             "square of a team's size)");
  }
}

void check_within_run(int day, int days, const std::string& at) {
  if (day >= days)
    throw InvalidValue(at, "day " + std::to_string(day) + " is not within the run (days 0.." +
                               std::to_string(days - 1) + ")");
}

void check_meetings(const MeetingParameters& meetings, int days, const Json& document) {
  for (std::size_t i = 0; i < meetings.schedule.size(); ++i) {
    const auto& change = meetings.schedule[i];
    const std::string at = "/meetings/schedule/" + std::to_string(i);
    check_within_run(change.day, days, at + "/day");
    if (i > 0 && change.day <= meetings.schedule[i - 1].day)
      throw InvalidValue(at + "/day", "must come after the previous change (day " +
                                          std::to_string(meetings.schedule[i - 1].day) + ")");
    // Without a fraction a hybrid regime would silently mean "all online".
    const Json::json_pointer given(at + "/face_to_face_fraction");
    if (change.regime == Regime::hybrid && !document.contains(given))
      throw InvalidValue(at + "/face_to_face_fraction", "required when the regime is hybrid");
  }
}

void check_interventions(const Interventions& interventions, int days) {
  const std::pair<const char*, const Intervention*> all[] = {
      {"explicit_workarounds", &interventions.explicit_workarounds},
      {"facilitators", &interventions.facilitators},
      {"difficult_conversations", &interventions.difficult_conversations},
      {"hero_awareness", &interventions.hero_awareness},
      {"fluid_teams", &interventions.fluid_teams},
      {"data_sharing", &interventions.data_sharing},
      {"aligned_incentives", &interventions.aligned_incentives},
      {"just_culture", &interventions.just_culture},
      {"new_rituals", &interventions.new_rituals},
  };
  for (const auto& [name, intervention] : all)
    if (intervention->enabled)
      check_within_run(intervention->start_day, days,
                       std::string("/interventions/") + name + "/start_day");
}

void check_rituals(const RitualParameters& rituals, int days) {
  const auto& d = rituals.disruption_days;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const std::string at = "/rituals/disruption_days/" + std::to_string(i);
    check_within_run(d[i], days, at);
    if (i > 0 && d[i] <= d[i - 1])
      throw InvalidValue(at, "days must be in increasing order without repeats");
  }
}

void check_outputs(const OutputParameters& outputs, int days, const SystemSpec& system) {
  const int every = outputs.team_trust_every_days;
  if (every > days)
    throw InvalidValue("/outputs/team_trust_every_days",
                       "must be at most the run's length (" + std::to_string(days) + " days)");
  // Sampled on every multiple of `every` and on the last day. Teams and days
  // are bounded already, so the product fits.
  const long long samples = (days - 1) / every + 1 + ((days - 1) % every != 0 ? 1 : 0);
  const long long teams = total_teams(system);
  const long long values = samples * teams * teams;
  if (values > max_team_trust_values)
    throw InvalidValue("/outputs/team_trust_every_days",
                       "team-by-team trust of " + std::to_string(teams) + " teams on " +
                           std::to_string(samples) + " days would be " + std::to_string(values) +
                           " values a run, more than " + std::to_string(max_team_trust_values) +
                           ": sample less often");
  check_within_run(outputs.measure_from_day, days, "/outputs/measure_from_day");
  const auto& snapshots = outputs.network_snapshot_days;
  for (std::size_t i = 0; i < snapshots.size(); ++i) {
    const std::string at = "/outputs/network_snapshot_days/" + std::to_string(i);
    check_within_run(snapshots[i], days, at);
    if (i > 0 && snapshots[i] <= snapshots[i - 1])
      throw InvalidValue(at, "days must be in increasing order without repeats");
  }
}

}  // namespace

void reject_retired_keys(const Json& document) {
  if (!document.is_object()) return;
  for (const auto& key : retired_keys())
    if (document.contains(Json::json_pointer(key.pointer)))
      throw InvalidValue(key.pointer, "retired key: " + key.instead);
}

void check_consistency(const ScenarioSettings& settings, const Json& document) {
  const Parameters& p = settings.parameters;
  check_system(p.system);
  check_meetings(p.meetings, p.days, document);
  check_interventions(p.interventions, p.days);
  check_rituals(p.rituals, p.days);
  check_outputs(p.outputs, p.days, p.system);
}

}  // namespace trustsim
