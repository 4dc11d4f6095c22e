#include "calibrate/population_store.hpp"

#include <cstdio>

#include "io/hdf5_read.hpp"
#include "io/hdf5_write.hpp"
#include "io/output_file.hpp"

namespace trustsim {

namespace {

constexpr const char* population_kind = "calibration_population";

// Chunked with their Fletcher32 checksums (hdf5_write.hpp): a population
// read back on --resume is checked as it is read, never continued from if
// damaged.
hdf5::DatasetInfo info(const char* units, const char* description) {
  return hdf5::DatasetInfo{units, description, true};
}

}  // namespace

PopulationStore::PopulationStore(const std::filesystem::path& output, const PartsManifest& manifest,
                                 PartsMode mode, std::size_t parameter_count)
    : parts_(output, manifest, mode),
      fingerprint_(manifest.fingerprint),
      parameter_count_(parameter_count) {}

std::filesystem::path PopulationStore::population_path(int index) const {
  char name[40];
  std::snprintf(name, sizeof name, "population_%03d.h5", index);
  return parts_.path() / name;
}

void PopulationStore::commit(const Population& population) const {
  OutputFile file(population_path(population.index), true);
  const hid_t root = file.id();
  hdf5::write_attribute(root, "format", std::string("trustsim"));
  hdf5::write_attribute(root, "kind", std::string(population_kind));
  hdf5::write_attribute(root, "calibration_fingerprint", fingerprint_);
  hdf5::write_attribute(root, "population", std::int64_t{population.index});
  const std::size_t n = population.particles.size();
  const std::size_t d = parameter_count_;
  std::vector<double> internal, weight, distance, outcomes;
  std::vector<std::uint64_t> attempt;
  for (const auto& p : population.particles) {
    internal.insert(internal.end(), p.internal.begin(), p.internal.end());
    weight.push_back(p.weight);
    distance.push_back(p.distance);
    outcomes.insert(outcomes.end(), p.outcomes.begin(), p.outcomes.end());
    attempt.push_back(p.attempt);
  }
  hdf5::write_dataset<double>(root, "internal", std::span<const double>(internal), {n, d},
                              info("1", "particle x parameter, on the priors' internal scale"));
  hdf5::write_dataset(root, "weight", weight, info("1", "normalised importance weight"));
  hdf5::write_dataset(root, "distance", distance, info("1", "distance to the targets"));
  hdf5::write_dataset<double>(root, "outcomes", std::span<const double>(outcomes),
                              {n, outcome_count}, info("", "particle x outcome, replicate means"));
  hdf5::write_dataset(root, "attempt", attempt, info("1", "the accepted attempt of the slot"));
  hdf5::write_dataset(root, "tolerance", std::vector<double>{population.tolerance},
                      info("1", "the population's tolerance"));
  hdf5::write_dataset(
      root, "counts",
      std::vector<std::int64_t>{population.index, population.attempts, population.simulations},
      info("1", "population, attempts, simulations"));
  if (population.next_size > 0) {
    // Adaptive population sizes: a resumed calibration continues with this.
    hdf5::write_dataset(root, "next_size", std::vector<std::int64_t>{population.next_size},
                        info("1", "the next population's size, chosen after this one"));
    hdf5::write_dataset(root, "mean_cv", std::vector<double>{population.mean_cv},
                        info("1", "mean CV of this population's kernel density (fitted)"));
  }
  file.commit();
}

std::vector<Population> PopulationStore::committed() const {
  std::vector<Population> populations;
  for (int index = 0;; ++index) {
    const std::filesystem::path path = population_path(index);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) break;
    const std::string name = path.string();
    const std::string restart =
        "; pass --force to discard " + parts_.path().string() + " and start again";
    try {
      hdf5::silence_library_errors();
      hdf5::Handle file = hdf5::file(H5Fopen(name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
                                     "open a committed population");
      if (!hdf5::has_attribute(file, "kind") ||
          hdf5::read_string_attribute(file, "kind") != population_kind ||
          hdf5::read_string_attribute(file, "calibration_fingerprint") != fingerprint_)
        throw FileError(name + ": not a population of this calibration" + restart);
      Population population;
      const std::vector<std::int64_t> counts = hdf5::read_int64s(file, "counts");
      const std::vector<double> tolerance = hdf5::read_doubles(file, "tolerance");
      const std::vector<double> internal = hdf5::read_doubles(file, "internal");
      const std::vector<double> weight = hdf5::read_doubles(file, "weight");
      const std::vector<double> distance = hdf5::read_doubles(file, "distance");
      const std::vector<double> outcomes = hdf5::read_doubles(file, "outcomes");
      const std::vector<std::uint64_t> attempt = hdf5::read_uint64s(file, "attempt");
      const std::size_t n = weight.size(), d = parameter_count_;
      if (counts.size() != 3 || counts[0] != index || tolerance.size() != 1 ||
          internal.size() != n * d || distance.size() != n ||
          outcomes.size() != n * outcome_count || attempt.size() != n)
        throw FileError(name + ": damaged population file (its datasets do not fit)" + restart);
      population.index = index;
      population.attempts = counts[1];
      population.simulations = counts[2];
      population.tolerance = tolerance[0];
      if (H5Lexists(file, "next_size", H5P_DEFAULT) > 0) {
        const std::vector<std::int64_t> next_size = hdf5::read_int64s(file, "next_size");
        const std::vector<double> mean_cv = hdf5::read_doubles(file, "mean_cv");
        if (next_size.size() != 1 || mean_cv.size() != 1 || next_size[0] < 2)
          throw FileError(name + ": damaged population file (its next size)" + restart);
        population.next_size = next_size[0];
        population.mean_cv = mean_cv[0];
      }
      for (std::size_t i = 0; i < n; ++i) {
        Particle p;
        p.internal.assign(internal.begin() + static_cast<std::ptrdiff_t>(i * d),
                          internal.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
        p.weight = weight[i];
        p.distance = distance[i];
        for (std::size_t o = 0; o < outcome_count; ++o)
          p.outcomes[o] = outcomes[i * outcome_count + o];
        p.attempt = attempt[i];
        population.particles.push_back(std::move(p));
      }
      populations.push_back(std::move(population));
    } catch (const hdf5::Error& problem) {
      throw FileError(name + ": damaged population file (" + problem.what() + ")" + restart);
    }
  }
  return populations;
}

}  // namespace trustsim
