#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "fixtures.hpp"
#include "model/day.hpp"

using namespace trustsim;

namespace {

// Phase 4 over the whole world: raised, then settled.
std::vector<TrustUpdate> handle_issues(World& world, int day, DayTally& tally) {
  RaisedIssues raised = raise_issues(world, day, world.all_localities(), tally);
  settle_issues(world, day, raised);
  return std::move(raised.trust_changes);
}

DayTally run_issues(Parameters p, int days, std::size_t* workarounds = nullptr) {
  // The world's tables (trust decay by age) cover p.days: stepping past
  // them read beyond the decay table (found by AddressSanitizer).
  p.days = days;
  World world(p, 3);
  DayTally total;
  for (int day = 0; day < days; ++day) handle_issues(world, day, total);
  if (workarounds) *workarounds = world.workarounds.size();
  return total;
}

}  // namespace

TEST_CASE("issues are raised more often when trust is higher", "[issues]") {
  Parameters low = test::two_teams(6);
  low.trust.stranger_baseline = 0.2;
  Parameters high = low;
  high.trust.stranger_baseline = 0.5;
  const auto l = run_issues(low, 200), h = run_issues(high, 200);
  const double share_low = double(l.issues_raised) / double(l.issues_raised + l.issues_unraised);
  const double share_high = double(h.issues_raised) / double(h.issues_raised + h.issues_unraised);
  CHECK(share_high > share_low + 0.2);
}

TEST_CASE(
    "information-sharing and incentive barriers lower resolution, and removing them restores it",
    "[issues][barriers][interventions]") {
  Parameters p = test::two_teams(6);
  p.trust.stranger_baseline = 0.9;  // raise nearly everything
  p.trust.same_profession_bonus = p.trust.same_organisation_bonus = 0.0;
  p.issues.resolve_probability = 1.0;
  p.issues.other_team_share = 1.0;  // other teams here are other organisations
  const auto blocked = run_issues(p, 300);
  const double blocked_rate = double(blocked.issues_resolved) / double(blocked.issues_raised);
  CHECK(blocked_rate == Approx(0.7 * 0.85).margin(0.03));
  p.interventions.data_sharing.enabled = true;
  p.interventions.aligned_incentives.enabled = true;
  const auto open = run_issues(p, 300);
  CHECK(double(open.issues_resolved) / double(open.issues_raised) == 1.0);
}

TEST_CASE("an issue not raised becomes a workaround or is left unresolved",
          "[issues][workarounds]") {
  Parameters p = test::two_teams(6);
  p.trust.stranger_baseline = 0.0;  // raise almost nothing
  p.trust.same_profession_bonus = p.trust.same_organisation_bonus = p.trust.initial_within_team =
      0.0;
  p.staff.hero_absorb_probability = 0.0;
  p.issues.workaround_probability = 1.0;
  std::size_t workarounds = 0;
  const auto t = run_issues(p, 100, &workarounds);
  CHECK(static_cast<std::int64_t>(workarounds) ==
        t.issues_unraised + t.issues_raised - t.issues_resolved);
  p.issues.workaround_probability = 0.0;
  World world(p, 3);
  DayTally tally;
  for (int day = 0; day < 100; ++day) handle_issues(world, day, tally);
  CHECK(world.workarounds.empty());
  CHECK(static_cast<std::int64_t>(world.unresolved.size()) ==
        tally.issues_unraised + tally.issues_raised - tally.issues_resolved);
}

TEST_CASE("lone heroes absorb what others leave", "[issues][heroes]") {
  Parameters p = test::two_teams(6);
  p.staff.hero_absorb_probability = 1.0;
  World world(p, 3);
  DayTally tally;
  for (int day = 0; day < 100; ++day) handle_issues(world, day, tally);
  std::vector<int> held(world.staff.size(), 0);
  for (const auto& w : world.workarounds.all()) ++held[w.holder];
  // The most conscientious member of each team holds more than anyone else.
  for (const auto& team : world.teams) {
    StaffId hero = team.members.front();
    for (StaffId i : team.members)
      if (world.staff.conscientiousness[i] > world.staff.conscientiousness[hero]) hero = i;
    for (StaffId i : team.members)
      if (i != hero) CHECK(held[hero] > held[i]);
  }
}

TEST_CASE("each post meets its own Poisson issues, however localities are grouped",
          "[issues][determinism]") {
  Parameters p = test::two_teams(5);  // 20 posts a locality
  p.system.localities = 3;
  const World world(p, 11);
  const double rate = p.issues.per_person_per_day;
  const int days = 2000;
  double n = 0, sum = 0, sum_sq = 0, none = 0, neighbours = 0;
  for (int day = 0; day < days; ++day) {
    const std::vector<int> all = issues_per_post(world, day, world.all_localities());
    REQUIRE(all.size() == world.staff.size());
    // A locality's counts are its own, whichever localities are drawn with it.
    const std::vector<int> middle = issues_per_post(world, day, {1, 2});
    const SlotRange second = world.locality_slots[1];
    CHECK(std::equal(middle.begin(), middle.end(), all.begin() + second.begin));
    for (std::size_t k = 0; k < all.size(); ++k) {
      n += 1;
      sum += all[k];
      sum_sq += double(all[k]) * all[k];
      none += all[k] == 0;
      if (k > 0) neighbours += double(all[k]) * all[k - 1];
    }
  }
  const double mean = sum / n, variance = sum_sq / n - mean * mean;
  // Four standard errors of each statistic of n Poisson(rate) counts.
  CHECK(mean == Approx(rate).margin(4 * std::sqrt(rate / n)));
  CHECK(variance == Approx(rate).margin(4 * std::sqrt((rate + 2 * rate * rate) / n)));
  const double p_none = std::exp(-rate);
  CHECK(none / n == Approx(p_none).margin(4 * std::sqrt(p_none * (1 - p_none) / n)));
  // Independent posts: the mean product of neighbours' counts is rate^2.
  // A product's variance is rate^2 + 2 rate^3, and two products that share
  // a post covary by rate^3.
  const double pairs = n - days;  // neighbours within each day
  CHECK(neighbours / pairs ==
        Approx(rate * rate).margin(4 * std::sqrt((rate * rate + 4 * rate * rate * rate) / pairs)));
}
