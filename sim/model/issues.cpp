// Everyday issues that need someone in another team or organisation.
// Seed 1 (Team 1, P6): "if there's an issue ... it will be harder for me to
// approach that person with that issue" when trust is low, so the chance of
// raising an issue rises with trust in the counterpart. Seed 2: resolution
// across organisations is hindered by information-sharing limits and
// misaligned financial incentives. What is not raised or not resolved is
// either held as a workaround (often taken on by a conscientious colleague
// with room, the "lone hero") or left unresolved, a patient-safety risk.
// Issues belong to posts: a vacant post's issues still arise, and fall to
// a colleague.
#include <algorithm>
#include <array>
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

// The colleague most willing to take on unheld work in each team of
// `localities` (counted from its first), and the next most willing, for
// when the most willing is the one who left it. Willingness is the absorb
// probability, from yesterday's load, so it is fixed for the day.
struct Absorbers {
  StaffId first = 0, second = 0;
  double p_first = 0.0, p_second = 0.0;
};
std::vector<Absorbers> absorbers_per_team(const World& world, Localities localities) {
  const std::size_t first_team = localities.first * world.teams_per_locality();
  std::vector<Absorbers> out((localities.end - localities.first) * world.teams_per_locality());
  for (std::size_t t = 0; t < out.size(); ++t)
    for (StaffId k : world.teams[first_team + t].members) {
      const double p =
          absorb_probability(world.p.staff, world.staff.conscientiousness[k], world.staff.load[k]);
      Absorbers& a = out[t];
      if (p > a.p_first) {
        a.second = a.first;
        a.p_second = a.p_first;
        a.first = k;
        a.p_first = p;
      } else if (p > a.p_second) {
        a.second = k;
        a.p_second = p;
      }
    }
  return out;
}

}  // namespace

double raise_probability(const Parameters& p, double trust, int day, bool at_meeting,
                         double safety) {
  const double threshold = p.issues.raise_threshold -
                           (p.interventions.difficult_conversations.active_on(day)
                                ? p.interventions.difficult_conversations.threshold_shift
                                : 0.0) -
                           (at_meeting ? p.meetings.participation_raise_shift : 0.0) -
                           p.climate.raise_shift * (safety - 0.5);
  return 1.0 / (1.0 + std::exp(-p.issues.raise_steepness * (trust - threshold)));
}

double absorb_probability(const StaffParameters& p, double conscientiousness, double load) {
  const double room =
      std::clamp((p.absorb_load_limit - load) / (p.absorb_load_limit - 1.0), 0.0, 1.0);
  return p.hero_absorb_probability * conscientiousness * room;
}

// Posts meeting Poisson(rate) issues each, independently, meet Poisson(posts
// x rate) in all, each falling on a post drawn uniformly: the same counts
// in distribution, from one stream a locality rather than one a post, when
// most posts meet none on most days (docs/benchmarks.md, change 55).
std::vector<int> issues_per_post(const World& world, int day, Localities localities) {
  const SlotRange slots = world.slots_of(localities);
  std::vector<int> count(slots.end - slots.begin, 0);
  for (std::size_t l = localities.first; l < localities.end; ++l) {
    const SlotRange posts = world.locality_slots[l];
    const std::size_t size = posts.end - posts.begin;
    if (size == 0) continue;
    RandomStream rng(world.seed, Purpose::issue_count, Day(day),
                     Subject(static_cast<std::uint32_t>(l)));
    const int issues = rng.poisson(world.p.issues.per_person_per_day * static_cast<double>(size));
    for (int k = 0; k < issues; ++k) ++count[posts.begin - slots.begin + rng.below(size)];
  }
  return count;
}

RaisedIssues raise_issues(const World& world, int day, Localities localities, DayTally& tally) {
  const auto& p = world.p;
  const auto& iv = p.interventions;
  const auto absorbers = absorbers_per_team(world, localities);
  const std::size_t first_team = localities.first * world.teams_per_locality();

  struct Effect {
    enum Kind : std::uint8_t { trust_change, issue_left, time_spent, spoke_up } kind;
    TrustUpdate update{};
    IssueLeft left{};
    TimeCharge hours{0, 0.0, Spent::issues};
    SpeakingUp speaking{0, false};
  };
  const SlotRange slots = world.slots_of(localities);
  const std::vector<int> issues_of = issues_per_post(world, day, localities);
  const auto effects = collect_per_staff<Effect>(
      slots, tally,
      [&](StaffId post, std::vector<Effect>& out, DayTally& t) {
        const Staff& s = world.staff;
        // Issues arise in every post; a vacant post's fall to a colleague.
        StaffId i = post;
        const int issues = issues_of[post - slots.begin];
        if (issues == 0) return;
        RandomStream rng(world.seed, Purpose::issue, Day(day), Subject(post));
        const auto post_team =
            static_cast<std::int32_t>(s.active[post] ? s.team[post] : s.home_team[post]);
        if (!s.active[post]) {
          const auto& members = world.teams[static_cast<std::size_t>(post_team)].members;
          if (members.empty()) return;  // nobody left to notice
          RandomStream vrng(world.seed, Purpose::vacant_post_issue, Day(day), Subject(post));
          i = members[vrng.below(members.size())];
        }
        auto spend = [&](StaffId who, double hours, Spent spent) {
          if (hours > 0.0) out.push_back({Effect::time_spent, {}, {}, {who, hours, spent}});
        };
        for (int k = 0; k < issues; ++k) {
          StaffId j = i;
          if (!find_counterpart(world, i, rng, j)) continue;
          bool raised = false;
          const double safety =
              world.teams[static_cast<std::size_t>(s.team[i])].psychological_safety;
          if (rng.chance(raise_probability(p, world.trust_between(i, j, day), day,
                                           s.participated[i], safety))) {
            raised = true;
            ++t.issues_raised;
            t.raised_in_team.push_back(s.team[i]);
            spend(i, p.time.raise_hours, Spent::issues);
            if (iv.difficult_conversations.active_on(day)) {
              spend(i, iv.difficult_conversations.hours_per_conversation, Spent::interventions);
              spend(j, iv.difficult_conversations.hours_per_conversation, Spent::interventions);
            }
            if (iv.data_sharing.active_on(day) && s.organisation[i] != s.organisation[j])
              spend(i, iv.data_sharing.hours_per_request, Spent::interventions);
            const double culture = world.culture_factor(i, j);
            if (rng.chance(resolve_probability(world, i, j, day))) {
              ++t.issues_resolved;
              spend(j, p.time.resolve_hours, Spent::issues);
              const auto gain = static_cast<float>(p.trust.resolved_gain * culture);
              out.push_back({Effect::trust_change, {i, j, gain, 0.0f}});
              out.push_back({Effect::trust_change, {j, i, gain * 0.5f, 0.0f}});
              out.push_back({Effect::spoke_up, {}, {}, {}, {s.team[i], true}});
              continue;
            }
            out.push_back(
                {Effect::trust_change, {i, j, 0.0f, static_cast<float>(p.trust.unresolved_loss)}});
            out.push_back({Effect::spoke_up, {}, {}, {}, {s.team[i], false}});
          } else {
            ++t.issues_unraised;
            t.withheld_by.push_back(i);
            t.withheld_in_team.push_back(s.team[i]);
          }
          // Not raised, or raised in vain: the most willing colleague may take
          // it on, or the one who has it works around it, or nobody does.
          const Absorbers& a = absorbers[static_cast<std::size_t>(s.team[i]) - first_team];
          const bool other_first = a.first != i;
          const StaffId hero = other_first ? a.first : a.second;
          const double willing = other_first ? a.p_first : a.p_second;
          if (hero != i && rng.chance(willing))
            out.push_back({Effect::issue_left, {}, {IssueLeft::to_workaround, hero, true}});
          else if (rng.chance(p.issues.workaround_probability))
            out.push_back({Effect::issue_left, {}, {IssueLeft::to_workaround, i, false}});
          else
            out.push_back({Effect::issue_left,
                           {},
                           {IssueLeft::unresolved, 0, false,
                            raised ? IssueCause::delayed : IssueCause::unraised, post_team}});
        }
      },
      6.0 * p.issues.per_person_per_day);  // an issue has up to six effects

  // Each list sized first: growing four lists effect by effect was a
  // fifth of a small run's allocations.
  std::array<std::size_t, 4> of_kind{};
  for (const auto& e : effects) ++of_kind[e.kind];
  RaisedIssues raised;
  raised.trust_changes.reserve(of_kind[Effect::trust_change]);
  raised.left.reserve(of_kind[Effect::issue_left]);
  raised.time.reserve(of_kind[Effect::time_spent]);
  raised.spoken.reserve(of_kind[Effect::spoke_up]);
  for (const auto& e : effects) switch (e.kind) {
      case Effect::trust_change:
        raised.trust_changes.push_back(e.update);
        break;
      case Effect::issue_left:
        raised.left.push_back(e.left);
        break;
      case Effect::time_spent:
        raised.time.push_back(e.hours);
        break;
      case Effect::spoke_up:
        raised.spoken.push_back(e.speaking);
        break;
    }
  return raised;
}

IssueIds reserve_issue_ids(World& world, const RaisedIssues& raised) {
  const IssueIds first{world.next_workaround_id, world.next_unresolved_id};
  for (const IssueLeft& left : raised.left) {
    if (left.kind == IssueLeft::to_workaround) ++world.next_workaround_id;
    if (left.kind == IssueLeft::unresolved) ++world.next_unresolved_id;
  }
  return first;
}

void settle_issues(World& world, int day, const RaisedIssues& raised, IssueIds next,
                   std::vector<UnresolvedIssue>& left_open) {
  update_climate(world, raised.spoken);
  const bool explicit_now = world.p.interventions.explicit_workarounds.active_on(day);
  for (const IssueLeft& left : raised.left) {
    if (left.kind == IssueLeft::unresolved) {
      left_open.push_back(make_unresolved(world, next.unresolved++, left.cause, left.team, day));
      continue;
    }
    world.workarounds.add(
        world.staff.locality[left.holder],
        make_workaround(world, next.workaround++, left.holder, day, explicit_now, left.absorbed));
  }
}

void settle_issues(World& world, int day, const RaisedIssues& raised) {
  const IssueIds first = reserve_issue_ids(world, raised);
  std::vector<UnresolvedIssue> left_open;
  settle_issues(world, day, raised, first, left_open);
  world.unresolved.insert(world.unresolved.end(), left_open.begin(), left_open.end());
}

}  // namespace trustsim
