// Every intervention that asks something of staff has a measurable time
// cost (S1: "'Simple' fixes are time consuming and need acknowledging";
// "System working requires significant investment in time"). The cause
// changed is the intervention's own time cost (its default against zero),
// the effect measured is all hours worked. Aligned incentives are an
// organisational contract and cost staff no time.
//
// Net of what they save, some interventions lower hours worked (explicit
// workarounds take half the holding time; data sharing resolves issues
// that would otherwise be held): printed below, not claimed.
#include "replicates.hpp"

using namespace trustsim;
using namespace trustsim::stylised;

namespace {

struct Costed {
  const char* name;
  std::function<void(Interventions&)> switch_on;
  std::function<void(Interventions&)> make_free;
  // Where the intervention has something to do: new rituals convene only
  // gatherings the habit no longer holds, so they are costed in the year
  // after a disruption.
  // (Empty: the defaults.)
  std::function<void(Parameters&)> setting{};
};

}  // namespace

// The arms of each comparison share seeds, so they are compared pair by
// pair. Hero awareness (a handover of a few minutes, rarely) and data
// sharing (six minutes a cross-organisation request) cost too little to
// show in total hours against replicate noise (paired t 1.8 and 1.2 with
// 20 replicates): their charges are checked directly in
// tests/model/time_budget_test.cpp, and here only printed. Just culture's
// cost shows only narrowly (paired t 3.05: an hour a month each).
// New rituals are costed in the year after a disruption, where they
// convene gatherings.
static void compare(const Costed& c, bool claim, const std::vector<RunResult>& without_runs) {
  // All hours worked: a vacant post's work falls on colleagues, so the
  // total is steadier than hours per person-day, which rise with vacancies.
  const auto hours = [](const RunResult& r) { return r.hours_worked; };
  Parameters world = baseline();
  if (c.setting) c.setting(world);
  Parameters costed = world;
  c.switch_on(costed.interventions);
  Parameters free = costed;
  c.make_free(free.interventions);
  const auto with_cost = measured(replicate(costed, 20), hours);
  const auto at_none = measured(replicate(free, 20), hours);
  const std::string what =
      std::string("hours worked, ") + c.name + " at its time cost over at none";
  if (claim) {
    require_higher_paired(what, with_cost, at_none);
  } else {
    std::vector<double> d;
    for (std::size_t r = 0; r < with_cost.size(); ++r) d.push_back(with_cost[r] - at_none[r]);
    const Sample p = sample(d);
    std::printf("stylised: %s (not claimed): effect %+.4g, paired t = %.2f\n", what.c_str(), p.mean,
                p.mean / std::sqrt(p.variance / static_cast<double>(p.n)));
  }
  const auto without = sample(measured(without_runs, hours));
  const auto net = sample(with_cost);
  std::printf("stylised: net hours worked, with %s over without: %+.4g (t = %.2f)\n", c.name,
              net.mean - without.mean, welch_t(net, without));
}

TEST_CASE("every intervention that asks staff for time costs hours worked", "[stylised][time]") {
  const Costed claimed[] = {
      {"explicit workarounds", [](Interventions& i) { i.explicit_workarounds.enabled = true; },
       [](Interventions& i) { i.explicit_workarounds.revisit_hours = 0; }},
      {"facilitators", [](Interventions& i) { i.facilitators.enabled = true; },
       [](Interventions& i) { i.facilitators.hours_per_introduction = 0; }},
      {"difficult conversations",
       [](Interventions& i) { i.difficult_conversations.enabled = true; },
       [](Interventions& i) { i.difficult_conversations.hours_per_conversation = 0; }},
      {"fluid teams", [](Interventions& i) { i.fluid_teams.enabled = true; },
       [](Interventions& i) { i.fluid_teams.induction_days = 0; }},
      {"just culture", [](Interventions& i) { i.just_culture.enabled = true; },
       [](Interventions& i) { i.just_culture.review_hours = 0; }},
      {"new rituals", [](Interventions& i) { i.new_rituals.enabled = true; },
       [](Interventions& i) { i.new_rituals.hours = i.new_rituals.organise_hours = 0; },
       [](Parameters& p) {
         p.days = 260;
         p.rituals.disruption_days = {0};
       }},
  };
  // The world without any intervention, once for the costs at the defaults
  // (new rituals, in the year after a disruption, have their own).
  const auto defaults = replicate(baseline(), 20);
  const auto without = [&defaults](const Costed& c) {
    if (!c.setting) return defaults;
    Parameters world = baseline();
    c.setting(world);
    return replicate(world, 20);
  };
  for (const auto& c : claimed) compare(c, true, without(c));
  const Costed small[] = {
      {"hero awareness", [](Interventions& i) { i.hero_awareness.enabled = true; },
       [](Interventions& i) { i.hero_awareness.handover_hours = 0; }},
      {"data sharing", [](Interventions& i) { i.data_sharing.enabled = true; },
       [](Interventions& i) { i.data_sharing.hours_per_request = 0; }},
  };
  for (const auto& c : small) compare(c, false, without(c));
}

// Too much of an intervention that takes staff time does harm: dosed so
// that it overloads staff, it burns them out and they leave. The cause
// changed is the dose; the effect measured is leaving, which the dose
// reaches only through hours worked, overload and burnout. Aligned
// incentives take no staff time and cannot be overdosed this way.
TEST_CASE("an overdose of an intervention that takes everyone's time drives staff away",
          "[stylised][time]") {
  const std::vector<std::pair<std::string, std::function<void(Parameters&)>>> overdoses = {
      {"leavers, explicit workarounds revisited daily for 2 hours each",
       [](Parameters& p) {
         p.interventions.explicit_workarounds.enabled = true;
         p.interventions.explicit_workarounds.revisit_hours = 2.0;
         p.workarounds.revisit_interval_days = 1;
       }},
      {"leavers, difficult conversations of 4 hours",
       [](Parameters& p) {
         p.interventions.difficult_conversations.enabled = true;
         p.interventions.difficult_conversations.hours_per_conversation = 4.0;
       }},
      {"leavers, everyone rotated every 10 days",
       [](Parameters& p) {
         auto& f = p.interventions.fluid_teams;
         f.enabled = true;
         f.share = 1.0;
         f.rotation_interval_days = 10;
         f.secondment_days = 10;
       }},
      {"leavers, daily learning reviews of 3 hours",
       [](Parameters& p) {
         auto& j = p.interventions.just_culture;
         j.enabled = true;
         j.review_interval_days = 1;
         j.review_hours = 3.0;
       }},
      {"leavers, daily convened gatherings of 3 hours",
       [](Parameters& p) {
         auto& r = p.interventions.new_rituals;
         r.enabled = true;
         r.interval_days = 1;
         r.hours = 3.0;
       }},
  };
  require_each_everywhere(overdoses, "none", outcome_of(Outcome::leavers), 20);
}

// Two interventions whose time falls on few people and few occasions do
// not harm even at absurd doses: hero handovers (3 hours each, from barely
// any load) happen only while someone holds two or more workarounds, and
// relieve them; data-sharing requests (4 hours each) come to about one a
// person a fortnight. Leavers t -0.8 to -0.2 and 0.2 to 1.2 across the six
// worlds (issue 12 report): tagged [.finding] (run by
// `stylised_tests [finding]`), printed, not forced.
TEST_CASE("an overdose of hero handovers or data-sharing requests drives staff away",
          "[stylised][time][.finding]") {
  require_everywhere(
      "leavers, hero handovers of 3 hours from barely any load over none",
      [](Parameters& p) {
        auto& h = p.interventions.hero_awareness;
        h.enabled = true;
        h.load_threshold = 0.76;
        h.handover_hours = 3.0;
      },
      [](Parameters&) {}, outcome_of(Outcome::leavers), 10);
  require_everywhere(
      "leavers, data-sharing requests of 4 hours over none",
      [](Parameters& p) {
        p.interventions.data_sharing.enabled = true;
        p.interventions.data_sharing.hours_per_request = 4.0;
      },
      [](Parameters&) {}, outcome_of(Outcome::leavers), 10);
}
