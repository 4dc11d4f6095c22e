"""A run that is killed never leaves a file under the requested name; one
that is asked to stop (SIGTERM, SIGINT) removes its temporary files and
keeps its finished replicates, whole, in OUT.h5.parts/ for --resume."""
import json
import signal
import subprocess

import pytest

from conftest import TINY
from sweep_helpers import finished_parts, wait_for_parts


def long_scenario(directory):
    # Enough work to still be running a second after it starts.
    scenario = dict(TINY, days=2000, replicates=3000)
    path = directory / "long.json"
    path.write_text(json.dumps(scenario))
    return path


def start_and_wait_for_parts(trustsim_bin, directory):
    out = directory / "long.h5"
    process = subprocess.Popen([trustsim_bin, "run", str(long_scenario(directory)), "-o", str(out),
                                "--threads", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_parts(process, directory / "long.h5.parts", at_least=1)
    assert process.poll() is None, "the run finished before it could be interrupted"
    return process, out


def test_sigkill_leaves_no_file_under_the_final_name(trustsim_bin, tmp_path):
    process, out = start_and_wait_for_parts(trustsim_bin, tmp_path)
    process.kill()
    process.wait(timeout=30)
    assert not out.exists()


@pytest.mark.parametrize("signal_number,exit_code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_termination_keeps_finished_replicates_and_no_temporary_file(trustsim_bin, tmp_path,
                                                                     signal_number, exit_code):
    process, out = start_and_wait_for_parts(trustsim_bin, tmp_path)
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == exit_code, stderr
    assert f"interrupted by signal {signal_number}" in stderr and "--resume" in stderr
    assert not out.exists()
    assert finished_parts(tmp_path / "long.h5.parts")
    assert list(tmp_path.glob("**/*.tmp-*")) == []
