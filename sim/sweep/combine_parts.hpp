// The last step of a sweep: every run's part copied, as it is, into the
// output file (so the result datasets are those the runs wrote, whether
// they ran in one go or across resumes, shards or ranks), the /summary
// table built from the parts' rows, and the /comparison table computed
// from it.
#pragma once

#include "io/output_file.hpp"
#include "io/result_writer.hpp"
#include "sweep/parts_directory.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

// Throws FileError if a part is missing, damaged or foreign. The caller
// commits `file`.
void combine_parts(const SweepPlan& plan, const PartsDirectory& parts, OutputFile& file,
                   const Provenance& provenance);

}  // namespace trustsim
