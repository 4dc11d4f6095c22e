"""Every number README.md quotes from the worked examples is what
scripts/examples gives. Each generated block ends with a digest of its text
and of the runs of the example sweep's first shard (the very runs the whole
sweep makes), so `scripts/examples --check` reruns those shards only, and
fails when the model, the scenarios or the block itself has changed."""

import importlib.machinery
import importlib.util
import json
import os
import subprocess

from designs import binary
from tiny_scenario import REPO, TINY_SCENARIO

EXAMPLES = REPO / "scripts" / "examples"


def check(*arguments):
    return subprocess.run([str(EXAMPLES), "--check", *arguments], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "TRUSTSIM_BIN": str(binary())})


def test_readme_numbers_are_what_the_example_sweeps_give():
    done = check()
    assert done.returncode == 0, "README.md is stale: run scripts/examples\n" + done.stdout + done.stderr


def test_a_block_edited_by_hand_is_found(tmp_path):
    text = (REPO / "README.md").read_text()
    begin = text.index("<!-- scripts/examples: regimes -->")
    edited = text[:begin] + text[begin:].replace("fewer", "more", 1)
    assert edited != text
    (tmp_path / "README.md").write_text(edited)
    done = check("--readme", str(tmp_path / "README.md"), "regimes")
    assert done.returncode == 1
    assert "regimes: the runs of shard 1/50 or the block's text changed" in done.stdout


def test_the_digest_follows_the_runs_and_the_text(tmp_path):
    loader = importlib.machinery.SourceFileLoader("examples_script", str(EXAMPLES))
    spec = importlib.util.spec_from_loader("examples_script", loader)
    examples = importlib.util.module_from_spec(spec)
    loader.exec_module(examples)
    (tmp_path / "tiny.json").write_text(json.dumps(TINY_SCENARIO))

    def digest(seed, text="a block\n"):
        sweep = tmp_path / f"sweep-{seed}.json"
        sweep.write_text(json.dumps({"name": "tiny", "base": "tiny.json", "seed": seed, "replicates": 4,
                                     "variants": {"baseline": {}, "more": {"trust.informal_gain": 0.3}}}))
        examples.EXAMPLES["tiny"] = (str(sweep), [])  # absolute: REPO / it is itself
        return examples.digest(binary(), "tiny", tmp_path, "1/4", text)

    assert digest(1) == digest(1)
    assert digest(1) != digest(2)  # other runs (as a change to the model would make)
    assert digest(1) != digest(1, "another block\n")
