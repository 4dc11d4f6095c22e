// The kinds of colleague the daily trust means sum a slot's excess towards,
// kept as running sums per slot by TrustNetwork (trust_network.hpp). A tie
// counts in every category whose rule it meets, and in none unless its
// target is in post; a tie whose target is in post also carries the
// in_post bit, which selects no sum but makes the tie count among its
// row's ties changed today (working trust, observation.hpp). To add a
// category, add its name to TieCategory and its rule to tie_categories();
// if the rule reads staff state that can change during a run, add that
// state to standing() too.
#pragma once

#include <cstdint>

#include "model/world.hpp"

namespace trustsim {

enum TieCategory : unsigned {
  own_team,             // the slot's current team
  other_teams,          // the other teams of its locality
  other_organisations,  // the other employers of its locality (overlaps both)
  tie_category_count
};

inline constexpr unsigned in_post = 1u << 31;  // above every category's bit

// Bit mask of the categories tie from->to counts in, as the staff stand now.
inline unsigned tie_categories(const Staff& s, StaffId from, StaffId to) {
  if (!s.active[to]) return 0;
  const bool team = s.team[to] == s.team[from];
  const bool locality = s.locality[to] == s.locality[from];
  const bool organisation = s.organisation[to] == s.organisation[from];
  return in_post | (team ? 1u << own_team : 0u) | (!team && locality ? 1u << other_teams : 0u) |
         (!organisation && locality ? 1u << other_organisations : 0u);
}

// What tie_categories() reads of a slot that can change during a run: who
// is in post (generation, active) and in which team (a post's locality and
// employer never change). When it changes (a leaver, a newcomer, a
// secondment), the rows of the slot and the rows with a tie to it are
// summed afresh.
inline std::uint64_t standing(const Staff& s, StaffId i) {
  return (std::uint64_t{s.generation[i]} << 33) |
         (std::uint64_t{static_cast<std::uint32_t>(s.team[i])} << 1) |
         std::uint64_t{s.active[i] != 0};
}

}  // namespace trustsim
