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
// team) for the mean over no pairs.
struct HeadCounts {
  enum Of { active_staff, posts };
  std::size_t professions;
  std::vector<double> team;
  std::vector<double> team_profession;        // [team][profession]
  std::vector<double> team_organisation;      // [team][organisation]
  std::vector<double> locality;               // [locality]
  std::vector<double> locality_organisation;  // [locality][organisation]
  std::vector<double> locality_profession;    // [locality][profession]
  std::vector<double> locality_both;          // [locality][profession][organisation]

  HeadCounts(const World& world, Of of)
      : professions(world.profession_names.size()),
        team(world.teams.size(), 0.0),
        team_profession(world.teams.size() * professions, 0.0),
        team_organisation(world.teams.size() * organisation_count, 0.0),
        locality(world.locality_slots.size(), 0.0),
        locality_organisation(locality.size() * organisation_count, 0.0),
        locality_profession(locality.size() * professions, 0.0),
        locality_both(locality.size() * professions * organisation_count, 0.0) {
    const Staff& s = world.staff;
    for (StaffId i = 0; i < s.size(); ++i) {
      if (of == active_staff && !s.active[i]) continue;
      const auto t = static_cast<std::size_t>(of == active_staff ? s.team[i] : s.home_team[i]);
      const auto l = static_cast<std::size_t>(s.locality[i]);
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

  // Ordered pairs of locality l with different employers, and the sum of
  // their baselines (no same-organisation bonus among them).
  std::pair<double, double> across_pairs_and_baseline(const TrustParameters& p,
                                                      std::size_t l) const {
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

bool holds(const World& world, const TrustTie& tie) {
  return world.staff.active[tie.to] && tie.to_generation == world.staff.generation[tie.to];
}

// The teams of each locality (teams are numbered locality by locality).
std::vector<std::vector<std::size_t>> teams_by_locality(const World& world) {
  std::vector<std::vector<std::size_t>> teams_of(world.locality_members.size());
  for (std::size_t t = 0; t < world.teams.size(); ++t)
    teams_of[static_cast<std::size_t>(world.teams[t].locality)].push_back(t);
  return teams_of;
}

// A mean over pairs that is never NaN: with no pairs, the posts' mean
// baseline (`posts_mean`, asked only then), or else the stranger baseline.
template <class PostsMean>
double mean_or_posts(double sum, double pairs, const PostsMean& posts_mean,
                     const TrustParameters& p) {
  if (pairs > 0) return sum / pairs;
  const auto [post_pairs, post_baseline] = posts_mean();
  return post_pairs > 0 ? post_baseline / post_pairs : p.stranger_baseline;
}

}  // namespace

ExcessSums::ExcessSums(std::size_t slots) : working(slots, 0.0), working_pairs(slots, 0.0) {
  for (auto& sums : towards) sums.assign(slots, 0.0);
}

void sum_excess(World& world, SlotRange slots, int day, ExcessSums& sums) {
  const Staff& s = world.staff;
  for (const SlotRange& locality : world.locality_slots) {
    if (std::max(slots.begin, locality.begin) >= std::min(slots.end, locality.end)) continue;
    if (slots.begin > locality.begin || slots.end < locality.end)
      throw std::logic_error("sum_excess: measures whole localities only");
    // Who has left, been hired or moved team since the locality was last
    // measured: their rows, and rows with a tie to them, are summed afresh.
    std::vector<std::uint8_t> moved(locality.end - locality.begin, 0);
    bool any_moved = false;
    for (StaffId i = locality.begin; i < locality.end; ++i) {
      const std::uint64_t now = standing(s, i);
      if (now == world.trust.counted_standing(i)) continue;
      world.trust.counted_standing(i) = now;
      moved[i - locality.begin] = 1;
      any_moved = true;
    }
    const auto has_moved = [&](StaffId j) {
      // Ties stay within a locality; anyone else counts as moved, to be safe.
      return j < locality.begin || j >= locality.end || moved[j - locality.begin] != 0;
    };
    for_each_staff(locality, [&](StaffId i) {
      std::array<double, tie_category_count> excess;
      const auto changed = world.trust.excess_today(
          i, day, s.generation, any_moved, has_moved,
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
  }
}

TrustLevels mean_trust(const World& world, const ExcessSums& sums) {
  // Pairs of teams in the same locality only: looping over all pairs of
  // teams and skipping the rest would make a day quadratic in system size.
  const auto teams_of = teams_by_locality(world);
  const HeadCounts counts(world, HeadCounts::active_staff);
  const TrustParameters& tp = world.p.trust;
  std::optional<HeadCounts> posts;  // counted only for a mean over no pairs
  auto posts_counts = [&]() -> const HeadCounts& {
    if (!posts) posts.emplace(world, HeadCounts::posts);
    return *posts;
  };
  const std::size_t teams = world.teams.size();
  std::vector<TeamTrustLevels> team(teams);
  std::vector<double> team_between_pairs(teams, 0.0), team_within_pairs(teams, 0.0);
  std::vector<double> team_within_sum(teams, 0.0), team_between_sum(teams, 0.0);
  double within_pairs = 0, within_sum = 0, between_pairs = 0, between_sum = 0;
  for (std::size_t a = 0; a < teams; ++a)
    for (std::size_t b : teams_of[static_cast<std::size_t>(world.teams[a].locality)]) {
      const auto [pairs, baseline] = counts.pairs_and_baseline(tp, a, b);
      (a == b ? within_pairs : between_pairs) += pairs;
      (a == b ? within_sum : between_sum) += baseline;
      (a == b ? team_within_pairs : team_between_pairs)[a] += pairs;
      (a == b ? team_within_sum : team_between_sum)[a] += baseline;
    }
  double across_pairs = 0, across_sum = 0;
  for (std::size_t l = 0; l < counts.locality.size(); ++l) {
    const auto [pairs, baseline] = counts.across_pairs_and_baseline(tp, l);
    across_pairs += pairs;
    across_sum += baseline;
  }
  double working_sum = 0, working_pairs = 0;
  const Staff& s = world.staff;
  for (StaffId i = 0; i < s.size(); ++i) {
    within_sum += sums.towards[own_team][i];
    between_sum += sums.towards[other_teams][i];
    across_sum += sums.towards[other_organisations][i];
    working_sum += sums.working[i];
    working_pairs += sums.working_pairs[i];
    if (!s.active[i]) continue;
    const auto t = static_cast<std::size_t>(s.team[i]);
    team_within_sum[t] += sums.towards[own_team][i];
    team_between_sum[t] += sums.towards[other_teams][i];
    team[t].working += sums.working[i];
    team[t].working_pairs += sums.working_pairs[i];
  }

  // The same sums over posts, for a mean over no pairs.
  auto posts_within = [&] {
    double pairs = 0, baseline = 0;
    for (std::size_t a = 0; a < teams; ++a) {
      const auto [p, b] = posts_counts().pairs_and_baseline(tp, a, a);
      pairs += p, baseline += b;
    }
    return std::pair{pairs, baseline};
  };
  auto posts_between_of = [&](std::size_t a) {
    double pairs = 0, baseline = 0;
    for (std::size_t b : teams_of[static_cast<std::size_t>(world.teams[a].locality)])
      if (b != a) {
        const auto [p, s] = posts_counts().pairs_and_baseline(tp, a, b);
        pairs += p, baseline += s;
      }
    return std::pair{pairs, baseline};
  };
  auto posts_between = [&] {
    double pairs = 0, baseline = 0;
    for (std::size_t a = 0; a < teams; ++a) {
      const auto [p, b] = posts_between_of(a);
      pairs += p, baseline += b;
    }
    return std::pair{pairs, baseline};
  };
  auto posts_across = [&] {
    double pairs = 0, baseline = 0;
    for (std::size_t l = 0; l < counts.locality.size(); ++l) {
      const auto [p, b] = posts_counts().across_pairs_and_baseline(tp, l);
      pairs += p, baseline += b;
    }
    return std::pair{pairs, baseline};
  };
  const auto strangers = [] { return std::pair{0.0, 0.0}; };

  TrustLevels levels;
  levels.within = mean_or_posts(within_sum, within_pairs, posts_within, tp);
  levels.between = mean_or_posts(between_sum, between_pairs, posts_between, tp);
  levels.across_organisations = mean_or_posts(across_sum, across_pairs, posts_across, tp);
  levels.working = mean_or_posts(working_sum, working_pairs, strangers, tp);
  levels.working_pairs = working_pairs;
  for (std::size_t a = 0; a < teams; ++a) {
    TeamTrustLevels& t = team[a];
    t.within = mean_or_posts(
        team_within_sum[a], team_within_pairs[a],
        [&] { return posts_counts().pairs_and_baseline(tp, a, a); }, tp);
    t.between = mean_or_posts(
        team_between_sum[a], team_between_pairs[a], [&] { return posts_between_of(a); }, tp);
    t.working = mean_or_posts(t.working, t.working_pairs, strangers, tp);
  }
  levels.team = std::move(team);
  return levels;
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
  const HeadCounts counts(world, HeadCounts::active_staff);
  std::optional<HeadCounts> posts;
  std::vector<double> mean(teams * teams);
  for (std::size_t a = 0; a < teams; ++a)
    for (std::size_t b = 0; b < teams; ++b) {
      const auto [pairs, baseline] = counts.pairs_and_baseline(world.p.trust, a, b);
      mean[a * teams + b] = mean_or_posts(
          baseline + excess[a * teams + b], pairs,
          [&] {
            if (!posts) posts.emplace(world, HeadCounts::posts);
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
