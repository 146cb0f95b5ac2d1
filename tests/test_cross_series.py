"""Real series of reports (tests/series): each run gives exactly its hand-checked cross-report
findings — a new false alarm fails here, and so does a finding that stops being raised — and
every finding cites the other report it speaks of."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision  # noqa: E402  (benchmarks/precision.py: the same comparison, printed as a table)

SERIES = precision.load_series()


def test_the_series_are_there():
    assert len(SERIES) >= 10
    for series in SERIES:
        for item in series.meta["files"]:
            assert series.file(item).is_file(), f"{series.name}: {item}"


@pytest.mark.parametrize("series", SERIES, ids=[series.name for series in SERIES])
def test_exactly_the_hand_checked_cross_findings(series):
    found = precision.run_series(series)
    comparison = precision.compare_series(series, found)
    assert not comparison.unexpected, f"new false alarm(s) on {series.name}: {comparison.unexpected}"
    assert not comparison.missed, f"expected finding(s) no longer raised on {series.name}: {comparison.missed}"
    for file, finding in found:
        if finding.code in {"RL801", "RL802", "RL803", "RL804", "RL805", "RL807", "RL809"}:
            # a finding about two reports sits in the later one and names the earlier one
            assert finding.related and all(item.path != str(series.file(file)) for item in finding.related)
            assert finding.evidence["previous_path"] == finding.related[0].path


def test_every_cross_year_rule_has_a_real_pair_where_it_holds():
    """Each cross-year check is named, with the figures, as holding on a real pair."""
    text = " ".join(str(item) for series in SERIES for item in series.meta.get("holds") or [])
    for code in ("RL801", "RL802", "RL803", "RL805", "RL806", "RL807", "RL808"):
        assert code in text, f"{code}: no real pair recorded where it holds"
