"""python3 -m trustsim.plot, as ./scripts/run calls it."""

import subprocess
import sys

from tiny_scenario import REPO


def plot(*args, cwd):
    env = {"PYTHONPATH": str(REPO / "analysis"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "trustsim.plot", *map(str, args)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_writes_the_png_and_an_svg_beside_it(any_run_file, tmp_path):
    done = plot(any_run_file, "-o", tmp_path / "baseline.png", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "baseline.png").stat().st_size > 10_000
    assert (tmp_path / "baseline.svg").stat().st_size > 5_000
    assert "wrote" in done.stderr


def test_a_corrupt_file_is_a_one_line_error_with_exit_2(tmp_path):
    bad = tmp_path / "bad.h5"
    bad.write_bytes(b"not hdf5 at all" * 100)
    done = plot(bad, "-o", tmp_path / "x.png", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"trustsim.plot: error: {bad}: not an HDF5 file (no HDF5 signature: is it corrupt, or some other kind of file?)"
    assert not (tmp_path / "x.png").exists()


def test_help_names_the_command(tmp_path):
    done = plot("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "python3 -m trustsim.plot" in done.stdout and "--variant" in done.stdout
