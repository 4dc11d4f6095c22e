"""`trustsim report` on what the binary writes for each kind of design: a
grid sweep (one section per cell, never pooled), a sampled design, and a
grid run as two shards and merged. Each page renders in headless Chromium
with every figure loaded and a clean console; the CSVs carry the grid."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from designs import GRID, GRID_CELLS, SAMPLED, grid_sweep, merged_shards, sampled_sweep, trustsim
from shared_outputs import made_once
from test_report_browser import CHROMIUM, chromium, console_problems, images_loaded

MAKE = {"grid": grid_sweep, "sampled": sampled_sweep, "merged": merged_shards}
GRID_KEY = next(iter(GRID["grid"]))


@pytest.fixture(scope="module", params=list(MAKE))
def report_dir(request, tmp_path_factory):
    def make(work):
        work.mkdir()
        path = MAKE[request.param](work)
        trustsim("report", path.name, "-o", "report", cwd=work)

    return request.param, made_once(tmp_path_factory, f"design_{request.param}", make) / "report"


def sections(html: str) -> dict:
    return {
        "cells": len(re.findall(r'<section class="cell"', html)),
        "response": html.count('<section id="response-curves"'),
        "figures": html.count('<section id="figures"'),
    }


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: apt-get install -y chromium")
def test_renders_in_chromium_with_one_section_per_grid_cell(report_dir, tmp_path):
    design, out = report_dir
    dom, log = chromium(out / "report.html", tmp_path / "profile", "--dump-dom")
    loaded, total = images_loaded(dom)
    assert loaded == total and total >= 4
    expected = {"cells": GRID_CELLS, "response": 1, "figures": 0} if design != "sampled" else \
        {"cells": 0, "response": 0, "figures": 1}
    assert sections(dom) == expected
    assert 'id="how-to-read"' in dom and "Not drawn" not in dom
    assert console_problems(log) == []


def test_csvs_carry_the_grid_and_never_pool_cells(report_dir):
    design, out = report_dir
    comparison = pd.read_csv(out / "comparison.csv")
    daily = pd.read_csv(out / "daily_mean.csv")
    summary = pd.read_csv(out / "summary.csv")
    if design == "sampled":
        for key in SAMPLED["sample"]["parameters"]:
            assert summary[key].nunique() == SAMPLED["sample"]["count"]
        assert (out / "sensitivity.csv").is_file()
        # Pooled over the sampled points, as the design asks: 8 runs per variant.
        assert set(daily["n"]) == {SAMPLED["sample"]["count"]}
        return
    values = sorted(GRID["grid"][GRID_KEY])
    for table in (comparison, daily, pd.read_csv(out / "team_trust_mean.csv")):
        assert GRID_KEY in table.columns
        assert sorted(table[GRID_KEY].unique()) == pytest.approx(values)
    # Each mean is over one cell's replicates, never the runs of several cells.
    assert set(daily["n"]) == {GRID["replicates"]}
    assert len(comparison) == len(values) * len(GRID["variants"]) * comparison["outcome"].nunique()


def test_grid_page_says_what_the_design_is(report_dir):
    design, out = report_dir
    text = (out / "report.html").read_text()
    if design == "sampled":
        assert "a sampled design: 2 variants × 8 sampled points over 2 parameters" in text
    else:
        assert f"2 variants × {GRID_CELLS} grid cells (over {GRID_KEY}) × 2 replicate runs" in text
        assert (design == "merged") == ("merged from shard files" in text)
        for value in GRID["grid"][GRID_KEY]:
            assert f"{GRID_KEY} = {value:g}</h2>" in text
        # The sweep file's question names its outcomes: each cell says them, and only them.
        glance = text.split('<section class="cell" id="cell-1">')[1].split("</ul>")[0]
        assert "headcount at the end" in glance and "patient-safety incidents" in glance
        assert "leavers" not in glance
