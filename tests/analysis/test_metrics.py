"""analysis/trustsim/metrics.py mirrors sim/model/metrics.hpp, the one list
of metric names every tool relies on."""

import re

import pytest

from tiny_scenario import REPO
from trustsim import metrics

HEADER = REPO / "sim" / "model" / "metrics.hpp"


def header_table(array_name):
    """(name, units) pairs of one std::array<MetricInfo, ...> in the header."""
    text = HEADER.read_text()
    body = re.search(array_name + r"\{\{(.*?)\}\};", text, re.S).group(1)
    return re.findall(r'\{"(\w+)",\s*"([^"]*)"', body)


@pytest.fixture(autouse=True)
def needs_header():
    if not HEADER.is_file():
        pytest.skip(f"{HEADER} not in this checkout")


def test_daily_metrics_match_the_header():
    assert [(m.name, m.units) for m in metrics.DAILY] == header_table("daily_info")


def test_outcomes_match_the_header():
    assert [(m.name, m.units) for m in metrics.OUTCOMES] == header_table("outcome_info")


def test_axis_labels_carry_units():
    assert metrics.daily_metric("incidents").axis_label == "Patient-safety incidents (incidents/day)"
    assert metrics.daily_metric("trust_between").axis_label == "Trust between teams (0–1)"
    assert metrics.daily_metric("something_new").axis_label == "Something new"
