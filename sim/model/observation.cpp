#include "model/observation.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "model/per_staff.hpp"

namespace trustsim {

namespace {

// Head counts by team, and by team and profession or organisation: all that
// the baseline part of a mean needs; and by locality, organisation and
// profession for the pairs across organisations. Of active staff in their
// current team, or of posts (every slot, active or vacant, in its home
// team) for the mean over no pairs. Of some localities, and of their teams
// (numbered locality by locality), indexed from the first of them.
struct HeadCounts {
  enum Of { active_staff, posts };
  std::size_t professions;
  std::size_t first_team;
  std::size_t first_locality;
  std::vector<double> team;
  std::vector<double> team_profession;        // [team][profession]
  std::vector<double> team_organisation;      // [team][organisation]
  std::vector<double> locality;               // [locality]
  std::vector<double> locality_organisation;  // [locality][organisation]
  std::vector<double> locality_profession;    // [locality][profession]
  std::vector<double> locality_both;          // [locality][profession][organisation]

  HeadCounts(const World& world, Of of, Localities of_localities)
      : professions(world.profession_names.size()),
        first_team(of_localities.first * world.teams_per_locality()),
        first_locality(of_localities.first),
        team((of_localities.end - of_localities.first) * world.teams_per_locality(), 0.0),
        team_profession(team.size() * professions, 0.0),
        team_organisation(team.size() * organisation_count, 0.0),
        locality(of_localities.end - of_localities.first, 0.0),
        locality_organisation(locality.size() * organisation_count, 0.0),
        locality_profession(locality.size() * professions, 0.0),
        locality_both(locality.size() * professions * organisation_count, 0.0) {
    const Staff& s = world.staff;
    const SlotRange slots = world.slots_of(of_localities);
    for (StaffId i = slots.begin; i < slots.end; ++i) {
      if (of == active_staff && !s.active[i]) continue;
      const auto t =
          static_cast<std::size_t>(of == active_staff ? s.team[i] : s.home_team[i]) - first_team;
      const auto l = static_cast<std::size_t>(s.locality[i]) - first_locality;
      const auto p = static_cast<std::size_t>(s.profession[i]);
      const auto o = static_cast<std::size_t>(s.organisation[i]);
      team[t] += 1;
      team_profession[t * professions + p] += 1;
      team_organisation[t * organisation_count + o] += 1;
      locality[l] += 1;
      locality_organisation[l * organisation_count + o] += 1;
      locality_profession[l * professions + p] += 1;
      locality_both[(l * professions + p) * organisation_count + o] += 1;
    }
  }

  // Ordered pairs (i in team a, j in team b, i != j) and the sum of their
  // baselines.
  PairSums pairs_and_baseline(const TrustParameters& p, std::size_t team_a,
                              std::size_t team_b) const {
    const std::size_t a = team_a - first_team, b = team_b - first_team;
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

  // Ordered pairs of a locality with different employers, and the sum of
  // their baselines (no same-organisation bonus among them).
  PairSums across_pairs_and_baseline(const TrustParameters& p, std::size_t of_locality) const {
    const std::size_t l = of_locality - first_locality;
    auto squares = [](const double* first, std::size_t width) {
      double sum = 0.0;
      for (std::size_t k = 0; k < width; ++k) sum += first[k] * first[k];
      return sum;
    };
    const double pairs =
        locality[l] * locality[l] -
        squares(&locality_organisation[l * organisation_count], organisation_count);
    const double same_profession = squares(&locality_profession[l * professions], professions) -
                                   squares(&locality_both[l * professions * organisation_count],
                                           professions * organisation_count);
    return {pairs, p.stranger_baseline * pairs + p.same_profession_bonus * same_profession};
  }
};

// What mean_trust needs of locality l besides its slots' sums: each pair
// of its teams' pairs and baselines, its pairs across organisations, and
// each of its teams' pairs with its members' sums added in slot order.
void sum_teams_of_locality(const World& world, std::size_t l, ExcessSums& sums) {
  const HeadCounts counts(world, HeadCounts::active_staff, {l, l + 1});
  const TrustParameters& tp = world.p.trust;
  const auto [first, end] = world.teams_of(l);
  for (std::size_t a = first; a < end; ++a) {
    TeamSums& team = sums.team[a] = {};
    for (std::size_t b = first; b < end; ++b) {
      const PairSums terms = counts.pairs_and_baseline(tp, a, b);
      sums.team_pairs[a * (end - first) + (b - first)] = terms;
      (a == b ? team.within : team.between) += terms;
    }
  }
  sums.across[l] = counts.across_pairs_and_baseline(tp, l);
  const Staff& s = world.staff;
  const SlotRange slots = world.locality_slots[l];
  for (StaffId i = slots.begin; i < slots.end; ++i) {
    if (!s.active[i]) continue;
    TeamSums& team = sums.team[static_cast<std::size_t>(s.team[i])];
    team.within.trust += sums.towards[own_team][i];
    team.between.trust += sums.towards[other_teams][i];
    team.working.trust += sums.working[i];
    team.working.pairs += sums.working_pairs[i];
  }
}

bool holds(const World& world, const TrustTie& tie) {
  return world.staff.active[tie.to] && tie.to_generation == world.staff.generation[tie.to];
}

// A mean over pairs that is never NaN: with no pairs, the posts' mean
// baseline (`posts_mean`, asked only then), or else the stranger baseline.
template <class PostsMean>
double mean_or_posts(const PairSums& sum, const PostsMean& posts_mean, const TrustParameters& p) {
  if (sum.pairs > 0) return sum.trust / sum.pairs;
  const PairSums posts = posts_mean();
  return posts.pairs > 0 ? posts.trust / posts.pairs : p.stranger_baseline;
}

}  // namespace

ExcessSums::ExcessSums(const World& world)
    : working(world.staff.size(), 0.0),
      working_pairs(world.staff.size(), 0.0),
      team(world.teams.size()),
      team_pairs(world.teams.size() * world.teams_per_locality()),
      across(world.locality_slots.size()) {
  for (auto& sums : towards) sums.assign(world.staff.size(), 0.0);
}

void sum_excess(World& world, SlotRange slots, int day, ExcessSums& sums) {
  const Staff& s = world.staff;
  for (std::size_t l = 0; l < world.locality_slots.size(); ++l) {
    const SlotRange& locality = world.locality_slots[l];
    if (std::max(slots.begin, locality.begin) >= std::min(slots.end, locality.end)) continue;
    if (slots.begin > locality.begin || slots.end < locality.end)
      throw std::logic_error("sum_excess: measures whole localities only");
    // Who has left, been hired or moved team since the locality was last
    // measured: their rows, and rows with a tie to them, are summed afresh.
    std::vector<std::uint8_t> moved(locality.end - locality.begin, 0);
    SlotFilter moved_slots;
    for (StaffId i = locality.begin; i < locality.end; ++i) {
      const std::uint64_t now = standing(s, i);
      if (now == world.trust.counted_standing(i)) continue;
      world.trust.counted_standing(i) = now;
      moved[i - locality.begin] = 1;
      moved_slots.add(i);
    }
    // Ties stay within a locality (every phase pairs staff of one locality),
    // so a row's filter of targets meets moved_slots wherever it holds a tie
    // to a slot that moved; anyone else counts as moved, to be safe.
    const auto has_moved = [&](StaffId j) {
      return j < locality.begin || j >= locality.end || moved[j - locality.begin] != 0;
    };
    for_each_staff(locality, [&](StaffId i) {
      std::array<double, tie_category_count> excess;
      const auto changed = world.trust.excess_today(
          i, day, s.generation, moved_slots, has_moved,
          [&](StaffId to) { return tie_categories(s, i, to); },
          [&](StaffId to) { return world.baseline(i, to); }, excess.data());
      const bool counts = s.active[i] != 0;
      for (std::size_t c = 0; c < tie_category_count; ++c)
        sums.towards[c][i] = counts ? excess[c] : 0.0;
      // The ties changed today are the pairs who dealt with each other. The
      // world's first ties are dated day 0 too (World), so day 0 is not
      // measured.
      const bool working = counts && day > 0;
      sums.working[i] = working ? changed.trust : 0.0;
      sums.working_pairs[i] = working ? changed.ties : 0.0;
    });
    sum_teams_of_locality(world, l, sums);
  }
}

TrustLevels mean_trust(const World& world, const ExcessSums& sums) {
  const TrustParameters& tp = world.p.trust;
  std::optional<HeadCounts> posts;  // counted only for a mean over no pairs
  auto posts_counts = [&]() -> const HeadCounts& {
    if (!posts) posts.emplace(world, HeadCounts::posts, world.all_localities());
    return *posts;
  };
  // The whole system's sums, in the order of one pass over all pairs of
  // teams (of the same locality only: looping over all pairs of teams and
  // skipping the rest would make a day quadratic in system size), then
  // over all localities, then over all slots.
  const std::size_t teams = world.teams.size();
  const std::size_t per_locality = world.teams_per_locality();
  PairSums within, between, across, working;
  for (std::size_t a = 0; a < teams; ++a)
    for (std::size_t k = 0; k < per_locality; ++k)
      (a % per_locality == k ? within : between) += sums.team_pairs[a * per_locality + k];
  for (const PairSums& here : sums.across) across += here;
  for (StaffId i = 0; i < world.staff.size(); ++i) {
    within.trust += sums.towards[own_team][i];
    between.trust += sums.towards[other_teams][i];
    across.trust += sums.towards[other_organisations][i];
    working.trust += sums.working[i];
    working.pairs += sums.working_pairs[i];
  }

  // The same sums over posts, for a mean over no pairs.
  auto posts_within = [&] {
    PairSums all;
    for (std::size_t a = 0; a < teams; ++a) all += posts_counts().pairs_and_baseline(tp, a, a);
    return all;
  };
  auto posts_between_of = [&](std::size_t a) {
    PairSums all;
    const auto [first, end] = world.teams_of(static_cast<std::size_t>(world.teams[a].locality));
    for (std::size_t b = first; b < end; ++b)
      if (b != a) all += posts_counts().pairs_and_baseline(tp, a, b);
    return all;
  };
  auto posts_between = [&] {
    PairSums all;
    for (std::size_t a = 0; a < teams; ++a) all += posts_between_of(a);
    return all;
  };
  auto posts_across = [&] {
    PairSums all;
    for (std::size_t l = 0; l < world.locality_slots.size(); ++l)
      all += posts_counts().across_pairs_and_baseline(tp, l);
    return all;
  };
  const auto strangers = [] { return PairSums{}; };

  TrustLevels levels;
  levels.within = mean_or_posts(within, posts_within, tp);
  levels.between = mean_or_posts(between, posts_between, tp);
  levels.across_organisations = mean_or_posts(across, posts_across, tp);
  levels.working = mean_or_posts(working, strangers, tp);
  levels.working_pairs = working.pairs;
  levels.team.resize(teams);
  for (std::size_t a = 0; a < teams; ++a) {
    const TeamSums& sum = sums.team[a];
    TeamTrustLevels& t = levels.team[a];
    t.within = mean_or_posts(
        sum.within, [&] { return posts_counts().pairs_and_baseline(tp, a, a); }, tp);
    t.between = mean_or_posts(
        sum.between, [&] { return posts_between_of(a); }, tp);
    t.working = mean_or_posts(sum.working, strangers, tp);
    t.working_pairs = sum.working.pairs;
  }
  return levels;
}

TrustLevels measure_trust(World& world, int day) {
  ExcessSums sums(world);
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
  const HeadCounts counts(world, HeadCounts::active_staff, world.all_localities());
  std::optional<HeadCounts> posts;
  std::vector<double> mean(teams * teams);
  for (std::size_t a = 0; a < teams; ++a)
    for (std::size_t b = 0; b < teams; ++b) {
      const auto [pairs, baseline] = counts.pairs_and_baseline(world.p.trust, a, b);
      mean[a * teams + b] = mean_or_posts(
          {pairs, baseline + excess[a * teams + b]},
          [&] {
            if (!posts) posts.emplace(world, HeadCounts::posts, world.all_localities());
            return posts->pairs_and_baseline(world.p.trust, a, b);
          },
          world.p.trust);
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
