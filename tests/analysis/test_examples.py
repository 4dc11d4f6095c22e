"""Every number README.md quotes from the worked examples is what
scripts/examples gives: it reruns the example sweeps with their fixed seeds
and compares the README's generated blocks with its output."""

import os
import subprocess

from designs import binary
from tiny_scenario import REPO


def test_readme_numbers_are_what_the_example_sweeps_give():
    done = subprocess.run([str(REPO / "scripts" / "examples"), "--check"], capture_output=True, text=True,
                          timeout=900, env={**os.environ, "TRUSTSIM_BIN": str(binary())})
    assert done.returncode == 0, "README.md is stale: run scripts/examples\n" + done.stdout + done.stderr
