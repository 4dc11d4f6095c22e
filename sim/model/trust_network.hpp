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
//
// The daily trust means need each row's excess today summed by the kind of
// colleague it is towards (tie_categories.hpp). Summing every tie every day
// was a quarter of a large run's time, for a handful of changes a row gets
// in a day, so each row keeps running sums instead: every tie's excess times
// 2^((d - r) / half-life), d the day it was set and r the row's reference
// day, so that decay scales a whole sum at once (today's sum is the running
// sum times 2^(-(today - r) / half-life)). Updates add their change in O(1).
// A row is summed afresh, with today as its reference day, only when its
// own slot or a slot it has a tie to changed standing (someone left, was
// hired or moved team), when it was changed without categories, or when
// its reference day is so old that the scaled sums could overflow. It is
// pruned when one of its ties may have decayed to within prune_below of
// baseline (the row keeps a lower bound on its faintest tie): the ties
// dropped leave the sums as they entered them, and the rest stay as they
// are. Pruning therefore happens on the same days as when every row was
// scanned daily, and rows stay bit-identical; the sums differ from a daily
// scan's only by the order of summation.
//
// Working trust (observation.hpp) needs each row's ties changed today, their
// trust summed and their number: a tie is counted when an update first
// changes it today, and a later update the same day replaces its term, so
// each tie counts once, at its trust after the day's last change. A row
// summed afresh counts its ties dated today in the same pass.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "model/slot_filter.hpp"
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
  // `categories`: how many kinds of colleague the running sums keep apart.
  TrustNetwork(std::size_t slots, double half_life_days, int horizon_days, double prune_below,
               std::size_t categories = 1);

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
    targets_[slot] = {};
    row_sums_[slot].faintest = -std::numeric_limits<double>::infinity();
  }

  void set_excess(StaffId from, StaffId to, std::uint32_t to_generation, double excess, int day);

  // Applies the updates, bucketed by source so that each row is changed by
  // one thread, in the order given: the result does not depend on threads.
  // baseline(from, to) gives the pair's stranger trust; generation(to) the
  // current holder of a slot. Returns the number of updates applied.
  // categories(from, to) gives the bit mask of the running sums a tie
  // counts in (bit k < categories: category k; bits from `categories` up
  // select none). A tie with any bit set counts among its row's ties changed
  // today, one with none counts nowhere (e.g. towards someone not in post).
  // Without it, the rows changed are summed afresh when next measured.
  template <class Baseline, class Generation, class Categories>
  std::size_t apply(const std::vector<TrustUpdate>& updates, int day, const Baseline& baseline,
                    const Generation& generation, const Categories& categories);
  template <class Baseline, class Generation>
  std::size_t apply(const std::vector<TrustUpdate>& updates, int day, const Baseline& baseline,
                    const Generation& generation) {
    return apply(updates, day, baseline, generation,
                 [](StaffId, StaffId) { return unknown_categories; });
  }

  // A row's ties changed today and still stored (and counted: categories
  // not 0): the sum of their trust, baseline plus excess, and their number.
  struct ChangedToday {
    double trust = 0.0;
    double ties = 0.0;
  };

  // Row `from`'s excess over baseline today towards each category, into
  // out[0, categories), and its ties changed today: read from its running
  // sums, after pruning the row and summing it afresh (in row order, with
  // categories(to), and baseline(to) for the pair's baseline) when due, as
  // the header says. moved(slot) tells whether what categories() reads of a
  // slot has changed since the row was last measured (`moved_slots`: those
  // slots, or more; empty if none): a row whose own slot moved, or with a
  // tie to one that did, is summed afresh. Rows may be measured in
  // parallel, each by one thread.
  template <class Moved, class Categories, class Baseline>
  ChangedToday excess_today(StaffId from, int day, const std::vector<std::uint32_t>& generation,
                            const SlotFilter& moved_slots, const Moved& moved,
                            const Categories& categories, const Baseline& baseline, double* out);

  // The caller's record of each slot's standing (tie_categories.hpp) when
  // the running sums last counted it, to find the slots that moved.
  std::uint64_t& counted_standing(StaffId slot) { return counted_standing_[slot]; }

  // Drops stale ties and ties decayed to within prune_below of baseline.
  void prune(StaffId from, int day, const std::vector<std::uint32_t>& generation) {
    prune_and_visit(from, day, generation, [](const TrustTie&, double) {});
    row_sums_[from].faintest = -std::numeric_limits<double>::infinity();  // sum afresh
  }

  // Prunes as above and calls visit(tie, excess today) for every tie kept,
  // in row order: the daily measurement needs both, and one pass over the
  // row instead of two halves the day's dominant memory traffic. Rows may be
  // pruned in parallel, each by one thread.
  template <class Visit>
  void prune_and_visit(StaffId from, int day, const std::vector<std::uint32_t>& generation,
                       const Visit& visit) {
    prune_and_visit(from, day, generation, visit, [](const TrustTie&, double) {});
  }
  // The same, and drop(tie, excess today) for every tie dropped.
  template <class Visit, class Drop>
  void prune_and_visit(StaffId from, int day, const std::vector<std::uint32_t>& generation,
                       const Visit& visit, const Drop& drop);

  // Reads the rows of `slots` into cache in one sequential sweep, so that
  // the random reads that follow find them there rather than in memory.
  void warm(SlotRange slots) const;

  // Asks for row `from` to be brought into cache ahead of its use. A phase
  // that visits rows in staff order and reads each at a random position
  // (partner choice) or from its start (find) otherwise waits for memory at
  // every row; asked a few rows ahead, the wait overlaps the work between.
  void prefetch(StaffId from) const {
    const Extent& e = extent_[from];
    prefetch_ties(ties_.data() + e.begin, ties_.data() + e.begin + e.size);
  }

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

  // A row's running sums: its reference day and a lower bound on the
  // smallest |scaled excess| of its ties (-infinity: sum afresh when next
  // measured); and its ties changed on `changed_day` (none if not today).
  struct RowSums {
    double faintest = -std::numeric_limits<double>::infinity();
    std::int32_t reference_day = 0;
    std::int32_t changed_day = -1;
    ChangedToday changed;
  };
  static constexpr unsigned unknown_categories = ~0u;

  // What apply_one changed: the tie's excess and day before (if it existed),
  // its excess now and the pair's baseline.
  struct Change {
    bool existed;
    float excess_before;
    std::int32_t day_before;
    float excess;
    double baseline;
  };

  std::size_t find(StaffId from, StaffId to, std::uint32_t to_generation) const;
  // 2^((day - reference) / half-life), the factor a tie's excess set on
  // `day` is kept at in a row's running sums.
  double scale(const RowSums& r, int day) const {
    return day >= r.reference_day ? growth_[static_cast<std::size_t>(day - r.reference_day)]
                                  : decay_by_age_[static_cast<std::size_t>(r.reference_day - day)];
  }
  void account(StaffId from, const Change& change, int day, unsigned categories);
  // Adds `term` to each of a row's running sums that `categories` selects.
  void add_to_sums(double* sums, unsigned categories, double term) const {
    for (unsigned in = categories & category_bits_, k = 0; in != 0; ++k, in >>= 1)
      if (in & 1u) sums[k] += term;
  }
  // Asks for the cache lines of the arena's ties [begin, end).
  static void prefetch_ties(const StoredTie* begin, const StoredTie* end) {
    const auto* line = reinterpret_cast<const char*>(begin);
    for (; line < reinterpret_cast<const char*>(end); line += 64) __builtin_prefetch(line);
  }
  StoredTie& tie_at(StaffId from, std::size_t k) {
    const Extent& e = extent_[from];
    return k < e.size ? ties_[e.begin + k] : overflow_[from][k - e.size];
  }
  void append(StaffId from, StaffId to, std::uint32_t to_generation, float excess, int day);
  Change apply_one(const TrustUpdate& u, int day, double baseline, std::uint32_t to_generation);
  void lay_out();

  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  std::vector<StoredTie> ties_;                   // the arena: every row's packed ties
  std::vector<Extent> extent_;                    // per row
  std::vector<std::vector<StoredTie>> overflow_;  // per row, ties beyond its room
  // Per row, the slots its ties point to, or more: most rows need not be
  // read to learn that they hold no tie to a slot that moved.
  std::vector<SlotFilter> targets_;
  std::vector<double> decay_by_age_;
  double prune_below_;
  std::size_t categories_;
  unsigned category_bits_;         // the bits of a category mask that select a running sum
  std::vector<RowSums> row_sums_;  // per row
  std::vector<double> scaled_;     // per row and category: the running sums
  std::vector<std::uint64_t> counted_standing_;
  // 2^(k / half-life) for k up to rebase_after_: a row whose reference day
  // is older than that is summed afresh (far below where a double overflows).
  int rebase_after_;
  std::vector<double> growth_;
};

}  // namespace trustsim

#include "model/trust_network_apply.hpp"
