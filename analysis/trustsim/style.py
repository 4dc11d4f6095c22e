"""How trustsim's figures look: colour-blind-safe colours, print settings,
and writing each figure as PNG and SVG.

Figures are made with matplotlib's Figure class, not pyplot, so no display or
global figure state is involved (they work in scripts, tests and CI alike).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import SubplotSpec
from matplotlib.ticker import NullLocator

_P = ParamSpec("_P")
_R = TypeVar("_R")

# Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#8C8C8C"

# Series in this order; yellow last because it is faint on white.
SERIES = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, YELLOW)
LINESTYLES = ("-", "--", "-.", ":")  # a second cue, for greyscale print

# Perceptually uniform and colour-blind safe.
TRUST_COLOURMAP = "viridis"
CHANGE_COLOURMAP = "PuOr"  # diverging and colour-blind safe: orange down, purple up

BETTER, WORSE, UNCLEAR = BLUE, VERMILLION, GREY

PNG_DPI = 200
FULL_WIDTH = 7.5  # inches: the text width of a printed A4 or letter page

RC = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "figure.titlesize": 12,
    "figure.titleweight": "bold",
    "savefig.dpi": PNG_DPI,
    "svg.fonttype": "none",  # text stays text: searchable, selectable, small
    "svg.hashsalt": "trustsim",  # same figure, same SVG bytes
}


def styled(draw: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a figure function under trustsim's matplotlib settings."""

    @functools.wraps(draw)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with matplotlib.rc_context(RC):
            return draw(*args, **kwargs)

    return wrapper


def new_figure(width: float = FULL_WIDTH, height: float = 4.5) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def legend_panel(fig: Figure, slot: SubplotSpec, handles: Sequence[Artist],
                 labels: Sequence[str] | None = None, ncols: int = 1, **kwargs: Any) -> Axes:
    """A legend in its own blank panel (`slot`, a gridspec cell), so the
    layout engine makes room for it. (matplotlib 3.6, Debian 12's, has no
    'outside' legend placement.)"""
    ax = fig.add_subplot(slot)
    ax.axis("off")
    if labels is None:
        labels = [h.get_label() for h in handles]
    ax.legend(handles, labels, loc=kwargs.pop("loc", "center"), ncols=ncols, **kwargs)
    return ax


def variant_colours(variants: Sequence[str], baseline: str = "baseline") -> dict[str, str]:
    """Baseline in black, the others in Okabe-Ito order."""
    colours, others = {}, iter(SERIES * (len(variants) // len(SERIES) + 1))
    for v in variants:
        colours[v] = BLACK if v == baseline else next(others)
    return colours


def team_colours(teams: Sequence[str]) -> dict[str, str]:
    return {t: SERIES[i % len(SERIES)] for i, t in enumerate(teams)}


def pretty(name: str) -> str:
    """A variant or parameter name as a reader would write it."""
    return str(name).replace("_", " ")


def output_paths(out: str | Path) -> tuple[Path, Path]:
    """(png, svg) for `out`, given with or without a .png/.svg suffix."""
    out = Path(out)
    stem = out.parent / out.stem if out.suffix.lower() in (".png", ".svg") else out
    return stem.parent / (stem.name + ".png"), stem.parent / (stem.name + ".svg")


def save(fig: Figure, out: str | Path) -> tuple[Path, Path]:
    """Write `fig` as PNG (print resolution) and SVG; return both paths."""
    png, svg = output_paths(out)
    png.parent.mkdir(parents=True, exist_ok=True)
    # No creation dates or software versions: same data, same files. Under
    # our settings, which say how SVG keeps text, whoever drew the figure.
    with matplotlib.rc_context({**RC, "figure.autolayout": False, "figure.constrained_layout.use": False}):
        # An axis without minor ticks still asks its major locator again,
        # every time its ticks are laid out, for minor ticks to drop that
        # duplicate major ones: there are none to drop.
        untouched = [axis for ax in fig.get_axes() for axis in (ax.xaxis, ax.yaxis)
                     if axis.remove_overlapping_locs and isinstance(axis.get_minor_locator(), NullLocator)]
        for axis in untouched:
            axis.remove_overlapping_locs = False
        # Lay the figure out once, at the PNG's resolution, as savefig would,
        # and draw both files with that layout. With a layout engine set,
        # savefig first draws the whole figure without output (to lay it
        # out) and then again for real: for the PNG and again for the SVG.
        engine = fig.get_layout_engine()
        if engine is not None:
            canvas, dpi = fig.canvas, fig.dpi
            try:
                FigureCanvasAgg(fig)  # text measured as for the PNG: Agg's, at its resolution
                fig.dpi = PNG_DPI
                engine.execute(fig)
            finally:
                fig.dpi = dpi
                fig.set_canvas(canvas)  # the caller's, e.g. pyplot's window
            fig.set_layout_engine(None)  # none at all (not "none", which still draws twice)
        try:
            fig.savefig(png, dpi=PNG_DPI, metadata={"Software": None}, facecolor="white")
            fig.savefig(svg, metadata={"Date": None, "Creator": None}, facecolor="white")
        finally:
            if engine is not None:
                fig.set_layout_engine(engine)
            for axis in untouched:
                axis.remove_overlapping_locs = True
    return png, svg
