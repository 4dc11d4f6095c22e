// A sweep's `parameters_from`: the posterior of a `trustsim calibrate`
// output (docs/calibration.md: /summary holds one row per particle of the
// last population, its `weight` column and one column per calibrated key,
// the keys listed in /calibration/parameters/key), and the particle each
// run takes.
//
// The draw is addressed by the sweep's seed and the replicate only: a
// stream of design_stream::design_sample, day design_stream::posterior,
// subject the replicate. Every variant's (and design point's) replicate r
// therefore runs under the same parameter set, so variant and baseline are
// compared at the same parameters, pair by pair; different replicates take
// independent draws from the weighted posterior.
//
// The reader lives here, not in sim/calibrate: calibrate is built on the
// sweep library, so the sweep cannot call into it. It reads only the
// documented layout above.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace trustsim {

struct Posterior {
  std::string path;               // as opened (relative paths resolved from the sweep file)
  std::string digest;             // FNV-1a 64 of the file's bytes, 16 hex digits
  std::vector<std::string> keys;  // dotted scenario keys
  std::vector<std::vector<double>> values;  // [particle][key]
  std::vector<double> weights;              // [particle], non-negative, sum > 0
};

// Throws FileError saying why when `path` is not a readable, complete
// calibration output (wrong kind, missing columns, bad weights).
Posterior read_posterior(const std::filesystem::path& path);

// The particle replicate r of every run of a sweep with seed `sweep_seed`
// takes: particle i with probability weights[i] / sum(weights).
std::size_t posterior_particle(const std::vector<double>& weights, std::uint64_t sweep_seed,
                               int replicate);

}  // namespace trustsim
