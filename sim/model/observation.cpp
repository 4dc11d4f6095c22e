#include "model/observation.hpp"

#include <limits>

#include "model/per_staff.hpp"

namespace trustsim {

namespace {

// Head counts of active staff by team, and by team and profession or
// organisation: all that the baseline part of a mean needs.
struct HeadCounts {
  std::size_t professions;
  std::vector<double> team;
  std::vector<double> team_profession;    // [team][profession]
  std::vector<double> team_organisation;  // [team][organisation]

  explicit HeadCounts(const World& world)
      : professions(world.profession_names.size()),
        team(world.teams.size(), 0.0),
        team_profession(world.teams.size() * professions, 0.0),
        team_organisation(world.teams.size() * organisation_count, 0.0) {
    const Staff& s = world.staff;
    for (StaffId i = 0; i < s.size(); ++i) {
      if (!s.active[i]) continue;
      const auto t = static_cast<std::size_t>(s.team[i]);
      team[t] += 1;
      team_profession[t * professions + static_cast<std::size_t>(s.profession[i])] += 1;
      team_organisation[t * organisation_count + static_cast<std::size_t>(s.organisation[i])] += 1;
    }
  }

  // Ordered pairs (i in a, j in b, i != j) and the sum of their baselines.
  std::pair<double, double> pairs_and_baseline(const TrustParameters& p, std::size_t a,
                                               std::size_t b) const {
    const double self = a == b ? 1.0 : 0.0;
    auto matching = [&](const std::vector<double>& counts, std::size_t width) {
      double sum = 0.0;
      for (std::size_t k = 0; k < width; ++k)
        sum += counts[a * width + k] * (counts[b * width + k] - self);
      return sum;
    };
    const double pairs = team[a] * (team[b] - self);
    return {pairs, p.stranger_baseline * pairs +
                       p.same_profession_bonus * matching(team_profession, professions) +
                       p.same_organisation_bonus * matching(team_organisation, organisation_count)};
  }
};

bool holds(const World& world, const TrustTie& tie) {
  return world.staff.active[tie.to] && tie.to_generation == world.staff.generation[tie.to];
}

}  // namespace

ExcessSums::ExcessSums(std::size_t slots) : within(slots, 0.0), between(slots, 0.0) {}

void sum_excess(World& world, SlotRange slots, int day, ExcessSums& sums) {
  const Staff& s = world.staff;
  for_each_staff(slots, [&](StaffId i) {
    sums.within[i] = sums.between[i] = 0.0;
    if (!s.active[i]) {
      world.trust.prune(i, day, s.generation);
      return;
    }
    const auto* const active = s.active.data();
    const auto* const team = s.team.data();
    const auto* const locality = s.locality.data();
    const auto own_team = team[i], own_locality = locality[i];
    double within = 0.0, between = 0.0;  // summed in row order, as before pruning was fused
    world.trust.prune_and_visit(i, day, s.generation, [&](const TrustTie& tie, double excess) {
      if (!active[tie.to]) return;  // pruning has checked the generation
      if (team[tie.to] == own_team)
        within += excess;
      else if (locality[tie.to] == own_locality)
        between += excess;
    });
    sums.within[i] = within;
    sums.between[i] = between;
  });
}

TrustLevels mean_trust(const World& world, const ExcessSums& sums) {
  // Pairs of teams in the same locality only: looping over all pairs of
  // teams and skipping the rest would make a day quadratic in system size.
  std::vector<std::vector<std::size_t>> teams_of(world.locality_members.size());
  for (std::size_t t = 0; t < world.teams.size(); ++t)
    teams_of[static_cast<std::size_t>(world.teams[t].locality)].push_back(t);
  const HeadCounts counts(world);
  double within_pairs = 0, within_sum = 0, between_pairs = 0, between_sum = 0;
  for (std::size_t a = 0; a < world.teams.size(); ++a)
    for (std::size_t b : teams_of[static_cast<std::size_t>(world.teams[a].locality)]) {
      const auto [pairs, baseline] = counts.pairs_and_baseline(world.p.trust, a, b);
      (a == b ? within_pairs : between_pairs) += pairs;
      (a == b ? within_sum : between_sum) += baseline;
    }
  for (StaffId i = 0; i < world.staff.size(); ++i) {
    within_sum += sums.within[i];
    between_sum += sums.between[i];
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return {within_pairs > 0 ? within_sum / within_pairs : nan,
          between_pairs > 0 ? between_sum / between_pairs : nan};
}

TrustLevels measure_trust(World& world, int day) {
  ExcessSums sums(world.staff.size());
  sum_excess(world, {0, static_cast<StaffId>(world.staff.size())}, day, sums);
  world.trust.tidy();  // pruning has freed room; lay the rows out afresh if worth it
  return mean_trust(world, sums);
}

std::vector<double> team_trust_matrix(const World& world, int day) {
  const Staff& s = world.staff;
  const std::size_t teams = world.teams.size();
  std::vector<double> excess(teams * teams, 0.0);
  for (StaffId i = 0; i < s.size(); ++i) {
    if (!s.active[i]) continue;
    for (const auto& tie : world.trust.ties_of(i))
      if (holds(world, tie))
        excess[static_cast<std::size_t>(s.team[i]) * teams +
               static_cast<std::size_t>(s.team[tie.to])] +=
            tie.excess * world.trust.decay(day - tie.day);
  }
  const HeadCounts counts(world);
  std::vector<double> mean(teams * teams);
  for (std::size_t a = 0; a < teams; ++a)
    for (std::size_t b = 0; b < teams; ++b) {
      const auto [pairs, baseline] = counts.pairs_and_baseline(world.p.trust, a, b);
      mean[a * teams + b] = pairs > 0 ? (baseline + excess[a * teams + b]) / pairs
                                      : std::numeric_limits<double>::quiet_NaN();
    }
  return mean;
}

NetworkSnapshot network_snapshot(const World& world, int day) {
  const Staff& s = world.staff;
  NetworkSnapshot snap;
  snap.day = day;
  for (StaffId i = 0; i < s.size(); ++i) {
    if (!s.active[i]) continue;
    snap.staff_id.push_back(i);
    snap.team.push_back(s.team[i]);
    snap.organisation.push_back(static_cast<std::int32_t>(s.organisation[i]));
    snap.profession.push_back(s.profession[i]);
    for (const auto& tie : world.trust.ties_of(i)) {
      if (!holds(world, tie)) continue;
      snap.source.push_back(i);
      snap.target.push_back(tie.to);
      snap.trust.push_back(world.baseline(i, tie.to) +
                           tie.excess * world.trust.decay(day - tie.day));
    }
  }
  return snap;
}

}  // namespace trustsim
