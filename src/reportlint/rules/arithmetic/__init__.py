"""Arithmetic rules: the equations each template prints or implies must hold."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from reportlint.binding import BoundReport, BoundTable
from reportlint.findings import Severity
from reportlint.rules.arithmetic.analysis import EquationResult, TableAnalysis, analyse
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import column_label, row_label, table_numeral

LIKELY_WRONG_CELL = "RL200"


def table_analyses(report: BoundReport, ctx: RuleContext) -> list[TableAnalysis]:
    """Each table's main instance analysed once per report, shared by all arithmetic rules."""

    def compute() -> list[TableAnalysis]:
        if report.template is None:
            return []
        analyses = []
        for key in report.template.tables:
            table = report.table(key)
            if table is not None:
                analyses.append(analyse(table, report.template.equations_for(key, table.extra_rows)))
        return analyses

    return ctx.shared("table-analyses", compute)


def number_text(value: Decimal | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def describe_side(table: BoundTable, result: EquationResult, left: bool) -> str:
    terms = result.terms[: result.left_count] if left else result.terms[result.left_count :]
    if not terms:
        return "0"
    parts = []
    for index, term in enumerate(terms):
        cell = table.cells.get((term.row, term.column))
        value = number_text(cell.value.value if cell else None)
        sign = "−" if term.sign < 0 else ("+" if index else "")
        parts.append(f"{sign} {value}".strip() if sign else value)
    return " ".join(parts)


def where(table: BoundTable, result: EquationResult) -> tuple[str, str]:
    """Which row or column the equation instance runs along, in Chinese and English."""
    spec = table.spec
    binding = dict(result.equation.binding)
    if "column" in binding:
        label = column_label(spec, "", binding["column"])
        return f"“{label}”列", f"column “{label}”"
    if "row" in binding:
        label = row_label(spec, result.terms[0].row, table)
        return f"“{label}”行", f"row “{label}”"
    if "group" in binding:
        first = spec.column(result.terms[0].row, result.terms[0].column)
        label = first.label.split()[0] if first else binding["group"]
        return f"“{label}”", f"“{label}”"
    return "", ""


def evidence_of(table: BoundTable, result: EquationResult) -> dict:
    return {
        "equation": result.equation.text,
        "left": float(result.left) if result.left is not None else None,
        "right": float(result.right) if result.right is not None else None,
        "cells": {
            f"{term.row}/{term.column}": (table.cells[(term.row, term.column)].value.as_json_number()
                                          if (term.row, term.column) in table.cells else None)
            for term in result.terms
        },
    }


class EquationFamilyRule(Rule):
    """Base for rules that report the failing equations of one family (not itself a rule)."""

    abstract = True
    family: ClassVar[str]

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for analysis in table_analyses(report, ctx):
            for result in analysis.failing(self.family):
                if analysis.explained(result) and ctx.is_enabled(LIKELY_WRONG_CELL):
                    continue  # reported once, with the cell to correct, by likely-wrong-cell
                self.report_failure(analysis.table, result, ctx)

    def report_failure(self, table: BoundTable, result: EquationResult, ctx: RuleContext) -> None:
        first = result.terms[0]
        cell = table.cells.get((first.row, first.column))
        along_zh, along_en = where(table, result)
        left, right = describe_side(table, result, True), describe_side(table, result, False)
        relation = {"=": "≠", "<=": ">", ">=": "<"}[result.equation.relation]
        severity = Severity.parse(result.equation.severity) if result.equation.severity else None
        ctx.report(
            cell.span if cell else table.span,
            f"表{table_numeral(table)}{along_zh}不满足“{result.equation.text}”：{left} {relation} {right}",
            f"Table {table.spec.number}, {along_en}: “{result.equation.text}” does not hold: {left} {relation} {right}",
            location=ctx.cell_location(table, cell, first.row, first.column),
            evidence=evidence_of(table, result),
            severity=severity,
        )
