"""A write that fails part way (here a file size limit, as `ulimit -f`; a
full disk takes the same path) is reported in one line with the system's
reason, exit code 1, and leaves no file under the final name and no
temporary file; the runs finished by then are kept for --resume. trustsim ignores SIGXFSZ, which would otherwise kill it
silently and leave its temporary file behind."""
import json
import resource

import pytest

from conftest import TINY
from refusal import assert_refused, limit_memory, run_limited


def file_size_limit(limit_bytes):
    def apply():
        limit_memory()
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return apply


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(dict(TINY, days=400, replicates=6)))
    return path


def test_write_past_a_file_size_limit_is_reported_and_cleaned_up(trustsim_bin, tmp_path,
                                                                  scenario):
    out = tmp_path / "results" / "out.h5"
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, "--quiet", cwd=tmp_path,
                         preexec_fn=file_size_limit(64 * 1024))
    message = result.stderr.decode().strip()
    assert result.returncode == 1, message
    assert "\n" not in message and message.startswith(f"{out}: cannot write the run's files: ")
    assert f"(File too large); finished runs are kept in {out}.parts for --resume" in message
    assert [p.name for p in (tmp_path / "results").iterdir()] == ["out.h5.parts"]
    assert list(tmp_path.glob("**/*.tmp-*")) == []


def test_no_room_for_the_first_bytes(trustsim_bin, tmp_path, scenario):
    out = tmp_path / "out.h5"
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, "--quiet", cwd=tmp_path,
                         preexec_fn=file_size_limit(0))
    # A storage failure, not bad input: exit 1 (issue 17, item 13).
    assert_refused(result, tmp_path, "cannot write the sweep manifest: ",
                   f"{out}.parts/manifest.json", "File too large", code=1)


def test_the_same_run_without_the_limit_succeeds(trustsim_bin, tmp_path, scenario):
    # The limit, not the scenario, is what failed above.
    out = tmp_path / "out.h5"
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert out.stat().st_size > 64 * 1024


def write_long_sweep(directory):
    (directory / "tiny.json").write_text(json.dumps(dict(TINY, days=400)))
    path = directory / "sweep.json"
    path.write_text(json.dumps({"base": "tiny.json", "seed": 3, "replicates": 4,
                                "variants": {"online": {"meetings.regime": "online"}}}))
    return path


def test_sweep_parts_past_the_limit_are_reported_and_kept_for_resume(trustsim_bin, tmp_path):
    sweep = write_long_sweep(tmp_path)
    # Parts are about 50 kB in the HDF5 1.10 format (issue 17, item 5).
    result = run_limited(trustsim_bin, "sweep", sweep, "-o", "out.h5", "--quiet", cwd=tmp_path,
                         preexec_fn=file_size_limit(32 * 1024))
    message = result.stderr.decode().strip()
    assert result.returncode == 1, message
    assert "\n" not in message and message.startswith("out.h5: cannot write the sweep's files: ")
    assert "(File too large); finished runs are kept in out.h5.parts for --resume" in message
    assert not (tmp_path / "out.h5").exists()
    assert list(tmp_path.glob("*.tmp-*")) == [] and list(tmp_path.glob("*/*.tmp-*")) == []


def test_a_combined_output_that_cannot_fit_is_refused_before_copying(trustsim_bin, tmp_path):
    # HDF5 1.10 crashes inside H5Ocopy when a write fails part way, so the
    # room for the combined file is checked first; the parts stay for --resume.
    sweep = write_long_sweep(tmp_path)
    result = run_limited(trustsim_bin, "sweep", sweep, "-o", "out.h5", "--quiet", cwd=tmp_path,
                         preexec_fn=file_size_limit(400 * 1024))
    message = result.stderr.decode().strip()
    assert result.returncode == 1, message
    assert "\n" not in message and message.startswith("out.h5: the output would be about ")
    assert "more than the file size limit (ulimit -f) of 400 kB; no output written" in message
    assert not (tmp_path / "out.h5").exists() and list(tmp_path.glob("*.tmp-*")) == []
    resumed = run_limited(trustsim_bin, "sweep", sweep, "-o", "out.h5", "--quiet", "--resume",
                          cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert (tmp_path / "out.h5").exists() and not (tmp_path / "out.h5.parts").exists()


def test_merge_past_the_limit_is_refused_before_copying(trustsim_bin, tmp_path):
    sweep = write_long_sweep(tmp_path)
    shards = []
    for index in (1, 2):
        out = f"shard-{index}.h5"
        result = run_limited(trustsim_bin, "sweep", sweep, "--shard", f"{index}/2", "-o", out,
                             "--quiet", cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        shards.append(out)
    result = run_limited(trustsim_bin, "merge", *shards, "-o", "merged.h5", "--quiet",
                         cwd=tmp_path, preexec_fn=file_size_limit(200 * 1024))
    assert_refused(result, tmp_path / "nothing", "merged.h5: the output would be about ",
                   "(ulimit -f) of 200 kB; no output written", code=1)
    assert list(tmp_path.glob("merged.h5*")) == []
