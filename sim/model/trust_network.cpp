#include "model/trust_network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "model/parallel.hpp"

namespace trustsim {

namespace {

// Room a row gets when the arena is laid out: a quarter more than it holds,
// and eight more, so that a day's new contacts rarely overflow it.
std::uint32_t room_for(std::size_t ties) { return static_cast<std::uint32_t>(ties + ties / 4 + 8); }

}  // namespace

TrustNetwork::TrustNetwork(std::size_t slots, double half_life_days, int horizon_days,
                           double prune_below, std::size_t categories)
    : extent_(slots),
      overflow_(slots),
      targets_(slots),
      decay_by_age_(static_cast<std::size_t>(horizon_days) + 1),
      prune_below_(prune_below),
      categories_(categories),
      category_bits_((1u << std::min<std::size_t>(categories, 31)) - 1u),
      row_sums_(slots),
      scaled_(slots * categories, 0.0),
      counted_standing_(slots, ~std::uint64_t{0}),
      // 60 half-lives: factors up to 2^60, so sums stay far from overflow.
      rebase_after_(static_cast<int>(
          std::clamp(std::floor(60.0 * half_life_days), 1.0, static_cast<double>(horizon_days)))),
      growth_(static_cast<std::size_t>(rebase_after_) + 1) {
  if (horizon_days > std::numeric_limits<std::uint16_t>::max())
    throw std::invalid_argument("trust network: ties store days in 16 bits; at most 65535 days");
  // The mask's top bit is left for a tie counted in no running sum.
  if (categories > 31) throw std::invalid_argument("trust network: at most 31 tie categories");
  for (std::size_t age = 0; age < decay_by_age_.size(); ++age)
    decay_by_age_[age] = std::exp2(-static_cast<double>(age) / half_life_days);
  for (std::size_t k = 0; k < growth_.size(); ++k)
    growth_[k] = std::exp2(static_cast<double>(k) / half_life_days);
}

std::size_t TrustNetwork::find(StaffId from, StaffId to, std::uint32_t to_generation) const {
  const Extent& e = extent_[from];
  const StoredTie* const packed = ties_.data() + e.begin;
  const auto holds = [&](std::size_t k) {
    return packed[k].to == to && packed[k].to_generation == to_generation;
  };
  // Four ties a step, with one branch for the four: the scan is most of
  // what applying an update costs, and a tie is rarely among any four.
  std::size_t k = 0;
  for (; k + 4 <= e.size; k += 4) {
    if (((packed[k].to == to) | (packed[k + 1].to == to) | (packed[k + 2].to == to) |
         (packed[k + 3].to == to)) == 0)
      continue;
    for (std::size_t m = k; m < k + 4; ++m)
      if (holds(m)) return m;
  }
  for (; k < e.size; ++k)
    if (holds(k)) return k;
  if (e.overflowing == 0) return none;
  const auto& overflow = overflow_[from];
  for (std::size_t k = 0; k < overflow.size(); ++k)
    if (overflow[k].to == to && overflow[k].to_generation == to_generation) return e.size + k;
  return none;
}

void TrustNetwork::append(StaffId from, StaffId to, std::uint32_t to_generation, float excess,
                          int day) {
  // One newcomer a day at most, so generations stay below the day limit
  // the constructor checks; a caller breaking that must not alias old ties.
  if (to_generation > std::numeric_limits<std::uint16_t>::max())
    throw std::out_of_range("trust network: generation beyond 16 bits");
  const StoredTie tie{to, excess, static_cast<std::uint16_t>(day),
                      static_cast<std::uint16_t>(to_generation)};
  targets_[from].add(to);
  Extent& e = extent_[from];
  if (e.size < e.capacity) {  // then nothing is in overflow
    ties_[e.begin + e.size] = tie;
    ++e.size;
  } else {
    overflow_[from].push_back(tie);
    e.overflowing = 1;
  }
}

double TrustNetwork::excess(StaffId from, StaffId to, std::uint32_t to_generation, int day) const {
  const std::size_t k = find(from, to, to_generation);
  if (k == none) return 0.0;
  const TrustTie tie = ties_of(from)[k];
  return tie.excess * decay(day - tie.day);
}

void TrustNetwork::set_excess(StaffId from, StaffId to, std::uint32_t to_generation, double excess,
                              int day) {
  row_sums_[from].faintest = -std::numeric_limits<double>::infinity();  // sum afresh
  const std::size_t k = find(from, to, to_generation);
  if (k == none) return append(from, to, to_generation, static_cast<float>(excess), day);
  StoredTie& tie = tie_at(from, k);
  tie.excess = static_cast<float>(excess);
  tie.day = static_cast<std::uint16_t>(day);
}

TrustNetwork::Change TrustNetwork::apply_one(const TrustUpdate& u, int day, double baseline,
                                             std::uint32_t to_generation) {
  const std::size_t k = find(u.from, u.to, to_generation);
  StoredTie* tie = k == none ? nullptr : &tie_at(u.from, k);
  const double before = baseline + (tie ? tie->excess * decay(day - tie->day) : 0.0);
  const double after = std::clamp(before + u.gain * (1.0 - before) - u.loss * before, 0.0, 1.0);
  const auto excess = static_cast<float>(after - baseline);
  if (!tie) {
    append(u.from, u.to, to_generation, excess, day);
    return {false, 0.0f, 0, excess, baseline};
  }
  const Change change{true, tie->excess, tie->day, excess, baseline};
  tie->excess = excess;
  tie->day = static_cast<std::uint16_t>(day);
  return change;
}

void TrustNetwork::account(StaffId from, const Change& change, int day, unsigned categories) {
  RowSums& r = row_sums_[from];
  if (categories == unknown_categories || day < r.reference_day ||
      day - r.reference_day > rebase_after_) {
    r.faintest = -std::numeric_limits<double>::infinity();  // sum afresh when measured
    return;
  }
  const double now = change.excess * growth_[static_cast<std::size_t>(day - r.reference_day)];
  r.faintest = std::min(r.faintest, std::abs(now));
  if (categories == 0) return;
  if (r.changed_day != day) {
    r.changed_day = day;
    r.changed = {};
  }
  if (change.existed && change.day_before == day) {
    // Counted already today: its term moves to the new value (in double,
    // where the difference of two floats is exact).
    r.changed.trust += double{change.excess} - double{change.excess_before};
  } else {
    r.changed.trust += change.baseline + change.excess;
    r.changed.ties += 1;
  }
  // The tie's old term leaves the sums exactly as it entered them.
  const double delta =
      now - (change.existed ? change.excess_before * scale(r, change.day_before) : 0.0);
  add_to_sums(scaled_.data() + from * categories_, categories, delta);
}

void TrustNetwork::tidy() {
  std::size_t ties = 0, overflowing = 0, room = 0;
  for (StaffId i = 0; i < extent_.size(); ++i) {
    ties += extent_[i].size + overflow_[i].size();
    overflowing += overflow_[i].size();
    room += extent_[i].capacity;
  }
  // Overflow lists are scattered in memory, and unused room is memory walked
  // for nothing: past a thirty-second of the ties, or twice the room they need,
  // a fresh layout costs less than living with them.
  if (32 * overflowing > ties || room > 2 * (ties + 4 * extent_.size())) lay_out();
}

void TrustNetwork::lay_out() {
  std::vector<Extent> laid(extent_.size());
  std::size_t end = 0;
  for (StaffId i = 0; i < extent_.size(); ++i) {
    const std::size_t ties = extent_[i].size + overflow_[i].size();
    laid[i] = {static_cast<std::uint32_t>(end), static_cast<std::uint32_t>(ties), room_for(ties),
               0};
    end += laid[i].capacity;
  }
  if (end > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("trust network: more than 2^32 ties");
  std::vector<StoredTie> ties(end);
  parallel_chunks(0, extent_.size(), 256, [&](std::size_t first, std::size_t last) {
    for (std::size_t i = first; i != last; ++i) {
      const Extent& e = extent_[i];
      StoredTie* const out = ties.data() + laid[i].begin;
      std::copy_n(ties_.data() + e.begin, e.size, out);
      std::copy(overflow_[i].begin(), overflow_[i].end(), out + e.size);
    }
  });
  for (auto& overflow : overflow_) overflow.clear();
  ties_.swap(ties);
  extent_.swap(laid);
}

void TrustNetwork::warm(SlotRange slots) const {
  if (slots.begin == slots.end) return;
  const Extent& last = extent_[slots.end - 1];
  prefetch_ties(ties_.data() + extent_[slots.begin].begin, ties_.data() + last.begin + last.size);
}

std::size_t TrustNetwork::tie_count() const {
  std::size_t n = 0;
  for (StaffId i = 0; i < extent_.size(); ++i) n += extent_[i].size + overflow_[i].size();
  return n;
}

}  // namespace trustsim
