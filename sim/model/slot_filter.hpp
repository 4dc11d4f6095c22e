// A set of staff slots kept as 256 bits, one per slot number mod 256: whether
// a trust row may hold a tie to any of some slots, answered without reading
// the row. It never says no wrongly; it says yes wrongly only for slots a
// multiple of 256 apart, which within a locality (consecutive slots, where
// ties stay) means localities of more than 256 staff.
#pragma once

#include <array>
#include <cstdint>

#include "model/trust_row.hpp"

namespace trustsim {

class SlotFilter {
 public:
  void add(StaffId slot) { bits_[(slot / 64) % 4] |= std::uint64_t{1} << (slot % 64); }

  bool empty() const { return (bits_[0] | bits_[1] | bits_[2] | bits_[3]) == 0; }

  // Whether the two may hold a slot in common.
  bool meets(const SlotFilter& other) const {
    return ((bits_[0] & other.bits_[0]) | (bits_[1] & other.bits_[1]) |
            (bits_[2] & other.bits_[2]) | (bits_[3] & other.bits_[3])) != 0;
  }

 private:
  std::array<std::uint64_t, 4> bits_{};
};

}  // namespace trustsim
