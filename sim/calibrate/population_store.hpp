// The work directory of a calibration in progress, OUT.h5.parts/ beside its
// output (the sweep's PartsDirectory: its manifest, lock, --resume and
// --force rules): each finished population is committed there as
// population_NNN.h5 (written under a temporary name and renamed) before the
// next population starts. After a kill, --resume reads the committed
// populations back exactly (doubles as stored) and continues with the next,
// so the posterior is the one an uninterrupted calibration gives.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "sweep/parts_directory.hpp"

namespace trustsim {

class PopulationStore {
 public:
  // manifest.fingerprint is the calibration's; run_count its max_populations.
  PopulationStore(const std::filesystem::path& output, const PartsManifest& manifest,
                  PartsMode mode, std::size_t parameter_count);

  // The populations committed so far, in order, each checked to belong to
  // this calibration. Throws FileError for a damaged or foreign file.
  std::vector<Population> committed() const;

  void commit(const Population& population) const;

  const std::filesystem::path& path() const { return parts_.path(); }
  std::filesystem::path population_path(int index) const;
  // After the output is in place.
  void remove() { parts_.remove(); }

 private:
  PartsDirectory parts_;
  std::string fingerprint_;
  std::size_t parameter_count_;
};

}  // namespace trustsim
