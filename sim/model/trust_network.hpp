// Directed, sparse trust T(i->j) in [0,1]. Only ties that differ from the
// pair's baseline are stored, each as its excess over baseline on the day it
// last changed; decay toward baseline ("trust needs continual top-up", seed
// 1) is applied lazily when a tie is read, so a day costs in proportion to
// the contacts made, not to the square of the staff count.
//
// Storage is laid out for integrated-care-system scale (10,000+ staff, half
// a million ties), where the model's time goes on reaching ties in memory
// (docs/benchmarks.md). All rows live in one arena in staff order, each with
// room to grow, so that the phases, which visit people in staff order, walk
// memory in order rather than jump between scattered allocations; and each
// tie takes 12 bytes (StoredTie). A row that outgrows its room takes further ties in a
// small overflow list, and the arena is laid out again (same rows, same
// order) once overflow or unused room build up. None of this changes what is
// stored or in what order, so results do not depend on it.
#pragma once

#include <cstdint>
#include <vector>

#include "model/trust_row.hpp"

namespace trustsim {

// One change to one directed tie: T += gain (1 - T) - loss T.
struct TrustUpdate {
  StaffId from;
  StaffId to;
  float gain;
  float loss;
};

class TrustNetwork {
 public:
  TrustNetwork(std::size_t slots, double half_life_days, int horizon_days, double prune_below);

  // Fraction of an excess left after `age` days: exp2(-age / half-life).
  double decay(int age) const { return decay_by_age_[static_cast<std::size_t>(age)]; }

  // Current excess of T(from->to) over baseline, 0 for a stranger.
  double excess(StaffId from, StaffId to, std::uint32_t to_generation, int day) const;

  TrustRow ties_of(StaffId from) const {
    const Extent& e = extent_[from];
    return {ties_.data() + e.begin, e.size, overflow_[from]};
  }

  // A newcomer in `slot` starts trusting nobody beyond baseline. Ties towards
  // the slot's previous holder go stale through their generation.
  void forget(StaffId slot) {
    extent_[slot].size = 0;
    extent_[slot].overflowing = 0;
    overflow_[slot].clear();
  }

  void set_excess(StaffId from, StaffId to, std::uint32_t to_generation, double excess, int day);

  // Applies the updates, bucketed by source so that each row is changed by
  // one thread, in the order given: the result does not depend on threads.
  // baseline(from, to) gives the pair's stranger trust; generation(to) the
  // current holder of a slot. Returns the number of updates applied.
  template <class Baseline, class Generation>
  std::size_t apply(const std::vector<TrustUpdate>& updates, int day, const Baseline& baseline,
                    const Generation& generation);

  // Drops stale ties and ties decayed to within prune_below of baseline.
  void prune(StaffId from, int day, const std::vector<std::uint32_t>& generation) {
    prune_and_visit(from, day, generation, [](const TrustTie&, double) {});
  }

  // Prunes as above and calls visit(tie, excess today) for every tie kept,
  // in row order: the daily measurement needs both, and one pass over the
  // row instead of two halves the day's dominant memory traffic. Rows may be
  // pruned in parallel, each by one thread.
  template <class Visit>
  void prune_and_visit(StaffId from, int day, const std::vector<std::uint32_t>& generation,
                       const Visit& visit);

  // Reads the rows of `slots` into cache in one sequential sweep, so that
  // the random reads that follow find them there rather than in memory.
  void warm(SlotRange slots) const;

  // Lays the arena out afresh if overflow or unused room have built up.
  // Call between phases (not while rows are being changed); results are
  // the same whether or when it is called.
  void tidy();

  std::size_t tie_count() const;

 private:
  // Where a row's packed ties sit in the arena: [begin, begin + size), with
  // room up to begin + capacity; and whether it has ties in overflow, so that
  // a search need not touch the overflow list otherwise. A row overflows only
  // when full: ties in overflow come after the packed ones.
  struct Extent {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    std::uint32_t capacity = 0;
    std::uint32_t overflowing = 0;
  };

  std::size_t find(StaffId from, StaffId to, std::uint32_t to_generation) const;
  StoredTie& tie_at(StaffId from, std::size_t k) {
    const Extent& e = extent_[from];
    return k < e.size ? ties_[e.begin + k] : overflow_[from][k - e.size];
  }
  void append(StaffId from, StaffId to, std::uint32_t to_generation, float excess, int day);
  void apply_one(const TrustUpdate& u, int day, double baseline, std::uint32_t to_generation);
  void lay_out();

  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  std::vector<StoredTie> ties_;                   // the arena: every row's packed ties
  std::vector<Extent> extent_;                    // per row
  std::vector<std::vector<StoredTie>> overflow_;  // per row, ties beyond its room
  std::vector<double> decay_by_age_;
  double prune_below_;
};

}  // namespace trustsim

#include "model/trust_network_apply.hpp"
