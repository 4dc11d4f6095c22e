// TrustNetwork's templates: apply, so the hot loop inlines the pair's
// baseline, and prune_and_visit, so the daily scan inlines its visitor.
#pragma once

#include <algorithm>
#include <cmath>

#include "model/parallel.hpp"

namespace trustsim {

template <class Baseline, class Generation, class Categories>
std::size_t TrustNetwork::apply(const std::vector<TrustUpdate>& updates, int day,
                                const Baseline& baseline, const Generation& generation,
                                const Categories& categories) {
  if (updates.empty()) return 0;
  auto apply_each = [&](const TrustUpdate& u) {
    const Change change = apply_one(u, day, baseline(u.from, u.to), generation(u.to));
    account(u.from, change, day, categories(u.from, u.to));
  };
  StaffId first = updates.front().from, last = first;
  for (const auto& u : updates) {
    first = std::min(first, u.from);
    last = std::max(last, u.from);
  }
  const std::size_t rows = last - first + 1;
  constexpr std::size_t rows_per_chunk = 256;
  // An update changes only its source's row, so what matters is the order
  // of each row's updates. Rows few enough for one thread (one locality's,
  // when run_day applies them) take the updates as given, which is that
  // order, without sorting them first: at the baseline's size the sort
  // cost a fifth as much as the applying (docs/benchmarks.md, change 22).
  if (rows <= rows_per_chunk) {
    for (const auto& u : updates) apply_each(u);
    return updates.size();
  }
  // Counting sort by source keeps each source's updates in their given
  // order; each chunk of rows then goes to one thread. Scratch is local:
  // localities are applied concurrently.
  std::vector<std::uint32_t> bucket_start(rows + 1, 0);
  for (const auto& u : updates) ++bucket_start[u.from - first + 1];
  for (std::size_t r = 1; r <= rows; ++r) bucket_start[r] += bucket_start[r - 1];
  std::vector<TrustUpdate> bucketed(updates.size());
  {
    std::vector<std::uint32_t> next(bucket_start.begin(), bucket_start.end() - 1);
    for (const auto& u : updates) bucketed[next[u.from - first]++] = u;
  }
  parallel_chunks(0, rows, rows_per_chunk, [&](std::size_t first_row, std::size_t end_row) {
    const auto end = bucket_start[end_row];
    for (auto k = bucket_start[first_row]; k < end; ++k) {
      const TrustUpdate& u = bucketed[k];
      // find() will scan the row of the update a few ahead: ask for it now.
      constexpr std::uint32_t ahead = 4;
      if (k + ahead < end && bucketed[k + ahead].from != bucketed[k + ahead - 1].from)
        prefetch(bucketed[k + ahead].from);
      apply_each(u);
    }
  });
  return updates.size();
}

template <class Visit, class Drop>
void TrustNetwork::prune_and_visit(StaffId from, int day,
                                   const std::vector<std::uint32_t>& generation, const Visit& visit,
                                   const Drop& drop) {
  // A stable compaction: kept ties keep their order, which partner choice (a
  // random position in the row) depends on. Plain pointers, so that the
  // compiler keeps them in registers across the stores.
  Extent& e = extent_[from];
  StoredTie* const packed = ties_.data() + e.begin;
  const double* const decay_by_age = decay_by_age_.data();
  const std::uint32_t* const holder = generation.data();
  const double prune_below = prune_below_;
  auto keep = [&](const StoredTie& tie, double& excess) {
    excess = tie.excess * decay_by_age[day - tie.day];
    return tie.to_generation == holder[tie.to] && std::abs(excess) >= prune_below;
  };
  std::size_t kept = 0;
  for (std::size_t k = 0; k < e.size; ++k) {
    const StoredTie tie = packed[k];
    double excess;
    if (!keep(tie, excess)) {
      drop(tie.unpacked(), excess);
      continue;
    }
    if (kept != k) packed[kept] = tie;
    ++kept;
    visit(tie.unpacked(), excess);
  }
  e.size = static_cast<std::uint32_t>(kept);
  if (e.overflowing == 0) return;

  // Overflow follows the packed ties: its kept ties move into the room the
  // pruning freed, in order, and the rest stay in overflow.
  auto& overflow = overflow_[from];
  std::size_t still_over = 0;
  for (const StoredTie& tie : overflow) {
    double excess;
    if (!keep(tie, excess)) {
      drop(tie.unpacked(), excess);
      continue;
    }
    if (e.size < e.capacity)
      packed[e.size++] = tie;
    else
      overflow[still_over++] = tie;
    visit(tie.unpacked(), excess);
  }
  overflow.resize(still_over);
  e.overflowing = still_over > 0 ? 1 : 0;
}

template <class Moved, class Categories, class Baseline>
TrustNetwork::ChangedToday TrustNetwork::excess_today(StaffId from, int day,
                                                      const std::vector<std::uint32_t>& generation,
                                                      const SlotFilter& moved_slots,
                                                      const Moved& moved,
                                                      const Categories& categories,
                                                      const Baseline& baseline, double* out) {
  RowSums& r = row_sums_[from];
  double* const sums = scaled_.data() + from * categories_;
  auto touches_moved = [&] {
    if (moved(from)) return true;
    if (!targets_[from].meets(moved_slots)) return false;
    const Extent& e = extent_[from];
    const StoredTie* const packed = ties_.data() + e.begin;
    for (std::size_t k = 0; k < e.size; ++k)
      if (moved(packed[k].to)) return true;
    for (const StoredTie& tie : overflow_[from])
      if (moved(tie.to)) return true;
    return false;
  };
  // Summed afresh when the running sums cannot be trusted: never summed, or
  // changed without categories (faintest -infinity), too old a reference
  // day, or a slot whose categories the sums used has moved.
  bool afresh = day < r.reference_day || day - r.reference_day > rebase_after_ ||
                r.faintest == -std::numeric_limits<double>::infinity() ||
                (!moved_slots.empty() && touches_moved());
  // Pruned when the faintest tie's scaled excess, decayed to today, is
  // within prune_below (with a margin far above rounding, so that no due
  // tie is missed): only the ties dropped leave the sums.
  if (!afresh && r.faintest * decay(day - r.reference_day) < prune_below_ * (1.0 + 1e-9)) {
    double faintest_today = std::numeric_limits<double>::infinity();
    bool stale = false;  // then the sums are summed afresh below
    prune_and_visit(
        from, day, generation,
        [&](const TrustTie&, double excess) {
          faintest_today = std::min(faintest_today, std::abs(excess));
        },
        [&](const TrustTie& tie, double excess) {
          // A tie to a former holder goes when the slot changes standing,
          // in an afresh pass; met here, the row is summed afresh.
          if (tie.to_generation != generation[tie.to]) stale = true;
          if (stale) return;
          const unsigned counted = categories(tie.to);
          add_to_sums(sums, counted, -(tie.excess * scale(r, tie.day)));
          if (counted != 0 && tie.day == day && r.changed_day == day) {
            r.changed.trust -= baseline(tie.to) + excess;
            r.changed.ties -= 1;
          }
        });
    r.faintest = faintest_today * growth_[static_cast<std::size_t>(day - r.reference_day)];
    afresh = stale;
  }
  if (!afresh) {
    const double decayed = decay(day - r.reference_day);
    for (std::size_t k = 0; k < categories_; ++k) out[k] = sums[k] * decayed;
    return r.changed_day == day ? r.changed : ChangedToday{};
  }
  r.faintest = std::numeric_limits<double>::infinity();
  r.reference_day = day;
  r.changed_day = day;
  r.changed = {};
  std::fill_n(sums, categories_, 0.0);
  SlotFilter targets;  // the row's targets exactly, as pruned
  prune_and_visit(from, day, generation, [&](const TrustTie& tie, double excess) {
    targets.add(tie.to);
    r.faintest = std::min(r.faintest, std::abs(excess));
    const unsigned counted = categories(tie.to);
    add_to_sums(sums, counted, excess);  // in row order, as the daily scan summed
    if (counted != 0 && tie.day == day) {
      r.changed.trust += baseline(tie.to) + excess;
      r.changed.ties += 1;
    }
  });
  targets_[from] = targets;
  std::copy_n(sums, categories_, out);
  return r.changed;
}

}  // namespace trustsim
