"""Same scenario and seed: bit-identical datasets, whatever --threads."""
import h5py
import numpy as np


def datasets(path):
    found = {}
    with h5py.File(path) as f:
        def visit(name, item):
            if isinstance(item, h5py.Dataset):
                found[name] = item[()]
        f.visititems(visit)
    return found


def test_thread_count_does_not_change_results(trustsim, write_scenario, tiny, tmp_path):
    tiny["replicates"] = 4
    scenario = write_scenario(tiny)
    for threads in (1, 2):
        result = trustsim("run", scenario, "-o", tmp_path / f"t{threads}.h5", "--threads", threads)
        assert result.returncode == 0, result.stderr
    one, two = datasets(tmp_path / "t1.h5"), datasets(tmp_path / "t2.h5")
    assert one.keys() == two.keys()
    assert len(one) > 50
    for name in one:
        assert np.array_equal(one[name], two[name], equal_nan=one[name].dtype.kind == "f"), name  # NaN: no diff
        if one[name].dtype.kind == "f":
            assert one[name].tobytes() == two[name].tobytes(), name


def test_a_different_seed_gives_different_results(trustsim, write_scenario, tiny, tmp_path):
    scenario = write_scenario(tiny)
    for seed in (1, 2):
        assert trustsim("run", scenario, "-o", tmp_path / f"s{seed}.h5", "--seed", seed).returncode == 0
    a, b = datasets(tmp_path / "s1.h5"), datasets(tmp_path / "s2.h5")
    assert not np.array_equal(a["runs/run_000000/daily/trust_between"],
                              b["runs/run_000000/daily/trust_between"])
