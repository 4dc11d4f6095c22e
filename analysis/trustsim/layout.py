"""Where to draw each member of staff in a trust-network figure.

Teams sit on a circle and their members on a sunflower spiral around the
team's centre, sorted by organisation and profession so colleagues from the
same employer sit together. Nothing is optimised: the picture is the same
every time for the same network, and ties between teams show as lines
across the circle, which is the thing a reader looks for.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def team_centres(teams) -> dict:
    """Team name -> (x, y) on the unit circle, the first at the top (two
    teams side by side, which suits a landscape page)."""
    n = len(teams)
    if n == 1:
        return {teams[0]: (0.0, 0.0)}
    start = math.pi if n == 2 else math.pi / 2
    angles = start - 2 * math.pi * np.arange(n) / n
    return {t: (math.cos(a), math.sin(a)) for t, a in zip(teams, angles)}


def cluster_radius(n_teams: int) -> float:
    """Radius of a team's cluster: as large as it can be without touching its neighbours."""
    if n_teams == 1:
        return 1.0
    return min(0.42, 0.8 * math.sin(math.pi / n_teams))


def sunflower(n: int, radius: float) -> np.ndarray:
    """n points spread evenly over a disc (Vogel's spiral), shape (n, 2)."""
    i = np.arange(n)
    r = radius * np.sqrt((i + 0.5) / max(n, 1))
    theta = i * GOLDEN_ANGLE
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def staff_positions(nodes: pd.DataFrame, teams) -> pd.DataFrame:
    """nodes with x and y added (teams missing from `teams` are appended)."""
    teams = list(teams) + sorted(set(nodes["team"]) - set(teams))
    present = [t for t in teams if t in set(nodes["team"])]
    centres = team_centres(present)
    radius = cluster_radius(len(present))
    placed = []
    for team in present:
        members = nodes[nodes["team"] == team].sort_values(["organisation", "profession", "staff_id"])
        xy = sunflower(len(members), radius) + np.array(centres[team])
        placed.append(members.assign(x=xy[:, 0], y=xy[:, 1]))
    if not placed:
        return nodes.assign(x=np.array([], float), y=np.array([], float))
    return pd.concat(placed).sort_values("staff_id").reset_index(drop=True)


def undirected_ties(edges: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of staff: a, b (a < b) and the mean of the trust each
    holds in the other (a direction not stored counts as not above baseline,
    so it is left out rather than guessed)."""
    if edges.empty:
        return pd.DataFrame(columns=["a", "b", "trust"])
    a = np.minimum(edges["source"], edges["target"])
    b = np.maximum(edges["source"], edges["target"])
    pairs = pd.DataFrame({"a": a, "b": b, "trust": edges["trust"]})
    return pairs.groupby(["a", "b"], as_index=False)["trust"].mean()
