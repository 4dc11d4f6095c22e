#include "model/trust_network.hpp"

#include <algorithm>
#include <cmath>

namespace trustsim {

TrustNetwork::TrustNetwork(std::size_t slots, double half_life_days, int horizon_days,
                           double prune_below)
    : rows_(slots), decay_by_age_(static_cast<std::size_t>(horizon_days) + 1),
      prune_below_(prune_below) {
  for (std::size_t age = 0; age < decay_by_age_.size(); ++age)
    decay_by_age_[age] = std::exp2(-static_cast<double>(age) / half_life_days);
}

TrustTie* TrustNetwork::find(StaffId from, StaffId to, std::uint32_t to_generation) {
  for (auto& tie : rows_[from])
    if (tie.to == to && tie.to_generation == to_generation) return &tie;
  return nullptr;
}

double TrustNetwork::excess(StaffId from, StaffId to, std::uint32_t to_generation,
                            int day) const {
  for (const auto& tie : rows_[from])
    if (tie.to == to && tie.to_generation == to_generation)
      return tie.excess * decay(day - tie.day);
  return 0.0;
}

void TrustNetwork::set_excess(StaffId from, StaffId to, std::uint32_t to_generation,
                              double excess, int day) {
  if (TrustTie* tie = find(from, to, to_generation)) {
    tie->excess = static_cast<float>(excess);
    tie->day = day;
  } else {
    rows_[from].push_back({to, to_generation, static_cast<float>(excess), day});
  }
}

void TrustNetwork::apply_one(const TrustUpdate& u, int day, double baseline,
                             std::uint32_t to_generation) {
  TrustTie* tie = find(u.from, u.to, to_generation);
  const double before = baseline + (tie ? tie->excess * decay(day - tie->day) : 0.0);
  const double after = std::clamp(before + u.gain * (1.0 - before) - u.loss * before, 0.0, 1.0);
  if (tie) {
    tie->excess = static_cast<float>(after - baseline);
    tie->day = day;
  } else {
    rows_[u.from].push_back({u.to, to_generation, static_cast<float>(after - baseline), day});
  }
}

std::size_t TrustNetwork::tie_count() const {
  std::size_t n = 0;
  for (const auto& row : rows_) n += row.size();
  return n;
}

}  // namespace trustsim
