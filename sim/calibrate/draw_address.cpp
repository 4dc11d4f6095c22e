#include "calibrate/draw_address.hpp"

#include "runner/seed_derivation.hpp"

namespace trustsim {

namespace {

// Distinct constants keep proposal and predictive seeds apart.
constexpr std::uint64_t proposal_tag = 0x63616c6962726174ULL;         // "calibrat"
constexpr std::uint64_t predictive_tag = 0x7072656469637421ULL;       // "predict!"
constexpr std::uint64_t population_size_tag = 0x626f6f7473747270ULL;  // "bootstrp"

std::uint64_t proposal_key(std::uint64_t seed, const ProposalAddress& a) {
  std::uint64_t h = splitmix64(seed ^ proposal_tag);
  h = splitmix64(h ^ a.population);
  h = splitmix64(h ^ a.slot);
  return splitmix64(h ^ a.attempt);
}

}  // namespace

RandomStream proposal_stream(std::uint64_t calibration_seed, const ProposalAddress& address) {
  return RandomStream(proposal_key(calibration_seed, address), calibration_purpose::proposal,
                      Day(address.population), Subject(address.slot));
}

std::uint64_t proposal_run_seed(std::uint64_t calibration_seed, const ProposalAddress& address,
                                std::uint64_t replicate) {
  return derive_run_seed(proposal_key(calibration_seed, address), "calibration", replicate);
}

RandomStream predictive_stream(std::uint64_t calibration_seed, std::uint32_t draw) {
  return RandomStream(splitmix64(calibration_seed ^ predictive_tag),
                      calibration_purpose::predictive, Day(0), Subject(draw));
}

std::uint64_t predictive_run_seed(std::uint64_t calibration_seed, std::uint32_t draw) {
  return derive_run_seed(splitmix64(splitmix64(calibration_seed ^ predictive_tag) ^ draw),
                         "posterior_predictive", 0);
}

RandomStream population_size_stream(std::uint64_t calibration_seed, std::uint32_t population,
                                    std::uint32_t sample) {
  return RandomStream(splitmix64(calibration_seed ^ population_size_tag),
                      calibration_purpose::population_size, Day(population), Subject(sample));
}

}  // namespace trustsim
