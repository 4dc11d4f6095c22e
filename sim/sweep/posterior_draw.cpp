#include "sweep/posterior_draw.hpp"

#include <cmath>
#include <fstream>
#include <iterator>

#include "io/hdf5_read.hpp"
#include "io/output_file.hpp"
#include "model/random_stream.hpp"
#include "runner/seed_derivation.hpp"
#include "sweep/design_streams.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

namespace {

// The root `kind` of a calibration output (calibrate/calibration_output.hpp).
constexpr const char* calibration_kind = "calibration";

std::string file_digest(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path.string() + ": cannot read");
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return fingerprint_text(fnv1a64(bytes));
}

}  // namespace

Posterior read_posterior(const std::filesystem::path& path) {
  hdf5::silence_library_errors();
  const std::string name = path.string();
  Posterior posterior;
  posterior.path = name;
  if (H5Fis_hdf5(name.c_str()) <= 0)
    throw FileError(name +
                    ": not an HDF5 file (parameters_from needs an output of trustsim "
                    "calibrate)");
  try {
    hdf5::Handle file = hdf5::file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open");
    if (!hdf5::has_attribute(file, "kind") ||
        hdf5::read_string_attribute(file, "kind") != calibration_kind)
      throw FileError(name +
                      ": not the output of trustsim calibrate (its root attribute kind "
                      "is not \"calibration\")");
    hdf5::Handle summary = hdf5::group(H5Gopen2(file, "summary", H5P_DEFAULT), "open /summary");
    hdf5::Handle parameters = hdf5::group(H5Gopen2(file, "calibration/parameters", H5P_DEFAULT),
                                          "open /calibration/parameters");
    posterior.keys = hdf5::read_strings(parameters, "key");
    posterior.weights = hdf5::read_doubles(summary, "weight");
    const std::size_t n = posterior.weights.size();
    if (posterior.keys.empty() || n == 0)
      throw FileError(name + ": the calibration output holds no posterior particles or parameters");
    posterior.values.assign(n, std::vector<double>(posterior.keys.size()));
    for (std::size_t k = 0; k < posterior.keys.size(); ++k) {
      const std::vector<double> column = hdf5::read_doubles(summary, posterior.keys[k]);
      if (column.size() != n)
        throw FileError(name + ": damaged /summary (column " + posterior.keys[k] + ")");
      for (std::size_t i = 0; i < n; ++i) posterior.values[i][k] = column[i];
    }
  } catch (const hdf5::Error& problem) {
    throw FileError(name + ": not a complete calibration output (" + problem.what() + ")");
  }
  double total = 0.0;
  for (double w : posterior.weights) {
    if (!(w >= 0.0) || !std::isfinite(w))
      throw FileError(name + ": damaged /summary/weight (a weight is negative or not finite)");
    total += w;
  }
  if (!(total > 0.0)) throw FileError(name + ": damaged /summary/weight (the weights sum to 0)");
  posterior.digest = file_digest(path);
  return posterior;
}

std::size_t posterior_particle(const std::vector<double>& weights, std::uint64_t sweep_seed,
                               int replicate) {
  RandomStream stream(sweep_seed, design_stream::design_sample, design_stream::posterior,
                      Subject(replicate));
  double total = 0.0;
  for (double w : weights) total += w;
  // Inverse of the cumulative weights; a particle of weight 0 is never taken.
  const double u = stream.uniform() * total;
  double cumulative = 0.0;
  std::size_t last = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    cumulative += weights[i];
    last = i;
    if (u < cumulative) return i;
  }
  return last;  // u within rounding of the total
}

}  // namespace trustsim
