// The state of one run: staff slots, teams, trust and workarounds. Plain
// data; the rules of a day are free functions in the other files here.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/day_tally.hpp"
#include "model/parameters.hpp"
#include "model/trust_network.hpp"

namespace trustsim {

class RandomStream;

// A staff slot is a post in a team. The person in it changes when someone
// leaves and a newcomer is hired; `generation` tells them apart.
struct Staff {
  std::vector<std::int32_t> home_team;
  std::vector<std::int32_t> team;  // differs from home_team while seconded
  std::vector<std::int32_t> locality;
  std::vector<std::int32_t> site;
  std::vector<std::int32_t> profession;
  std::vector<Organisation> organisation;
  std::vector<double> conscientiousness;
  std::vector<double> burnout;
  std::vector<double> load;                 // hours worked / hours_per_day, as of yesterday's end
  std::vector<double> hours;                // hours worked today so far (time budget)
  std::vector<std::uint8_t> on_site;        // today
  std::vector<std::uint8_t> participated;   // took part in a meeting today
  std::vector<std::int32_t> induction_end;  // first day past induction into the current team
  std::vector<std::int32_t> hired_day;
  std::vector<std::uint32_t> generation;
  std::vector<std::uint8_t> active;
  std::vector<std::int32_t> vacant_until;    // day a vacancy is filled
  std::vector<std::int32_t> secondment_end;  // -1: not seconded
  std::vector<std::uint8_t> facilitator;
  // How far the chance of still being in post can fall before the holder
  // leaves, as a factor above 1: drawn when they take the post
  // (draw_leaving_margin), used up day by day (attrition.cpp).
  std::vector<double> leaving_margin;

  std::size_t size() const { return home_team.size(); }
  bool in_induction(StaffId i, int day) const { return day < induction_end[i]; }
};

struct Team {
  std::string name;
  std::int32_t locality = 0;
  std::int32_t site = 0;              // where its meetings are held
  double on_site_share = 0.0;         // work.on_site_share unless the team overrides it
  std::vector<StaffId> members;       // active staff currently in the team
  double psychological_safety = 0.0;  // the team's climate, in [0,1] (climate.cpp)
  double ritual_strength = 0.0;       // how established its gatherings are (rituals.cpp)
};

struct Workaround {
  std::uint32_t id;  // creation order: addresses its random draws
  StaffId holder;
  std::uint32_t holder_generation;
  std::int32_t team;  // the holder's home team, which inherits explicit ones
  bool is_explicit;
  bool absorbed;  // taken on from a colleague: its holder is a lone hero
  // Its fate, drawn when it is made (make_workaround): the day its need
  // passes, and how far its chance of having survived every day so far can
  // still fall before it fails, as a factor above 1.
  std::int32_t need_passes_on = 0;
  double survival_margin = 1.0;
};

// The workarounds held, locality by locality, each locality's in creation
// order. A workaround stays in the locality it was made in (whoever takes
// it over is in the holder's team or home team), so each locality's can
// be kept in parallel (workarounds.cpp, attrition.cpp); what they leave
// behind is then handled in creation order over all localities, as one
// list would have it.
struct HeldWorkarounds {
  std::vector<std::vector<Workaround>> of_locality;

  void add(std::int32_t locality, const Workaround& w) {
    of_locality[static_cast<std::size_t>(locality)].push_back(w);
  }
  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& held : of_locality) n += held.size();
    return n;
  }
  bool empty() const { return size() == 0; }
  // All of them, in creation order.
  std::vector<Workaround> all() const;
};

// Consecutive localities [first, end): what a day's trust phases work on.
// Nobody meets, contacts or raises an issue with anyone outside their own
// locality, so the phases for different localities touch different trust
// rows and can run one locality at a time (day.cpp).
struct Localities {
  std::size_t first = 0;
  std::size_t end = 0;
};

// An issue nobody raised or worked around, carrying a daily incident risk.
struct UnresolvedIssue {
  std::uint32_t id;  // creation order: addresses its random draws
  IssueCause cause;
  std::int32_t team;  // the team of the post it arose in
  // Its fate, drawn when it is left (leave_unresolved): the day it would
  // cause an incident, and the day its need passes; the first of the two
  // happens, the incident if they fall on the same day.
  std::int32_t incident_on = 0;
  std::int32_t need_passes_on = 0;
};

struct World {
  World(const Parameters& parameters, std::uint64_t seed);

  const Parameters p;  // a copy: a world must not outlive what it was built from
  std::uint64_t seed;
  Staff staff;
  std::vector<Team> teams;
  std::vector<std::vector<StaffId>> locality_members;  // active staff
  // Staff are laid out locality by locality and a slot keeps its locality.
  std::vector<SlotRange> locality_slots;
  std::vector<std::string> profession_names;
  std::vector<std::string> site_names;
  TrustNetwork trust;
  HeldWorkarounds workarounds;
  std::uint32_t next_workaround_id = 0;
  std::vector<UnresolvedIssue> unresolved;
  std::uint32_t next_unresolved_id = 0;
  std::vector<double> held_load;  // per slot: hours a day holding workarounds

  double baseline(StaffId from, StaffId to) const {
    return p.trust.stranger_baseline +
           (staff.profession[from] == staff.profession[to] ? p.trust.same_profession_bonus : 0.0) +
           (staff.organisation[from] == staff.organisation[to] ? p.trust.same_organisation_bonus
                                                               : 0.0);
  }
  double trust_between(StaffId from, StaffId to, int day) const {
    return baseline(from, to) + trust.excess(from, to, staff.generation[to], day);
  }
  // Seed 2: differences in working culture slow trust across organisations.
  double culture_factor(StaffId a, StaffId b) const {
    return staff.organisation[a] == staff.organisation[b] ? 1.0 : 1.0 - p.barriers.culture_distance;
  }

  Localities all_localities() const { return {0, locality_slots.size()}; }
  SlotRange slots_of(Localities l) const {
    return {locality_slots[l.first].begin, locality_slots[l.end - 1].end};
  }
  // Every locality has the same teams, numbered locality by locality.
  std::size_t teams_per_locality() const { return teams.size() / locality_slots.size(); }
  // The teams of a locality, [first, end).
  std::pair<std::size_t, std::size_t> teams_of(std::size_t locality) const {
    return {locality * teams_per_locality(), (locality + 1) * teams_per_locality()};
  }

  // Rebuilds team and locality member lists after hiring, leaving or
  // rotation: everywhere, locality by locality in parallel, or in one
  // locality. A slot keeps its locality and a secondment stays within it,
  // so each team's members are found, in slot order, among its own
  // locality's slots.
  void refresh_membership();
  void refresh_membership(std::size_t locality);
};

// Conscientiousness of a new member of staff: the propensity to absorb
// others' work that makes a lone hero.
double draw_conscientiousness(const StaffParameters& p, RandomStream& rng);

// The leaving margin of the `generation`-th holder of a post (attrition.cpp).
double draw_leaving_margin(std::uint64_t seed, StaffId slot, std::uint32_t generation);

}  // namespace trustsim
