"""Helpers for the calibrate command's tests: a small calibration over the
tiny scenario, and comparing the result datasets of two output files."""
import json
import signal
import subprocess
import time

import h5py
import numpy as np

from conftest import TINY


def calibration(**method):
    """Two parameters of the tiny scenario fitted to two of its outcomes."""
    settings = {"population_size": 12, "replicates": 2, "max_populations": 3,
                "predictive_draws": 6}
    settings.update(method)
    return {
        "name": "tiny_calibration",
        "base": "tiny.json",
        "seed": 31,
        "targets": "targets.json",
        "parameters": {
            "trust.informal_gain": {"prior": "uniform", "range": [0.02, 0.4]},
            "staff.base_leave_per_day": {"prior": "log_uniform", "range": [1e-4, 1e-2]},
        },
        "method": settings,
    }


TARGETS = {
    "name": "tiny",
    "targets": {
        "trust": {"outcome": "trust_within", "observed": 0.6, "sd": 0.03,
                  "source": "made up for the test"},
        "leaving": {"outcome": "leavers", "interval": [1, 3], "tolerance": 1,
                    "source": "made up for the test", "verified": False,
                    "note": "not an observation"},
    },
}


def write_calibration(directory, name="calibration.json", days=None, targets=None, **method):
    tiny = dict(TINY)
    if days:
        tiny = json.loads(json.dumps(TINY).replace('"days": 80', f'"days": {days}')
                          .replace("[0, 79]", f"[0, {days - 1}]"))
    (directory / "tiny.json").write_text(json.dumps(tiny))
    (directory / "targets.json").write_text(json.dumps(targets or TARGETS, indent=2))
    path = directory / name
    path.write_text(json.dumps(calibration(**method), indent=2))
    return path


# string_checksum sums every string, these two among them.
VOLATILE = {"created_utc", "command_line", "string_checksum"}


def contents(path):
    """Every dataset (name -> values) and root attribute but the volatile ones."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset):
                found[name] = item.asstr()[()] if item.dtype.kind == "O" else item[()]
        f.visititems(visit)
        attributes = {k: v for k, v in f.attrs.items() if k not in VOLATILE}
    return found, attributes


def assert_same_calibration(a, b):
    (left, left_attrs), (right, right_attrs) = contents(a), contents(b)
    assert sorted(left) == sorted(right)
    for name in left:
        x, y = np.asarray(left[name]), np.asarray(right[name])
        assert x.shape == y.shape, name
        if x.dtype.kind == "f":
            assert np.array_equal(x, y, equal_nan=True), name
        else:
            assert np.array_equal(x, y), name
    assert left_attrs.keys() == right_attrs.keys()
    for key in left_attrs:
        assert str(left_attrs[key]) == str(right_attrs[key]), key


def population_files(parts):
    return sorted(parts.glob("population_*.h5"))


def start_and_wait_for_population(binary, directory, calibration_file, out, count, timeout=120):
    """Starts a calibration and waits until `count` populations are committed."""
    process = subprocess.Popen([binary, "calibrate", str(calibration_file), "-o", str(out),
                                "--threads", "2"], cwd=directory, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    parts = directory / (out.name + ".parts")
    deadline = time.time() + timeout
    while not parts.exists() or len(population_files(parts)) < count:
        assert process.poll() is None, process.communicate()
        assert time.time() < deadline, "no populations appeared"
        time.sleep(0.02)
    return process, parts


def kill_after_populations(binary, directory, calibration_file, out, count):
    """A calibration killed (SIGKILL: no handler, no clean-up) once `count`
    populations are committed; returns its parts directory."""
    process, parts = start_and_wait_for_population(binary, directory, calibration_file, out, count)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return parts
