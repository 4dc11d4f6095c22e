"""A write that fails part way (here a file size limit, as `ulimit -f`; a
full disk takes the same path) is reported in one line with the system's
reason, exit code 1, and leaves no file under the final name and no
temporary file. trustsim ignores SIGXFSZ, which would otherwise kill it
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
    assert_refused(result, tmp_path, f"{out}: cannot write the output file: HDF5: cannot ",
                   "(File too large); no output written", code=1)
    assert list((tmp_path / "results").iterdir()) == []


def test_no_room_for_the_first_bytes(trustsim_bin, tmp_path, scenario):
    out = tmp_path / "out.h5"
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, "--quiet", cwd=tmp_path,
                         preexec_fn=file_size_limit(0))
    assert_refused(result, tmp_path, f"{out}.tmp-", "cannot create file (File too large)")


def test_the_same_run_without_the_limit_succeeds(trustsim_bin, tmp_path, scenario):
    # The limit, not the scenario, is what failed above.
    out = tmp_path / "out.h5"
    result = run_limited(trustsim_bin, "run", scenario, "-o", out, "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert out.stat().st_size > 64 * 1024
