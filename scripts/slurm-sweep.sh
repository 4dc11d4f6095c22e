#!/usr/bin/env bash
# A sample Slurm job for a trustsim sweep too big for one machine: an array
# job whose task I runs shard I of N, then a merge job that starts only
# when every task has succeeded. Adapt the #SBATCH lines, paths and module
# loads to your cluster. Submit from the repository (or wherever SWEEP's
# relative base path resolves):
#
#   scripts/slurm-sweep.sh scenarios/interventions.json results/interventions.h5 16
#
# A failed or timed-out task (say 7) is re-run alone, and continues where it
# stopped (its finished runs are kept in part-7.h5.parts/); the merge, held
# back for good by the failure (afterok), is then submitted again after it:
#
#   job=$(sbatch --parsable --array=7 --export=ALL,RESUME=--resume \
#         scripts/slurm-sweep.sh --task SWEEP OUTPUT.h5.shards 16)
#   sbatch --dependency=afterok:$job scripts/slurm-sweep.sh --merge OUTPUT.h5.shards OUTPUT.h5
#
# With MPI instead of an array job: mpirun -n K trustsim sweep SWEEP -o OUT
# (README, Running on a cluster).
set -euo pipefail

TRUSTSIM=${TRUSTSIM:-$PWD/build/sim/trustsim}

if [[ ${1:-} == --task ]]; then
  # Inside one array task: shard I of N, where I is the task id (1..N).
  sweep=$2 parts=$3 count=$4
  index=${SLURM_ARRAY_TASK_ID:?run this as a Slurm array task}
  # Each task gets the cores Slurm gave it (--cpus-per-task); oneTBB
  # threads inside the task use them all.
  exec "$TRUSTSIM" sweep "$sweep" --shard "$index/$count" \
    -o "$parts/part-$index.h5" --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet ${RESUME:+"$RESUME"}
fi

if [[ ${1:-} == --merge ]]; then
  # After every task: check the N shard files make the whole sweep and
  # combine them (refuses, and writes nothing, if one is missing).
  parts=$2 output=$3
  exec "$TRUSTSIM" merge "$parts"/part-*.h5 -o "$output"
fi

# Submitting: SWEEP OUTPUT N
sweep=${1:?usage: slurm-sweep.sh SWEEP.json OUTPUT.h5 SHARDS}
output=${2:?usage: slurm-sweep.sh SWEEP.json OUTPUT.h5 SHARDS}
count=${3:?usage: slurm-sweep.sh SWEEP.json OUTPUT.h5 SHARDS}
parts="$output.shards"
mkdir -p "$parts"

# The array: tasks 1..N, one shard each. Shards interleave run ids, so each
# holds an equal share of every variant and takes about as long as the
# others: one time limit fits all.
array_job=$(sbatch --parsable \
  --job-name=trustsim-sweep \
  --array="1-$count" \
  --cpus-per-task=8 \
  --mem-per-cpu=1G \
  --time=02:00:00 \
  --output="$parts/slurm-%A_%a.out" \
  "$0" --task "$sweep" "$parts" "$count")

# The merge: only once every array task has ended successfully
# (afterok); a failed task holds it back until it is re-run.
merge_job=$(sbatch --parsable \
  --job-name=trustsim-merge \
  --dependency="afterok:$array_job" \
  --cpus-per-task=1 \
  --time=00:30:00 \
  --output="$parts/slurm-%j-merge.out" \
  "$0" --merge "$parts" "$output")

echo "submitted array job $array_job ($count shards of $sweep) and merge job $merge_job -> $output"
