"""Equations: evaluation, blanks as unverifiable, and the fewest-cells fix."""

from __future__ import annotations

import pytest

from reportlint import parse
from reportlint.engine import Config, Linter
from reportlint.rules._examples import applications_table
from reportlint.rules.arithmetic.analysis import analyse


def analysis_of(text: str, table: str = "applications"):
    report = parse(text)
    bound = report.table(table)
    return analyse(bound, report.template.equations_for(table, bound.extra_rows))


def lint(text: str, *select: str):
    return Linter(Config(select=list(select) or None, preview=True)).lint_text(text).findings


def test_a_consistent_table_has_no_failing_equation():
    result = analysis_of(applications_table({"一、": "3 1 0 0 0 0 4", "（一）": "3 1 0 0 0 0 4", "（七）": "3 1 0 0 0 0 4"}))
    assert not result.failing() and result.fix is None
    assert {r.status for r in result.results} == {"ok"}


def test_one_wrong_total_is_pinned_to_its_cell():
    result = analysis_of(applications_table({"一、": "2 0 0 0 0 0 2", "（一）": "2 0 0 0 0 0 2", "（七）": "2 0 0 0 0 0 0"}))
    assert len(result.failing()) == 3
    assert result.fix is not None
    assert result.fix.values == {("total", "total"): 2}


def test_two_wrong_cells_are_found_together(seed_text):
    report = parse(seed_text("chaiqiao"))
    table = report.table("applications")
    result = analyse(table, report.template.equations_for("applications"))
    assert result.fix.values == {("outcome.unavailable.not_held", "total"): 1, ("total", "total"): 2}
    assert len(result.fix.explains) == 4


def test_a_single_failing_equation_names_no_culprit():
    result = analysis_of(applications_table({"一、": "2 1 0 0 0 0 2", "（一）": "2 1 0 0 0 0 2", "（七）": "2 1 0 0 0 0 2"}))
    # Three row totals fail in the same way: each could be fixed in its own row, no shared cell.
    assert result.failing("row-total") and result.fix is None


def test_blank_cells_make_equations_unverifiable_not_failing():
    result = analysis_of(applications_table({"（一）": "_ 0 0 0 0 0 _"}))
    unverifiable = [r for r in result.results if r.status == "unverifiable"]
    assert unverifiable and not result.failing()
    assert ("outcome.granted", "natural_person") in unverifiable[0].unverifiable_cells


@pytest.mark.parametrize("layout", ["pipe", "tabs", "cells"])
@pytest.mark.parametrize(
    "code, values",
    [
        ("RL201", {"一、": "5 0 0 0 0 0 5", "（一）": "4 0 0 0 0 0 4", "（七）": "4 0 0 0 0 0 4"}),
        ("RL202", {"一、": "3 0 0 0 0 0 3", "（一）": "2 0 0 0 0 0 2", "（七）": "3 0 0 0 0 0 3"}),
        ("RL203", {"一、": "2 1 0 0 0 0 2", "（一）": "2 1 0 0 0 0 2", "（七）": "2 1 0 0 0 0 2"}),
        ("RL200", {"一、": "2 0 0 0 0 0 2", "（一）": "2 0 0 0 0 0 2", "（七）": "2 0 0 0 0 0 0"}),
        ("RL107", {"（一）": "_ 0 0 0 0 0 _"}),
        ("RL206", {"（一）": "1.5 0 0 0 0 0 1.5"}),
    ],
)
def test_table_rules_fire_in_every_layout(layout, code, values):
    text = applications_table(values, layout=layout)
    assert code in [f.code for f in lint(text)]
    clean = applications_table({"一、": "2 0 0 0 0 0 2", "（一）": "2 0 0 0 0 0 2", "（七）": "2 0 0 0 0 0 2"}, layout=layout)
    assert code not in [f.code for f in lint(clean)]


def test_explained_equations_are_reported_once_with_the_cell_to_fix():
    text = applications_table({"一、": "2 0 0 0 0 0 2", "（一）": "2 0 0 0 0 0 2", "（七）": "2 0 0 0 0 0 0"})
    findings = lint(text, "arithmetic")
    assert [f.code for f in findings] == ["RL200"]
    finding = findings[0]
    assert finding.evidence["expected"] == 2 and len(finding.evidence["failing_equations"]) == 3
    # Without likely-wrong-cell the plain failures are reported instead.
    assert sorted(f.code for f in lint(text, "RL201", "RL202", "RL203")) == ["RL201", "RL202", "RL203"]


def test_review_totals():
    from reportlint.rules._examples import reviews

    findings = lint(reviews("10 1 0 0 0 0 0 0 0 0 5 0 0 0 0"), "RL204")
    assert len(findings) == 2
    assert {f.location.column for f in findings} == {"review.total", "suit_after_review.total"}
