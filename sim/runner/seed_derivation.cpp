#include "runner/seed_derivation.hpp"

namespace trustsim {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t derive_run_seed(std::uint64_t base_seed, std::string_view variant,
                              std::uint64_t replicate) {
  return splitmix64(splitmix64(splitmix64(base_seed) ^ fnv1a64(variant)) ^ replicate);
}

}  // namespace trustsim
