#include "sweep/morris_design.hpp"

#include <numeric>

#include "model/random_stream.hpp"
#include "sweep/design_streams.hpp"

namespace trustsim {

MorrisDesign morris_design(std::size_t factors, int trajectories, int levels, std::uint64_t seed) {
  MorrisDesign design{factors, trajectories, levels, 0.0, {}};
  const double spacing = 1.0 / (levels - 1);
  // Δ = p / (2(p - 1)) is a whole number of levels (p / 2), so that every
  // level is equally likely to be visited (Morris 1991, section 3).
  const int step_levels = levels / 2;
  design.step = step_levels * spacing;
  for (int t = 0; t < trajectories; ++t) {
    RandomStream stream(seed, design_stream::design_sample, design_stream::morris, Subject(t));
    // The lower end of each factor's move: a level from which +Δ stays in
    // the cube, and the direction of the move.
    std::vector<double> point(factors);
    std::vector<double> direction(factors);
    for (std::size_t i = 0; i < factors; ++i) {
      const auto lower = static_cast<double>(stream.below(levels - step_levels));
      const bool upward = stream.chance(0.5);
      direction[i] = upward ? 1.0 : -1.0;
      point[i] = (upward ? lower : lower + step_levels) * spacing;
    }
    std::vector<std::size_t> order(factors);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = factors; i > 1; --i) std::swap(order[i - 1], order[stream.below(i)]);
    design.points.push_back(point);
    for (std::size_t i : order) {
      point[i] += direction[i] * design.step;
      design.points.push_back(point);
    }
  }
  return design;
}

}  // namespace trustsim
