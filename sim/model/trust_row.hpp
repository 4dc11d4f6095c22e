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

struct TrustTie {
  StaffId to;
  std::uint32_t to_generation;  // the person in slot `to` when the tie formed
  float excess;                 // T - baseline on `day`
  std::int32_t day;
};

// A tie without its target: targets are kept in an array of their own
// because finding a tie, the model's most frequent memory access, reads
// only them (see TrustNetwork).
struct TieState {
  std::uint32_t to_generation;
  float excess;
  std::int32_t day;
};

// A read-only view of one row: the part packed in the network's arena,
// then the ties added since the arena was last laid out.
class TrustRow {
 public:
  TrustRow(const StaffId* to, const TieState* state, std::size_t packed,
           const std::vector<TrustTie>& overflow)
      : to_(to), state_(state), packed_(packed), overflow_(&overflow) {}

  std::size_t size() const { return packed_ + overflow_->size(); }
  bool empty() const { return size() == 0; }
  TrustTie operator[](std::size_t k) const {
    if (k >= packed_) return (*overflow_)[k - packed_];
    return {to_[k], state_[k].to_generation, state_[k].excess, state_[k].day};
  }

  // Ties by value (assembled from the arrays), so that
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
  const StaffId* to_;
  const TieState* state_;
  std::size_t packed_;
  const std::vector<TrustTie>* overflow_;
};

}  // namespace trustsim
