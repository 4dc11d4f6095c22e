// Each run's seed, derived from the invocation's base seed, the variant's
// name and the replicate number, so that a run's randomness depends only on
// what it is, never on how many runs, threads or machines there are, nor on
// the order runs happen to execute in.
//
//   run_seed = mix(mix(mix(base) ^ fnv1a64(variant)) ^ replicate)
//
// mix is the splitmix64 finaliser (Steele, Lea & Flood 2014: add the golden
// gamma 0x9e3779b97f4a7c15, then two xor-shift-multiply rounds); fnv1a64 is
// the 64-bit FNV-1a hash of the variant's UTF-8 bytes. Nesting mix keeps
// (base, variant, replicate) from cancelling each other out: replicate 1 of
// one variant is not replicate 0 of another. Changing this function changes
// every result ever published with trustsim: don't.
#pragma once

#include <cstdint>
#include <string_view>

namespace trustsim {

std::uint64_t splitmix64(std::uint64_t x);
std::uint64_t fnv1a64(std::string_view text);
std::uint64_t derive_run_seed(std::uint64_t base_seed, std::string_view variant,
                              std::uint64_t replicate);

}  // namespace trustsim
