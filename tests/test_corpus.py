"""The real corpus (tests/corpus): every file gives exactly its hand-checked findings — a new
false alarm fails here the day it appears, and so does a finding that stops being raised. The
rules out of preview must show their precision on it. See benchmarks/precision.py."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import precision  # noqa: E402  (benchmarks/precision.py: the same comparison, printed as a table)

ENTRIES = precision.load_entries()


@functools.lru_cache(maxsize=None)
def linted(name: str):
    entry = next(entry for entry in ENTRIES if entry.name == name)
    return precision.lint(entry)


def test_the_corpus_is_there():
    assert len(ENTRIES) >= 16
    for entry in ENTRIES:
        assert entry.file.is_file(), entry.name
        assert (entry.meta.get("source") or entry.meta.get("archive")) and entry.meta.get("form"), entry.name
        # Only an excerpt has findings nobody can judge, and each says why.
        for item in entry.meta.get("unjudged") or []:
            assert entry.meta.get("partial") and item.get("why"), entry.name


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.name for entry in ENTRIES])
def test_exactly_the_hand_checked_findings(entry):
    comparison = precision.compare(entry, linted(entry.name))
    assert not comparison.unexpected, f"new false alarm(s) on {entry.name}: {comparison.unexpected}"
    assert not comparison.missed, f"expected finding(s) no longer raised on {entry.name}: {comparison.missed}"


WITH_TABLES = [entry for entry in ENTRIES if entry.meta.get("tables")]


def _printed(value):
    """A hand-read value as the binder reads it: a number, None for a blank, or the text."""
    if value is None or isinstance(value, (int, float)):
        return value
    return str(value)


@pytest.mark.parametrize("entry", WITH_TABLES, ids=[entry.name for entry in WITH_TABLES])
def test_the_tables_read_as_a_person_reads_them(entry):
    """Every cell reportlint binds holds what the hand-checker read in the report (tables it
    declares unreadable, and rows the hand-checker marks unreadable in this form, excepted)."""
    from decimal import Decimal

    from reportlint.engine import Linter
    from reportlint.engine.linter import read_source

    report = Linter().bind(read_source(entry.file))
    unreadable_rows = " ".join(str(item) for item in entry.meta.get("unreadable") or [])
    compared = 0
    for table_key, rows in entry.meta["tables"].items():
        table = report.table(table_key)
        if table is None:
            assert any(t.key == table_key for t in report.unreadable), f"{table_key} neither read nor reported unreadable"
            continue
        for row_key, values in rows.items():
            if row_key in unreadable_rows or not isinstance(values, list):
                continue
            columns = [column.key for column in table.spec.columns] if not table.spec.blocks else \
                [column.key for column in table.spec.block(row_key.partition(".")[0]).columns]
            for column, expected in zip(columns, values):
                cell = table.cell(row_key, column)
                if cell is None:
                    continue  # not bound: rules do not check it (a misfit says why)
                got = cell.value.value if cell.value.is_number else (None if cell.value.kind == "empty" else cell.value.raw)
                want = _printed(expected)
                if isinstance(want, (int, float)) and got is not None and not isinstance(got, str):
                    assert Decimal(str(want)) == got, f"{table_key}/{row_key}/{column}: read {got}, printed {want}"
                elif isinstance(want, str):  # printed with its unit (251000元) or a placeholder
                    assert cell.value.raw == want or (want in ("/", "-", "—") and cell.value.kind == "placeholder"), \
                        f"{table_key}/{row_key}/{column}: read {cell.value.raw!r}, printed {want!r}"
                else:
                    assert got == want, f"{table_key}/{row_key}/{column}: read {got!r}, printed {want!r}"
                compared += 1
    assert compared or not report.tables, "nothing compared"


def test_known_false_alarms_come_only_from_preview_rules():
    from reportlint.engine import get_registry

    rules = get_registry().rules
    for entry in ENTRIES:
        for item in entry.meta.get("false_alarms") or []:
            assert rules[item["code"]].preview, f"{entry.name}: {item['code']} raises a false alarm but is not in preview"


@functools.lru_cache(maxsize=None)
def series_comparisons() -> tuple:
    return tuple(precision.compare_series(series, precision.run_series(series)) for series in precision.load_series())


def measured() -> dict:
    per_rule: dict = {}
    comparisons = [precision.compare(entry, linted(entry.name)) for entry in ENTRIES] + list(series_comparisons())
    for comparison in comparisons:
        for kind in ("true", "false", "unexpected", "missed"):
            for code, _ in getattr(comparison, kind):
                counts = per_rule.setdefault(code, {"true": 0, "false": 0, "missed": 0})
                counts["false" if kind == "unexpected" else kind] += 1
    return per_rule


def test_rules_out_of_preview_are_shown_precise_on_the_corpus():
    from reportlint.engine import get_registry

    figures = measured()
    for code, rule in get_registry().rules.items():
        if rule.preview or rule.__module__.split(".")[1] != "rules":
            continue
        counts = figures.get(code, {"true": 0, "false": 0})
        raised = counts["true"] + counts["false"]
        assert raised and counts["true"] >= precision.MIN_TRUE and counts["true"] / raised >= precision.MIN_PRECISION, (
            f"{code} is on by default but shows {counts['true']} true of {raised} on the corpus: put it in preview")


def test_the_published_precision_figures_are_current():
    stored = json.loads(precision.FIGURES.read_text(encoding="utf-8"))
    assert stored["files"] == len(ENTRIES)
    current = {code: (counts["true"], counts["false"], counts["missed"]) for code, counts in measured().items()}
    published = {code: (item["true"], item["false"], item["missed"]) for code, item in stored["rules"].items()}
    assert published == current, "run python benchmarks/precision.py --write"
