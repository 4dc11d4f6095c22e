// Suggestions for typos: the known name closest to what the user wrote.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustsim {

// Levenshtein distance (insertions, deletions, substitutions, each 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `name`, if it is close enough to be a plausible
// typo (at most a third of the name's length, and at least 2, edits away).
std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& candidates);

}  // namespace trustsim
