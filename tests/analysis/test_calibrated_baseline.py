"""The baseline's calibrated rates are said where a reader looks: every rate
scenarios/baseline.json sets is named in its `calibrated_to` (which the
report's opening box quotes) and marked "C" with that value in docs/ODD.md's
parameter tables, and no other row of those tables is marked "C"."""

import json
import re

from tiny_scenario import REPO

RATE_SECTIONS = ("staff", "issues", "trust")


def set_rates():
    """Dotted key -> value for every rate the baseline sets (not its teams)."""
    baseline = json.loads((REPO / "scenarios" / "baseline.json").read_text())
    return {f"{section}.{key}": value
            for section in RATE_SECTIONS for key, value in baseline.get(section, {}).items()}, baseline


def odd_rows():
    """docs/ODD.md's parameter rows: key -> the default column's text."""
    rows = {}
    for line in (REPO / "docs" / "ODD.md").read_text().splitlines():
        found = re.match(r"\| `([a-z_]+\.[a-z_.]+)` \| ([^|]*) \|", line)
        if found:
            rows[found.group(1)] = found.group(2).strip()
    return rows


def test_every_rate_the_baseline_sets_is_named_and_marked_calibrated():
    rates, baseline = set_rates()
    assert rates, "the baseline sets no rate: then nothing is calibrated and calibrated_to should be empty"
    rows = odd_rows()
    for key, value in rates.items():
        assert key in baseline["calibrated_to"], key
        assert rows[key].startswith(f"C: {value:g} in the baseline"), (key, rows[key])


def test_no_other_parameter_is_marked_calibrated():
    rates, _ = set_rates()
    marked = {key for key, default in odd_rows().items() if default.startswith("C:")}
    assert marked == set(rates)
