#include "model/world.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <map>

#include "model/parallel.hpp"
#include "model/random_stream.hpp"
#include "model/tie_categories.hpp"

namespace trustsim {

namespace {

std::int32_t intern(std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::int32_t>(it - names.begin());
  names.push_back(name);
  return static_cast<std::int32_t>(names.size() - 1);
}

std::size_t staff_count(const SystemSpec& system) {
  std::size_t per_locality = 0;
  for (const auto& team : system.teams)
    for (const auto& group : team.staff) per_locality += static_cast<std::size_t>(group.count);
  return per_locality * static_cast<std::size_t>(system.localities);
}

}  // namespace

double draw_conscientiousness(const StaffParameters& p, RandomStream& rng) {
  return boost::random::beta_distribution<double>(p.conscientiousness_alpha,
                                                  p.conscientiousness_beta)(rng);
}

World::World(const Parameters& parameters, std::uint64_t run_seed)
    : p(parameters),
      seed(run_seed),
      trust(staff_count(parameters.system), parameters.trust.half_life_days, parameters.days,
            parameters.trust.prune_below, tie_category_count) {
  const SystemSpec& system = p.system;
  const std::size_t n = staff_count(system);
  auto reserve = [n](auto&... columns) { (columns.reserve(n), ...); };
  reserve(staff.home_team, staff.team, staff.locality, staff.site, staff.profession,
          staff.organisation, staff.conscientiousness, staff.burnout, staff.load, staff.hours,
          staff.on_site, staff.participated, staff.induction_end, staff.hired_day, staff.generation,
          staff.active, staff.vacant_until, staff.secondment_end, staff.facilitator,
          staff.leaving_margin);

  for (int locality = 0; locality < system.localities; ++locality) {
    const auto first_slot = static_cast<StaffId>(staff.size());
    for (const auto& spec : system.teams) {
      const auto team_index = static_cast<std::int32_t>(teams.size());
      teams.push_back(
          {system.localities == 1 ? spec.name : spec.name + "@" + std::to_string(locality),
           locality,
           intern(site_names, spec.site + "@" + std::to_string(locality)),
           spec.on_site_share >= 0.0 ? spec.on_site_share : p.work.on_site_share,
           {},
           p.climate.initial,
           p.rituals.initial_strength});
      for (const auto& group : spec.staff) {
        const std::string& site_name = group.site.empty() ? spec.site : group.site;
        const auto site = intern(site_names, site_name + "@" + std::to_string(locality));
        const auto profession = intern(profession_names, group.profession);
        for (int k = 0; k < group.count; ++k) {
          const auto slot = static_cast<StaffId>(staff.size());
          RandomStream rng(seed, Purpose::roster, Day(0), Subject(slot));
          staff.home_team.push_back(team_index);
          staff.team.push_back(team_index);
          staff.locality.push_back(locality);
          staff.site.push_back(site);
          staff.profession.push_back(profession);
          staff.organisation.push_back(group.organisation);
          staff.conscientiousness.push_back(draw_conscientiousness(p.staff, rng));
          staff.burnout.push_back(0.0);
          staff.load.push_back(p.time.routine_hours / p.time.hours_per_day);
          staff.hours.push_back(0.0);
          staff.on_site.push_back(0);
          staff.participated.push_back(0);
          staff.induction_end.push_back(0);
          staff.hired_day.push_back(0);
          staff.generation.push_back(0);
          staff.active.push_back(1);
          staff.vacant_until.push_back(0);
          staff.secondment_end.push_back(-1);
          staff.facilitator.push_back(0);
          staff.leaving_margin.push_back(draw_leaving_margin(seed, slot, 0));
        }
      }
    }
    locality_slots.push_back({first_slot, static_cast<StaffId>(staff.size())});
  }
  locality_members.resize(static_cast<std::size_t>(system.localities));
  workarounds.of_locality.resize(static_cast<std::size_t>(system.localities));
  held_load.assign(n, 0.0);
  refresh_membership();

  // Boundary spanners: a few people per team, chosen once per run.
  for (std::size_t t = 0; t < teams.size(); ++t) {
    auto candidates = teams[t].members;
    RandomStream rng(seed, Purpose::facilitator_choice, Day(0), Subject(t));
    const auto wanted = std::min<std::size_t>(
        static_cast<std::size_t>(p.interventions.facilitators.per_team), candidates.size());
    for (std::size_t k = 0; k < wanted; ++k) {
      const std::size_t pick = k + rng.below(candidates.size() - k);
      std::swap(candidates[k], candidates[pick]);
      staff.facilitator[candidates[k]] = 1;
    }
  }

  // Teams exist before day 0: colleagues start with some trust in each other.
  for (const auto& team : teams)
    for (StaffId i : team.members)
      for (StaffId j : team.members)
        if (i != j) {
          const double excess = p.trust.initial_within_team - baseline(i, j);
          if (excess > 0.0) trust.set_excess(i, j, staff.generation[j], excess, 0);
        }
  trust.tidy();
}

std::vector<Workaround> HeldWorkarounds::all() const {
  std::vector<Workaround> every;
  for (const auto& held : of_locality) every.insert(every.end(), held.begin(), held.end());
  std::sort(every.begin(), every.end(),
            [](const Workaround& a, const Workaround& b) { return a.id < b.id; });
  return every;
}

void World::refresh_membership() {
  parallel_each(0, locality_slots.size(), [&](std::size_t l) { refresh_membership(l); });
}

void World::refresh_membership(std::size_t locality) {
  const auto [first, end] = teams_of(locality);
  for (std::size_t t = first; t < end; ++t) teams[t].members.clear();
  auto& members = locality_members[locality];
  members.clear();
  for (StaffId i = locality_slots[locality].begin; i < locality_slots[locality].end; ++i) {
    if (!staff.active[i]) continue;
    teams[static_cast<std::size_t>(staff.team[i])].members.push_back(i);
    members.push_back(i);
  }
}

}  // namespace trustsim
