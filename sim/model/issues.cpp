// Everyday issues that need someone in another team or organisation.
// Seed 1 (Team 1, P6): "if there's an issue ... it will be harder for me to
// approach that person with that issue" when trust is low, so the chance of
// raising an issue rises with trust in the counterpart. Seed 2: resolution
// across organisations is hindered by information-sharing limits and
// misaligned financial incentives. What is not raised or not resolved is
// either held as a workaround (often by the team's most conscientious
// member, the "lone hero") or left unresolved, a patient-safety risk.
#include <cmath>

#include "model/day.hpp"
#include "model/per_staff.hpp"
#include "model/random_stream.hpp"

namespace trustsim {

namespace {

constexpr int max_counterpart_tries = 4;

bool find_counterpart(const World& world, StaffId i, RandomStream& rng, StaffId& counterpart) {
  const Staff& s = world.staff;
  if (!rng.chance(world.p.issues.other_team_share)) {
    const auto& team = world.teams[static_cast<std::size_t>(s.team[i])].members;
    for (int attempt = 0; attempt < max_counterpart_tries; ++attempt) {
      const StaffId j = team[rng.below(team.size())];
      if (s.organisation[j] != s.organisation[i]) {
        counterpart = j;
        return true;
      }
    }
  }
  const auto& locality = world.locality_members[static_cast<std::size_t>(s.locality[i])];
  for (int attempt = 0; attempt < max_counterpart_tries; ++attempt) {
    const StaffId j = locality[rng.below(locality.size())];
    if (s.team[j] != s.team[i]) {
      counterpart = j;
      return true;
    }
  }
  return false;
}

double resolve_probability(const World& world, StaffId i, StaffId j, int day) {
  const auto& iv = world.p.interventions;
  double p = world.p.issues.resolve_probability;
  if (world.staff.organisation[i] != world.staff.organisation[j]) {
    if (!iv.data_sharing.active_on(day)) p *= 1.0 - world.p.barriers.information_sharing;
    if (!iv.aligned_incentives.active_on(day)) p *= 1.0 - world.p.barriers.incentive_misalignment;
  }
  return p;
}

// The team member most likely to absorb what others leave: the most
// conscientious one, for each team of `localities` (counted from its first).
std::vector<StaffId> most_conscientious_per_team(const World& world, Localities localities) {
  const std::size_t first = localities.first * world.teams_per_locality();
  std::vector<StaffId> absorber((localities.end - localities.first) * world.teams_per_locality());
  for (std::size_t t = 0; t < absorber.size(); ++t) {
    const auto& members = world.teams[first + t].members;
    absorber[t] = members.empty() ? 0 : members.front();
    for (StaffId i : members)
      if (world.staff.conscientiousness[i] > world.staff.conscientiousness[absorber[t]])
        absorber[t] = i;
  }
  return absorber;
}

}  // namespace

double raise_probability(const Parameters& p, double trust, int day) {
  const double threshold =
      p.issues.raise_threshold - (p.interventions.difficult_conversations.active_on(day)
                                      ? p.interventions.difficult_conversations.threshold_shift
                                      : 0.0);
  return 1.0 / (1.0 + std::exp(-p.issues.raise_steepness * (trust - threshold)));
}

RaisedIssues raise_issues(const World& world, int day, Localities localities, DayTally& tally) {
  const auto& p = world.p;
  const auto absorber = most_conscientious_per_team(world, localities);
  const std::size_t first_team = localities.first * world.teams_per_locality();

  struct Effect {
    TrustUpdate update;  // when `left` is none
    IssueLeft left;
  };
  const auto effects = collect_per_staff<Effect>(
      world.slots_of(localities), tally, [&](StaffId i, std::vector<Effect>& out, DayTally& t) {
        const Staff& s = world.staff;
        if (!s.active[i]) return;
        RandomStream rng(world.seed, Purpose::issue, static_cast<std::uint32_t>(day), i);
        const int issues = rng.poisson(p.issues.per_person_per_day);
        for (int k = 0; k < issues; ++k) {
          StaffId j = i;
          if (!find_counterpart(world, i, rng, j)) continue;
          if (rng.chance(raise_probability(p, world.trust_between(i, j, day), day))) {
            ++t.issues_raised;
            const double culture = world.culture_factor(i, j);
            if (rng.chance(resolve_probability(world, i, j, day))) {
              ++t.issues_resolved;
              const auto gain = static_cast<float>(p.trust.resolved_gain * culture);
              out.push_back({{i, j, gain, 0.0f}, {}});
              out.push_back({{j, i, gain * 0.5f, 0.0f}, {}});
              continue;
            }
            out.push_back({{i, j, 0.0f, static_cast<float>(p.trust.unresolved_loss)}, {}});
          } else {
            ++t.issues_unraised;
          }
          // Not raised, or raised in vain: someone works around it, or nobody does.
          const StaffId hero = absorber[static_cast<std::size_t>(s.team[i]) - first_team];
          if (rng.chance(p.staff.hero_absorb_probability * s.conscientiousness[hero]))
            out.push_back({{}, {IssueLeft::to_workaround, hero}});
          else if (rng.chance(p.issues.workaround_probability))
            out.push_back({{}, {IssueLeft::to_workaround, i}});
          else
            out.push_back({{}, {IssueLeft::unresolved, 0}});
        }
      });

  RaisedIssues raised;
  for (const auto& e : effects) {
    if (e.left.kind == IssueLeft::none)
      raised.trust_changes.push_back(e.update);
    else
      raised.left.push_back(e.left);
  }
  return raised;
}

void settle_issues(World& world, int day, const RaisedIssues& raised) {
  const bool explicit_now = world.p.interventions.explicit_workarounds.active_on(day);
  for (const IssueLeft& left : raised.left) {
    if (left.kind == IssueLeft::unresolved) {
      leave_unresolved(world);
      continue;
    }
    world.workarounds.push_back({world.next_workaround_id++, left.holder,
                                 world.staff.generation[left.holder],
                                 world.staff.home_team[left.holder], explicit_now});
  }
}

}  // namespace trustsim
