"""Open a trustsim HDF5 output file as tidy pandas tables.

The layout is docs/output-format.md. Everything is read on first use and
kept, so a large sweep costs only what the caller asks for. A sweep that is
still being resumed may lack some runs: what is there is loaded, and
`missing_runs` says what is not.
"""

from __future__ import annotations

import contextlib
import json
import re
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import h5py
import numpy as np
import pandas as pd

if TYPE_CHECKING:
    import xarray

FORMAT = "trustsim"
FORMAT_VERSION = 1  # the newest layout this package reads
ID_COLUMNS = ("run_id", "variant", "replicate", "seed")
BASELINE = "baseline"  # the variant differences are taken from
RUN_GROUP = re.compile(r"run_(\d+)$")
SNAPSHOT_GROUP = re.compile(r"day_(\d+)$")


class TrustsimFileError(Exception):
    """A file that cannot be read as trustsim output; says which and why."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


@dataclass(frozen=True)
class Metric:
    """A daily series or an outcome as the file describes it: its dataset's
    name, and its `units`, `label` and `description` attributes (written from
    sim/model/metrics.hpp, the one list of them)."""

    name: str
    units: str
    label: str
    description: str = ""

    @property
    def is_score(self) -> bool:
        """Units "1": a mean score or share from 0 to 1 (trust, burnout)."""
        return self.units == "1"

    @property
    def is_correlation(self) -> bool:
        """Units "r": a correlation coefficient, from −1 to 1."""
        return self.units == "r"

    @property
    def is_ratio(self) -> bool:
        """Units "ratio": one share over another (a risk ratio), from 0, 1
        when the two are equal."""
        return self.units == "ratio"

    @property
    def is_count(self) -> bool:
        """A count or a rate of counts: never below zero, axes start at zero."""
        return not (self.is_score or self.is_correlation or self.is_ratio) and bool(self.units)

    @property
    def never_negative(self) -> bool:
        """A count, score, share or ratio: read against zero, never below it."""
        return self.is_count or self.is_score or self.is_ratio

    @property
    def decimals(self) -> int:
        """As a reader needs it: scores, correlations and yearly rates (about
        0.1) to 3 decimals, ratios (about 1 to 3) to 2, counts and hours to 1."""
        if self.is_score or self.is_correlation or self.units.startswith("1/"):
            return 3
        return 2 if self.is_ratio else 1

    @property
    def unit_text(self) -> str:
        return {"1": "0–1", "r": "−1 to 1"}.get(self.units, self.units)

    def within_range(self, values):
        """`values` (a number, or a pandas Series) cut to what the quantity can
        be: a count or a ratio at 0, a score or share at 0 and 1, a
        correlation at −1 and 1. An interval past that (a negative count) only
        distracts."""
        lower = -1.0 if self.is_correlation else 0.0 if self.never_negative else None
        upper = 1.0 if self.is_score or self.is_correlation else None
        if isinstance(values, pd.Series):
            return values.clip(lower=lower, upper=upper)
        return float(np.clip(values, -np.inf if lower is None else lower, np.inf if upper is None else upper))

    @property
    def unit_after_value(self) -> str:
        """What follows a value in a sentence: "0.41 on a 0–1 scale", "39.7 incidents"."""
        return f"on a {self.unit_text} scale" if self.is_score or self.is_correlation else self.units

    @property
    def axis_label(self) -> str:
        """Label with units, e.g. "Patient-safety incidents (incidents/day)"."""
        return f"{self.label} ({self.unit_text})" if self.units else self.label


def _metric_of(name: str, attrs) -> Metric:
    units = _scalar(attrs.get("units", "")) if attrs is not None else ""
    label = _scalar(attrs.get("label", "")) if attrs is not None else ""
    description = _scalar(attrs.get("description", "")) if attrs is not None else ""
    # Files written before labels were stored: a readable name from the key.
    return Metric(name, str(units), str(label) or name.replace("_", " ").capitalize(), str(description))


@dataclass
class Network:
    """The trust network of one run on one snapshot day."""

    run_id: int
    day: int
    teams: list  # team names in code order (colours and layout follow it)
    nodes: pd.DataFrame  # staff_id, team, organisation, profession
    edges: pd.DataFrame  # source, target (staff ids), trust = T(source->target)


def open_results(path: str | Path) -> Results:
    """Check that `path` is a trustsim output file and return its Results.

    Raises TrustsimFileError for a missing, corrupt or foreign file.
    """
    path = Path(path)
    if not path.exists():
        raise TrustsimFileError(path, "no such file")
    if path.is_dir():
        raise TrustsimFileError(path, "is a directory, not a trustsim output file")
    if not h5py.is_hdf5(path):
        raise TrustsimFileError(
            path, "not an HDF5 file (no HDF5 signature: is it corrupt, or some other kind of file?)"
        )
    results = Results(path)
    with results._reading("the root attributes") as f:
        _check_is_trustsim(path, f)
    return results


def _check_is_trustsim(path: Path, f: h5py.File) -> None:
    found = ", ".join(sorted(f.keys())) or "nothing"
    if "format" not in f.attrs:
        raise TrustsimFileError(
            path,
            f"an HDF5 file but not trustsim output: no root attribute 'format' (it holds {found})",
        )
    fmt = _scalar(f.attrs["format"])
    if fmt != FORMAT:
        raise TrustsimFileError(path, f"root attribute 'format' is {fmt!r}, not {FORMAT!r}")
    version = _scalar(f.attrs.get("format_version", FORMAT_VERSION))
    if int(version) > FORMAT_VERSION:
        raise TrustsimFileError(
            path,
            f"format_version {version} is newer than this analysis package reads "
            f"({FORMAT_VERSION}); update analysis/",
        )
    if "summary" not in f and "runs" not in f:
        raise TrustsimFileError(path, f"trustsim file with neither /summary nor /runs (it holds {found})")


def _plain(value):
    """An HDF5 attribute as plain Python: str, int, float, or a list of them."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _scalar(value):
    """An attribute that should be one value, even if written as a 1-element array."""
    value = _plain(value)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _column(ds: h5py.Dataset) -> np.ndarray:
    if h5py.check_string_dtype(ds.dtype) is not None:
        return ds.asstr()[()].astype(object)
    return ds[()]


def _run_id(name: str, group: h5py.Group) -> int:
    if "run_id" in group.attrs:
        return int(_scalar(group.attrs["run_id"]))
    return int(RUN_GROUP.match(name).group(1))


class Results:
    """The contents of one trustsim output file, as tidy tables.

    Tables (pandas DataFrames, built on first use):
      summary     one row per run: run_id, variant, replicate, seed,
                  swept parameters, outcomes
      team_summary one row per run and team: run, variant, team, locality,
                  the team's outcomes (run is /summary's run_id)
      team_comparison  per grid cell, locality, team, variant and team
                  outcome: as comparison
      comparison  per variant and outcome: n, mean, ci_low, ci_high, diff,
                  diff_ci_low, diff_ci_high (difference from the baseline)
      daily       long: run_id, variant, replicate, day, metric, value
      daily_wide  the same with one column per metric
      team_trust  long: run_id, variant, replicate, day, from_team, to_team, trust
    and network(run_id, day), provenance, to_xarray().
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self):
        return f"<trustsim Results {self.path} kind={self.kind} runs={len(self.run_ids)}>"

    @contextlib.contextmanager
    def _reading(self, what: str):
        """Open the file for reading; turn h5py's failures into TrustsimFileError."""
        try:
            with h5py.File(self.path, "r") as f:
                yield f
        except TrustsimFileError:
            raise
        except FileNotFoundError:
            raise TrustsimFileError(self.path, "no such file (was it moved after opening?)") from None
        except (OSError, KeyError, ValueError, TypeError, RuntimeError) as e:
            raise TrustsimFileError(self.path, f"cannot read {what}: {e}") from e

    # --- provenance -------------------------------------------------------

    @cached_property
    def provenance(self) -> dict:
        """Root attributes; scenario_given and scenario_resolved parsed from JSON."""
        with self._reading("the root attributes") as f:
            attrs = {k: _plain(v) for k, v in f.attrs.items()}
        for key in ("format", "format_version", "kind", "seed", "run_count", "scenario_given", "scenario_resolved"):
            if key in attrs:
                attrs[key] = _scalar(attrs[key])
        for key in ("scenario_given", "scenario_resolved"):
            if isinstance(attrs.get(key), str):
                try:
                    attrs[key] = json.loads(attrs[key])
                except json.JSONDecodeError:
                    pass  # keep the text: it is still worth showing
        return attrs

    @property
    def kind(self) -> str:
        return self.provenance.get("kind", "run")

    # --- runs -------------------------------------------------------------

    @cached_property
    def _run_groups(self) -> dict:
        """run_id -> (group name, variant, replicate) for every run group present."""
        found = {}
        with self._reading("/runs") as f:
            runs = f.get("runs")
            if runs is None:
                return found
            for name in runs:
                if not RUN_GROUP.match(name):
                    continue
                g = runs[name]
                found[_run_id(name, g)] = (
                    name,
                    _scalar(g.attrs.get("variant", BASELINE)),
                    int(_scalar(g.attrs.get("replicate", 0))),
                )
        return dict(sorted(found.items()))

    @property
    def run_ids(self) -> list:
        """Ids of the runs whose data are in the file."""
        return list(self._run_groups)

    @property
    def missing_runs(self) -> list:
        """Run ids listed in /summary (or promised by run_count) with no data yet."""
        expected = set(self.summary["run_id"].tolist())
        expected |= set(range(int(self.provenance.get("run_count", 0))))
        return sorted(expected - set(self._run_groups))

    @property
    def is_complete(self) -> bool:
        return not self.missing_runs

    def _run_label(self, run_id: int):
        """(variant, replicate) of a run, from its group or else /summary."""
        if run_id in self._run_groups:
            return self._run_groups[run_id][1:]
        row = self.summary.loc[self.summary["run_id"] == run_id]
        return row["variant"].iloc[0], int(row["replicate"].iloc[0])

    # --- summary and comparison ------------------------------------------

    @cached_property
    def summary(self) -> pd.DataFrame:
        """One row per run. `summary.attrs["units"]` maps column to units."""
        with self._reading("/summary") as f:
            if "summary" in f:
                return self._columns_table(f["summary"], "/summary")
        # A file caught before its summary was written: rebuild the ids from
        # the run groups so the rest still loads.
        warnings.warn(f"{self.path}: no /summary; run ids rebuilt from /runs, outcomes unknown")
        rows = [
            {"run_id": rid, "variant": v, "replicate": r} for rid, (_, v, r) in self._run_groups.items()
        ]
        return pd.DataFrame(rows, columns=["run_id", "variant", "replicate"])

    def _columns_table(self, group: h5py.Group, where: str) -> pd.DataFrame:
        names = _plain(group.attrs["columns"]) if "columns" in group.attrs else list(group.keys())
        if isinstance(names, str):
            names = [names]
        columns, units, described = {}, {}, {}
        for name in names:
            if name not in group:
                raise TrustsimFileError(self.path, f"{where} lists column {name!r} but has no dataset of that name")
            columns[name] = _column(group[name])
            units[name] = _scalar(group[name].attrs.get("units", ""))
            described[name] = {k: _plain(v) for k, v in group[name].attrs.items()}
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            # A file whose writer stopped mid-row: keep the rows every column has.
            n = min(lengths)
            warnings.warn(f"{self.path}: {where} columns differ in length; keeping the first {n} rows")
            columns = {k: v[:n] for k, v in columns.items()}
        table = pd.DataFrame(columns)
        table.attrs["units"] = units
        table.attrs["datasets"] = described
        return table

    @cached_property
    def team_summary(self) -> pd.DataFrame:
        """One row per run and team. `team_summary.attrs["units"]` maps column
        to units; names, labels and descriptions come from the file, so a new
        team outcome needs no change here. Empty for a file written before
        /team_summary existed."""
        with self._reading("/team_summary") as f:
            if "team_summary" in f:
                return self._columns_table(f["team_summary"], "/team_summary")
        table = pd.DataFrame(columns=["run", "variant", "team", "locality"])
        table.attrs["units"], table.attrs["datasets"] = {}, {}
        return table

    @cached_property
    def team_comparison(self) -> pd.DataFrame:
        """Each variant's team outcomes and their difference from the
        baseline, with 95% intervals, per grid cell, locality and team: the
        columns of `comparison` with `locality` and `team` added."""
        from .stats import comparison_from_summary

        teams = self.team_summary
        if teams.empty:
            return teams
        keys = [k for k in self.grid_keys if k in self.summary.columns]
        if keys:
            cells = self.summary[["run_id", *keys]].rename(columns={"run_id": "run"})
            teams = teams.merge(cells, on="run", how="left")
        return comparison_from_summary(teams, self.team_outcomes, self.baseline_variant,
                                       grid_keys=[*keys, "locality", "team"])

    @property
    def team_outcomes(self) -> list:
        """Outcome columns of /team_summary, in file order."""
        ids = ("run", "variant", "team", "locality")
        return [c for c in self.team_summary.columns if c not in ids]

    def team_outcome_metric(self, name: str) -> Metric:
        """Name, units, label and description of a team outcome, from /team_summary."""
        return _metric_of(name, self.team_summary.attrs.get("datasets", {}).get(name))

    @property
    def variants(self) -> list:
        """Variant names in the order they first appear in /summary."""
        return list(dict.fromkeys(self.summary["variant"].tolist()))

    @property
    def baseline_variant(self) -> str:
        """`baseline` if present, else the first variant (what differences are taken from)."""
        variants = self.variants
        if BASELINE in variants or not variants:
            return BASELINE
        return variants[0]

    def _is_outcome(self, column: str) -> bool:
        if column in ID_COLUMNS:
            return False
        attrs = self.summary.attrs.get("datasets", {}).get(column, {})
        if "label" in attrs:
            return True  # the writer labels outcomes, not swept keys
        return not str(attrs.get("description", "")).startswith("swept parameter")

    @property
    def outcomes(self) -> list:
        """Outcome columns of /summary, in file order."""
        return [c for c in self.summary.columns if self._is_outcome(c)]

    @property
    def parameters(self) -> list:
        """Swept-parameter columns of /summary (dotted scenario keys)."""
        return [c for c in self.summary.columns if c not in ID_COLUMNS and not self._is_outcome(c)]

    @cached_property
    def grid_keys(self) -> list:
        """The swept keys of a grid (from /comparison): each combination of
        their values is a cell that is compared on its own, never pooled."""
        with self._reading("/comparison") as f:
            if "comparison" in f and "grid_keys" in f["comparison"].attrs:
                keys = _plain(f["comparison"].attrs["grid_keys"])
                return [keys] if isinstance(keys, str) else list(keys)
        return []

    def outcome_metric(self, name: str) -> Metric:
        """Name, units, label and description of an outcome, from /summary."""
        return _metric_of(name, self.summary.attrs.get("datasets", {}).get(name))

    @cached_property
    def _daily_attrs(self) -> dict:
        with self._reading("the daily series in /runs") as f:
            for name, _, _ in self._run_groups.values():
                daily = f["runs"][name].get("daily")
                if daily is not None:
                    return {k: {a: _plain(v) for a, v in daily[k].attrs.items()} for k in daily}
        return {}

    def daily_metric(self, name: str) -> Metric:
        """Name, units, label and description of a daily series, from /runs."""
        return _metric_of(name, self._daily_attrs.get(name))

    @cached_property
    def comparison(self) -> pd.DataFrame:
        """Each variant's outcomes and difference from the baseline, with 95% intervals.

        Read from /comparison when the file has one, else computed from /summary
        (see `comparison_source`).
        """
        if self.comparison_source == "file":
            with self._reading("/comparison") as f:
                return self._columns_table(f["comparison"], "/comparison")
        from .stats import comparison_from_summary

        return comparison_from_summary(self.summary, self.outcomes, self.baseline_variant)

    @cached_property
    def comparison_source(self) -> str:
        """"file" if the file has /comparison (sweeps), else "computed from /summary"."""
        with self._reading("/comparison") as f:
            return "file" if "comparison" in f else "computed from /summary"

    # --- daily series -----------------------------------------------------

    @cached_property
    def daily_wide(self) -> pd.DataFrame:
        """run_id, variant, replicate, day, then one column per daily metric."""
        frames = []
        with self._reading("the daily series in /runs") as f:
            for run_id, (name, variant, replicate) in self._run_groups.items():
                daily = f["runs"][name].get("daily")
                if daily is None:
                    continue  # a run group whose data are not written yet
                names = _plain(daily.attrs["columns"]) if "columns" in daily.attrs else list(daily)
                names = [n for n in names if n != "day"]  # writers may list the day among the columns
                day = daily["day"][()].astype(np.int64)
                table = {"run_id": run_id, "variant": variant, "replicate": replicate, "day": day}
                table.update({m: daily[m][()] for m in names})
                frames.append(pd.DataFrame(table))
        if not frames:
            return pd.DataFrame(columns=["run_id", "variant", "replicate", "day"])
        return pd.concat(frames, ignore_index=True)

    @cached_property
    def daily(self) -> pd.DataFrame:
        """Long form: run_id, variant, replicate, day, metric, value."""
        wide = self.daily_wide
        ids = ["run_id", "variant", "replicate", "day"]
        return wide.melt(id_vars=ids, var_name="metric", value_name="value")

    @property
    def daily_metrics(self) -> list:
        return [c for c in self.daily_wide.columns if c not in ("run_id", "variant", "replicate", "day")]

    # --- team-by-team trust -----------------------------------------------

    @cached_property
    def team_trust(self) -> pd.DataFrame:
        """Long form: run_id, variant, replicate, day, from_team, to_team, trust."""
        frames = []
        with self._reading("team_trust in /runs") as f:
            for run_id, (name, variant, replicate) in self._run_groups.items():
                group = f["runs"][name].get("team_trust")
                if group is None:
                    continue
                day = group["day"][()].astype(np.int64)
                teams = np.asarray(_column(group["team"]), dtype=object)
                trust = group["trust"][()]
                s, a, b = np.meshgrid(np.arange(len(day)), np.arange(len(teams)), np.arange(len(teams)), indexing="ij")
                frames.append(
                    pd.DataFrame(
                        {
                            "run_id": run_id,
                            "variant": variant,
                            "replicate": replicate,
                            "day": day[s.ravel()],
                            "from_team": teams[a.ravel()],
                            "to_team": teams[b.ravel()],
                            "trust": trust.reshape(-1),
                        }
                    )
                )
        if not frames:
            return pd.DataFrame(columns=["run_id", "variant", "replicate", "day", "from_team", "to_team", "trust"])
        return pd.concat(frames, ignore_index=True)

    @property
    def teams(self) -> list:
        """Team names in the order the file gives them."""
        return list(dict.fromkeys(self.team_trust["from_team"].tolist()))

    # --- network snapshots ------------------------------------------------

    def network_days(self, run_id: int) -> list:
        """Days on which run `run_id` has a network snapshot."""
        name = self._group_name(run_id)
        with self._reading(f"/runs/{name}/network") as f:
            network = f["runs"][name].get("network")
            if network is None:
                return []
            return sorted(
                int(_scalar(network[k].attrs.get("day", SNAPSHOT_GROUP.match(k).group(1))))
                for k in network
                if SNAPSHOT_GROUP.match(k)
            )

    def network(self, run_id: int | None = None, day: int | None = None) -> Network:
        """The trust network of a run (default the first) on a day (default the last snapshot)."""
        if run_id is None:
            if not self.run_ids:
                raise TrustsimFileError(self.path, "holds no runs yet")
            run_id = self.run_ids[0]
        days = self.network_days(run_id)
        if not days:
            raise TrustsimFileError(self.path, f"run {run_id} has no network snapshots")
        if day is None:
            day = days[-1]
        if day not in days:
            raise ValueError(f"run {run_id} has no network snapshot on day {day}; it has days {days}")
        name = self._group_name(run_id)
        where = f"/runs/{name}/network/day_{day:04d}"
        with self._reading(where) as f:
            network = f["runs"][name]["network"]
            snap = network[f"day_{day:04d}"]
            codes = {
                k: _plain(network.attrs[k]) if k in network.attrs else None
                for k in ("teams", "organisations", "professions")
            }

            def named(column, key):
                values = snap[column][()]
                names = codes[key]
                if names is None:
                    return values.astype(str)
                return np.asarray(names, dtype=object)[values]

            teams = codes["teams"] or sorted({str(t) for t in snap["team"][()]})
            nodes = pd.DataFrame(
                {
                    "staff_id": snap["staff_id"][()].astype(np.int64),
                    "team": named("team", "teams"),
                    "organisation": named("organisation", "organisations"),
                    "profession": named("profession", "professions"),
                }
            )
            edges = pd.DataFrame(
                {
                    "source": snap["source"][()].astype(np.int64),
                    "target": snap["target"][()].astype(np.int64),
                    "trust": snap["trust"][()],
                }
            )
        return Network(run_id=run_id, day=day, teams=list(teams), nodes=nodes, edges=edges)

    def run_scenario(self, run_id: int) -> dict:
        """The resolved scenario run `run_id` was simulated with."""
        name = self._group_name(run_id)
        with self._reading(f"/runs/{name}") as f:
            text = _scalar(f["runs"][name].attrs.get("parameters", "{}"))
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return {}

    def variant_scenario(self, variant: str) -> dict:
        """The resolved scenario of a variant's first run present ({} if none)."""
        for run_id, (_, v, _) in self._run_groups.items():
            if v == variant:
                return self.run_scenario(run_id)
        return {}

    def _group_name(self, run_id: int) -> str:
        if run_id not in self._run_groups:
            raise ValueError(f"{self.path} has no data for run {run_id}; runs present: {self.run_ids}")
        return self._run_groups[run_id][0]

    # --- labelled arrays --------------------------------------------------

    def to_xarray(self) -> xarray.Dataset:
        """An xarray Dataset: daily metrics over (run_id, day), team trust over
        (run_id, trust_day, from_team, to_team), outcomes over run_id as
        `outcome_<name>`; variant and replicate are coordinates on run_id.
        Needs xarray (Debian: python3-xarray).
        """
        try:
            import xarray as xr
        except ImportError:
            raise ImportError("to_xarray needs xarray; on Debian: apt-get install python3-xarray") from None

        wide = self.daily_wide.set_index(["run_id", "day"])[self.daily_metrics]
        ds = xr.Dataset.from_dataframe(wide)
        for name in self.daily_metrics:
            m = self.daily_metric(name)
            ds[name].attrs.update(units=m.units, long_name=m.label, description=m.description)

        trust = self.team_trust.rename(columns={"day": "trust_day"})
        if len(trust):
            # Teams in the file's order, not sorted: colours and tables follow it.
            teams = self.teams
            series = trust.set_index(["run_id", "trust_day", "from_team", "to_team"])["trust"]
            array = xr.DataArray.from_series(series).reindex(from_team=teams, to_team=teams)
            ds = ds.merge(array.rename("team_trust").to_dataset())
            ds["team_trust"].attrs.update(units="1", long_name="mean trust T(i->j), i in from_team, j in to_team")

        summary = self.summary.set_index("run_id")
        for name in self.outcomes:
            m = self.outcome_metric(name)
            ds = ds.merge(xr.DataArray.from_series(summary[name]).rename("outcome_" + name).to_dataset())
            ds["outcome_" + name].attrs.update(units=m.units, long_name=m.label, description=m.description)
        # Swept keys and the variant say which runs a run is like: coordinates, not data.
        ds = ds.assign_coords(
            variant=("run_id", [self._run_label(int(r))[0] for r in ds.run_id.values]),
            replicate=("run_id", [self._run_label(int(r))[1] for r in ds.run_id.values]),
            **{name: ("run_id", summary.loc[ds.run_id.values, name].to_numpy()) for name in self.parameters},
        )
        ds.attrs.update({k: v for k, v in self.provenance.items() if isinstance(v, (str, int, float))})
        return ds
