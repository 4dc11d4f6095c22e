"""Sweeps of the tiny scenario that the report tests run through the binary:
a grid, a sampled design, and the same grid as two shards merged. Small (40
days, 2 teams, a few runs each) so that each takes seconds."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tiny_scenario import TINY_SCENARIO, trustsim_binary

GRID = {
    "name": "tiny_grid",
    "base": "tiny.json",
    "seed": 11,
    "replicates": 2,
    "variants": {"baseline": {}, "online": {"meetings.regime": "online"}},
    "grid": {"trust.informal_gain": [0.05, 0.1, 0.2]},
    "outcomes": ["trust_between", "incidents", "headcount"],  # the question's: shown first, always
}
GRID_CELLS = 3

SAMPLED = {
    "name": "tiny_sampled",
    "base": "tiny.json",
    "seed": 12,
    "replicates": 1,
    "variants": {"baseline": {}, "facilitators": {"interventions.facilitators.enabled": True}},
    "sample": {"method": "latin_hypercube", "count": 8,
               "parameters": {"trust.informal_gain": [0.05, 0.2], "trust.half_life_days": [45, 180]}},
}


def binary() -> Path:
    path = trustsim_binary()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"trustsim binary not found at {path}: build it or set TRUSTSIM_BIN")
    return path


def trustsim(*args, cwd, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(binary()), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        pytest.fail(f"trustsim {' '.join(map(str, args))} failed (exit {done.returncode}):\n{done.stderr}")
    return done


def write_inputs(work: Path) -> None:
    (work / "tiny.json").write_text(json.dumps(TINY_SCENARIO, indent=2))
    (work / "grid.json").write_text(json.dumps(GRID, indent=2))
    (work / "sampled.json").write_text(json.dumps(SAMPLED, indent=2))


def grid_sweep(work: Path) -> Path:
    write_inputs(work)
    trustsim("sweep", "grid.json", "-o", "grid.h5", "--quiet", cwd=work)
    return work / "grid.h5"


def sampled_sweep(work: Path) -> Path:
    write_inputs(work)
    trustsim("sweep", "sampled.json", "-o", "sampled.h5", "--quiet", cwd=work)
    return work / "sampled.h5"


def merged_shards(work: Path) -> Path:
    write_inputs(work)
    for shard in ("1/2", "2/2"):
        trustsim("sweep", "grid.json", "--shard", shard, "-o", f"part-{shard[0]}.h5", "--quiet", cwd=work)
    trustsim("merge", "part-1.h5", "part-2.h5", "-o", "merged.h5", "--quiet", cwd=work)
    return work / "merged.h5"
