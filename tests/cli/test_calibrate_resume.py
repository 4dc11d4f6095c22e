"""trustsim calibrate is kill-safe per population: each finished population is
committed before the next starts, and --resume after kill -9 or SIGTERM
redoes no committed population and gives the posterior of an uninterrupted
calibration."""
import os
import signal
import subprocess

import pytest

from calibrate_helpers import (assert_same_calibration, population_files,
                               kill_after_populations, start_and_wait_for_population,
                               write_calibration)

# Long enough runs that a kill lands inside a population.
DAYS = 600
METHOD = dict(population_size=24, max_populations=4)


ADAPTIVE = dict(population_size={"adaptive": {"initial": 24, "min": 12, "max": 48,
                                              "mean_cv": 0.15}}, max_populations=4)


@pytest.mark.parametrize("method", [METHOD, ADAPTIVE], ids=["fixed_size", "adaptive_size"])
def test_kill9_mid_population_then_resume_gives_the_same_posterior(trustsim_bin, trustsim,
                                                                    tmp_path, method):
    path = write_calibration(tmp_path, days=DAYS, **method)
    clean = trustsim("calibrate", path, "-o", "clean.h5", "--quiet", timeout=300)
    assert clean.returncode == 0, clean.stderr

    parts = kill_after_populations(trustsim_bin, tmp_path, path, tmp_path / "killed.h5", 2)
    committed = [p.name for p in population_files(parts)]
    assert 2 <= len(committed) < 4, committed
    assert not (tmp_path / "killed.h5").exists()

    log = tmp_path / "populations.log"
    env = dict(os.environ, TRUSTSIM_DEBUG_POPULATION_LOG=str(log))
    resumed = subprocess.run([trustsim_bin, "calibrate", str(path), "-o", "killed.h5",
                              "--resume"], cwd=tmp_path, capture_output=True, text=True,
                             timeout=300, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {len(committed)} populations already committed" in resumed.stderr
    redone = [int(line) for line in log.read_text().split()]
    assert redone == list(range(len(committed), 4)), redone
    assert not parts.exists()
    assert_same_calibration(tmp_path / "clean.h5", tmp_path / "killed.h5")


def test_sigterm_keeps_committed_populations_and_says_how_to_continue(trustsim_bin, tmp_path):
    path = write_calibration(tmp_path, days=DAYS, **METHOD)
    process, parts = start_and_wait_for_population(trustsim_bin, tmp_path, path,
                                                   tmp_path / "out.h5", count=1)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "--resume" in stderr and "committed" in stderr
    assert len(population_files(parts)) >= 1
    assert not (tmp_path / "out.h5").exists()


def test_leftover_populations_need_resume_or_force(trustsim_bin, trustsim, tmp_path):
    path = write_calibration(tmp_path, days=DAYS, **METHOD)
    kill_after_populations(trustsim_bin, tmp_path, path, tmp_path / "out.h5", 1)
    again = trustsim("calibrate", path, "-o", "out.h5")
    assert again.returncode == 2
    assert "--resume" in again.stderr and "--force" in again.stderr
    other = write_calibration(tmp_path, name="other.json", days=DAYS, population_size=25,
                              max_populations=4)
    foreign = trustsim("calibrate", other, "-o", "out.h5", "--resume")
    assert foreign.returncode == 2
    assert "different" in foreign.stderr
    forced = trustsim("calibrate", path, "-o", "out.h5", "--force", "--quiet", timeout=300)
    assert forced.returncode == 0, forced.stderr


def test_a_damaged_population_is_refused_not_resumed_from(trustsim_bin, trustsim, tmp_path):
    # A flipped byte in a committed population's particles: each column is
    # chunked with its Fletcher32 checksum, so resume refuses the file
    # rather than continue from wrong particles.
    import h5py

    path = write_calibration(tmp_path, days=DAYS, **METHOD)
    parts = kill_after_populations(trustsim_bin, tmp_path, path, tmp_path / "out.h5", 1)
    population = population_files(parts)[0]
    with h5py.File(population, "r") as f:
        columns = []
        f.visititems(lambda name, item: columns.append(item) if isinstance(item, h5py.Dataset)
                     and item.dtype.kind == "f" and item.size > 1 else None)
        assert columns, "no numeric column in the population file"
        offset = columns[0].id.get_chunk_info(0).byte_offset
    data = bytearray(population.read_bytes())
    data[offset + 3] ^= 0xFF
    population.write_bytes(bytes(data))

    resumed = trustsim("calibrate", path, "-o", "out.h5", "--resume")
    assert resumed.returncode != 0, resumed.stderr
    assert population.name in resumed.stderr
    assert not (tmp_path / "out.h5").exists()
