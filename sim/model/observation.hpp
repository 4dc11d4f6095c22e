// What is measured each day. Mean trust over all pairs is the closed-form
// baseline sum (from head counts by profession and organisation) plus the
// stored ties' decayed excess, so measuring never visits absent pairs.
//
// A mean over no pairs (a team emptied by leavers, or down to one member;
// issue 17) is defined, never NaN: it is the trust the posts would start
// from when filled, the mean baseline over the ordered pairs of posts
// (active or vacant) it covers, because newcomers trust nobody beyond
// baseline (hire_newcomers); with no such posts either, the stranger
// baseline. Working trust over a day on which nobody dealt with anybody
// is the stranger baseline too (they are strangers in the work).
#pragma once

#include <array>
#include <vector>

#include "model/run_result.hpp"
#include "model/tie_categories.hpp"
#include "model/world.hpp"

namespace trustsim {

// One team's trust today: from its members to each other, from its members
// to the other teams of its locality, and over the pairs from its members
// who dealt with someone today (working).
struct TeamTrustLevels {
  double within = 0.0;
  double between = 0.0;
  double working = 0.0;
  double working_pairs = 0.0;
};

struct TrustLevels {
  double within = 0.0;                // same team
  double between = 0.0;               // different teams of the same locality
  double across_organisations = 0.0;  // different employers, same locality
  // Mean T(i->j) after today's changes over the directed pairs who dealt
  // with each other today (met, made contact, or raised an issue: every
  // tie changed today), and how many such pairs there were. Not measured
  // on day 0, whose date the world's first ties bear too (0 pairs).
  double working = 0.0;
  double working_pairs = 0.0;
  std::vector<TeamTrustLevels> team;  // World::teams order
};

// Ordered pairs of staff and the sum of their trust (or of its baseline).
struct PairSums {
  double pairs = 0.0;
  double trust = 0.0;
  PairSums& operator+=(const PairSums& other) {
    pairs += other.pairs;
    trust += other.trust;
    return *this;
  }
};

// One team's pairs: its members with each other, with the other teams of
// its locality, and those who dealt with someone today (working).
struct TeamSums {
  PairSums within, between, working;
};

// Each slot's stored excess over baseline towards each category of
// colleague (tie_categories.hpp: its own team, the other teams of its
// locality, the other organisations of its locality, which overlaps both),
// as measured today: towards[category][slot]; and over its ties changed
// today, their trust and their number (working, working_pairs). All 0 for
// a vacant slot. And, counted with them locality by locality (so in
// parallel, where the locality's rows are measured), what mean_trust
// needs of each locality's head counts: its pairs of teams' pairs and
// baselines (team_pairs[a * teams per locality + b's place in its
// locality]), its pairs across organisations, and each team's pairs with
// its members' sums added.
struct ExcessSums {
  explicit ExcessSums(const World& world);
  std::array<std::vector<double>, tie_category_count> towards;
  std::vector<double> working;
  std::vector<double> working_pairs;
  std::vector<TeamSums> team;  // World::teams order
  std::vector<PairSums> team_pairs;
  std::vector<PairSums> across;  // by locality
};

// Today's sums of the rows of `slots` into `sums`, from the trust network's
// running sums; rows are pruned of stale and fully decayed ties on the way
// (TrustNetwork::excess_today). Summing a row twice on one day gives the
// same sums (and drops nothing more). `slots`: whole localities.
void sum_excess(World& world, SlotRange slots, int day, ExcessSums& sums);

// Mean trust: the closed-form baseline over head counts plus the sums, of
// the whole system and of each team. The head counts are as they were when
// each locality was summed: a locality where anyone has left, been hired
// or moved team since must be summed again.
TrustLevels mean_trust(const World& world, const ExcessSums& sums);

// sum_excess over every slot, then mean_trust. run_day measures as it goes;
// this is for a world stepped phase by phase.
TrustLevels measure_trust(World& world, int day);

// Mean T(i->j) for i in team a, j in team b, row-major; where no pair, the
// posts' mean baseline, as above.
std::vector<double> team_trust_matrix(const World& world, int day);

NetworkSnapshot network_snapshot(const World& world, int day);

}  // namespace trustsim
