// The last step of a sweep: every run's part copied, as it is, into the
// output file (so the result datasets are those the runs wrote, whether
// they ran in one go or across resumes, shards or ranks), the /summary
// table built from the parts' rows, and the /comparison table computed
// from it.
//
// The same step makes a shard's file (a slice of the runs, no comparison:
// a comparison over a slice would look like the sweep's and be wrong) and
// the merge of shard files (runs read from the shard holding each).
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "io/output_file.hpp"
#include "io/result_writer.hpp"
#include "sweep/parts_directory.hpp"
#include "sweep/run_part.hpp"
#include "sweep/sweep_plan.hpp"

namespace trustsim {

// A finished run and the trustsim file its /runs group is copied from.
struct LocatedRun {
  std::filesystem::path file;
  FinishedRun run;
};

// Finds the finished run `plan` describes, checked against it; throws
// FileError if it is missing, damaged or foreign.
using FinishedRunSource = std::function<LocatedRun(const RunPlan& plan)>;

// Whether the combined file gets the /comparison of variants: only when it
// holds every run of the sweep.
enum class Comparison { include, omit };

// Copies `runs` (the plan's, or a slice of them) from `source` into `file`,
// with their /summary and the root attribute sweep_fingerprint. The caller
// commits `file`.
void combine_runs(const SweepPlan& plan, const std::vector<RunPlan>& runs,
                  const FinishedRunSource& source, OutputFile& file, const Provenance& provenance,
                  Comparison comparison);

// The source of a sweep in progress: each run's part in its work directory.
FinishedRunSource parts_source(const SweepPlan& plan, const PartsDirectory& parts);

// Throws FileError if a part is missing, damaged or foreign. The caller
// commits `file`.
void combine_parts(const SweepPlan& plan, const PartsDirectory& parts, OutputFile& file,
                   const Provenance& provenance);

}  // namespace trustsim
