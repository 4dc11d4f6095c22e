"""scripts/callgrind: builds its own trustsim that runs under valgrind and
prints the instructions of the command's own process (not its forked
verifier's), keeping one profile for callgrind_annotate."""
import re
import subprocess

from conftest import REPO

CALLGRIND = REPO / "scripts" / "callgrind"


def callgrind(*arguments, cwd):
    return subprocess.run([str(CALLGRIND), *map(str, arguments)], cwd=cwd, text=True,
                          capture_output=True, timeout=900)


def test_a_run_under_callgrind_prints_its_instructions_and_keeps_one_profile(
        tiny, write_scenario, tmp_path):
    profile = tmp_path / "run.callgrind"
    done = callgrind("-o", profile, "run", write_scenario(tiny), "--threads", "1", "-q", "-o",
                     tmp_path / "out.h5", cwd=REPO)
    assert done.returncode == 0, done.stderr
    (count,) = re.findall(r"^I\s+refs:\s+([\d,]+)$", done.stdout, re.MULTILINE)
    assert int(count.replace(",", "")) > 1_000_000
    assert (tmp_path / "out.h5").exists()  # the run itself finished, verified
    assert [p.name for p in tmp_path.glob("run.callgrind*")] == ["run.callgrind"]
    annotated = subprocess.run(["callgrind_annotate", str(profile)], text=True,
                               capture_output=True, check=True).stdout
    assert "trustsim::run_day" in annotated


def test_paths_are_the_callers(tiny, write_scenario, tmp_path):
    write_scenario(tiny, "here.json")
    done = callgrind("-o", "here.callgrind", "run", "here.json", "--threads", "1", "-q", "-o",
                     "here.h5", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "here.callgrind").exists() and (tmp_path / "here.h5").exists()


def test_a_failing_command_passes_on_its_message_and_exit_code(tmp_path):
    done = callgrind("-o", tmp_path / "bad.callgrind", "run", tmp_path / "missing.json",
                     cwd=REPO)
    assert done.returncode == 2
    assert "missing.json: cannot read" in done.stderr
    assert "trustsim exited with 2" in done.stderr
    assert list(tmp_path.glob("bad.callgrind*")) == []


def test_without_a_command_it_prints_its_usage():
    done = callgrind(cwd=REPO)
    assert done.returncode == 2
    assert "Usage: scripts/callgrind [-o FILE] TRUSTSIM-ARGUMENTS..." in done.stderr
