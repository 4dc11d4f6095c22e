// One person's ties, as TrustNetwork stores them: whom they trust beyond
// baseline, and by how much. Row order is the order ties were made and
// every change keeps it, because partner choice draws a random position in
// the row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace trustsim {

using StaffId = std::uint32_t;

// Consecutive staff slots [begin, end).
struct SlotRange {
  StaffId begin = 0;
  StaffId end = 0;
};

struct TrustTie {
  StaffId to;
  std::uint32_t to_generation;  // the person in slot `to` when the tie formed
  float excess;                 // T - baseline on `day`
  std::int32_t day;
};

// A tie as stored: 12 bytes rather than 16, because at system scale the
// model's time goes on moving ties between memory and cache. Days and
// generations fit in 16 bits: a run has at most 65,535 days (TrustNetwork
// checks) and a slot gets at most one newcomer a day.
struct StoredTie {
  StaffId to;
  float excess;
  std::uint16_t day;
  std::uint16_t to_generation;

  TrustTie unpacked() const { return {to, to_generation, excess, day}; }
};
static_assert(sizeof(StoredTie) == 12);

// A read-only view of one row: the part packed in the network's arena,
// then the ties added since the arena was last laid out.
class TrustRow {
 public:
  TrustRow(const StoredTie* packed, std::size_t packed_count,
           const std::vector<StoredTie>& overflow)
      : packed_(packed), packed_count_(packed_count), overflow_(&overflow) {}

  std::size_t size() const { return packed_count_ + overflow_->size(); }
  bool empty() const { return size() == 0; }
  TrustTie operator[](std::size_t k) const {
    return (k < packed_count_ ? packed_[k] : (*overflow_)[k - packed_count_]).unpacked();
  }

  // Ties by value (unpacked), so that
  // `for (const auto& tie : row)` reads as it would over a vector.
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = TrustTie;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = TrustTie;

    const_iterator() = default;
    const_iterator(const TrustRow* row, std::size_t k) : row_(row), k_(k) {}
    TrustTie operator*() const { return (*row_)[k_]; }
    const_iterator& operator++() {
      ++k_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++k_;
      return before;
    }
    bool operator==(const const_iterator& o) const { return k_ == o.k_ && row_ == o.row_; }
    bool operator!=(const const_iterator& o) const { return !(*this == o); }

   private:
    const TrustRow* row_ = nullptr;
    std::size_t k_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  const StoredTie* packed_;
  std::size_t packed_count_;
  const std::vector<StoredTie>* overflow_;
};

}  // namespace trustsim
