"""Helpers for the sweep command's tests: sweep files over the tiny
scenario, and comparing the result datasets of two output files."""
import json

import h5py
import numpy as np

from conftest import TINY

# Provenance that legitimately differs between two invocations.
VOLATILE_ATTRIBUTES = {"created_utc", "command_line"}


def write_sweep(directory, name="sweep.json", **fields):
    """Writes tiny.json and a sweep on it; `fields` are the sweep's keys."""
    (directory / "tiny.json").write_text(json.dumps(TINY))
    sweep = {"base": "tiny.json", "seed": 17, "replicates": 2}
    sweep.update(fields)
    path = directory / name
    path.write_text(json.dumps(sweep, indent=2))
    return path


def result_datasets(path):
    """Every dataset under /runs, /summary and /comparison: name -> values."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset):
                values = item[()]
                if item.dtype.kind == "O":
                    values = item.asstr()[()]
                found[name] = values
        for group in ("runs", "summary", "comparison"):
            if group in f:
                f[group].visititems(lambda name, item, g=group: visit(f"{g}/{name}", item))
    return found


def assert_same_results(a, b):
    """The two files hold the same runs with the same values."""
    left, right = result_datasets(a), result_datasets(b)
    assert sorted(left) == sorted(right)
    for name in left:
        x, y = np.asarray(left[name]), np.asarray(right[name])
        assert x.shape == y.shape, name
        if x.dtype.kind == "f":
            assert np.array_equal(x, y, equal_nan=True), name
        else:
            assert np.array_equal(x, y), name


def summary_frame(path):
    import pandas as pd
    with h5py.File(path, "r") as f:
        s = f["summary"]
        return pd.DataFrame({c: s[c].asstr()[()] if s[c].dtype.kind == "O" else s[c][()]
                             for c in s.attrs["columns"]})


def comparison_frame(path):
    import pandas as pd
    with h5py.File(path, "r") as f:
        c = f["comparison"]
        return pd.DataFrame({k: c[k].asstr()[()] if c[k].dtype.kind == "O" else c[k][()]
                             for k in c.attrs["columns"]})
