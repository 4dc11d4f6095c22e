// Directed, sparse trust T(i->j) in [0,1]. Only ties that differ from the
// pair's baseline are stored, each as its excess over baseline on the day it
// last changed; decay toward baseline ("trust needs continual top-up", seed
// 1) is applied lazily when a tie is read, so a day costs in proportion to
// the contacts made, not to the square of the staff count.
#pragma once

#include <cstdint>
#include <vector>

namespace trustsim {

using StaffId = std::uint32_t;

struct TrustTie {
  StaffId to;
  std::uint32_t to_generation;  // the person in slot `to` when the tie formed
  float excess;                 // T - baseline on `day`
  std::int32_t day;
};

// One change to one directed tie: T += gain (1 - T) - loss T.
struct TrustUpdate {
  StaffId from;
  StaffId to;
  float gain;
  float loss;
};

class TrustNetwork {
 public:
  TrustNetwork(std::size_t slots, double half_life_days, int horizon_days,
               double prune_below);

  // Fraction of an excess left after `age` days: exp2(-age / half-life).
  double decay(int age) const { return decay_by_age_[static_cast<std::size_t>(age)]; }

  // Current excess of T(from->to) over baseline, 0 for a stranger.
  double excess(StaffId from, StaffId to, std::uint32_t to_generation, int day) const;

  const std::vector<TrustTie>& ties_of(StaffId from) const { return rows_[from]; }

  // A newcomer in `slot` starts trusting nobody beyond baseline. Ties towards
  // the slot's previous holder go stale through their generation.
  void forget(StaffId slot) { rows_[slot].clear(); }

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
  // row instead of two halves the day's dominant memory traffic.
  template <class Visit>
  void prune_and_visit(StaffId from, int day, const std::vector<std::uint32_t>& generation,
                       const Visit& visit);

  std::size_t tie_count() const;

 private:
  TrustTie* find(StaffId from, StaffId to, std::uint32_t to_generation);
  void apply_one(const TrustUpdate& u, int day, double baseline, std::uint32_t to_generation);

  std::vector<std::vector<TrustTie>> rows_;
  std::vector<double> decay_by_age_;
  double prune_below_;
  std::vector<std::uint32_t> bucket_start_;
  std::vector<std::uint32_t> bucketed_;
};

}  // namespace trustsim

#include "model/trust_network_apply.hpp"
