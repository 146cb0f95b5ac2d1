"""Equations between a report and last year's, read from the template spec (``cross_year:``),
and the rule that checks one family of them."""

from __future__ import annotations

import fnmatch
import functools
import itertools
from decimal import Decimal
from typing import ClassVar, NamedTuple

from reportlint.findings import Location, Severity
from reportlint.rules.cross.base import CrossContext, CrossRule, Pair, describe
from reportlint.rules.cross.summary import CellFact, ReportSummary


class CrossTerm(NamedTuple):
    sign: int
    previous: bool  # a cell of last year's report
    row: str
    column: str


class CrossEquation(NamedTuple):
    id: str
    family: str
    table: str
    left: tuple[CrossTerm, ...]
    right: tuple[CrossTerm, ...]
    previous_templates: tuple[str, ...]
    text: str


def cross_equations(spec, family: str) -> tuple[CrossEquation, ...]:
    """The spec's cross-year equations of one family, with their ``for_each`` expanded."""
    return _expand(spec, family) if spec is not None else ()


@functools.lru_cache(maxsize=64)  # specs are immutable and few
def _expand(spec, family: str) -> tuple[CrossEquation, ...]:
    found = []
    for template in spec.cross_year:
        if template.get("family", template["id"]) != family:
            continue
        table = spec.tables[template["table"]]
        value_rows = [row.key for row in table.value_rows()]
        loops = template.get("for_each") or {}
        names = list(loops)
        choices = []
        for name in names:
            values: list[str] = []
            for value in loops[name]:
                values.extend([row for row in value_rows if fnmatch.fnmatchcase(row, value)] if name == "row" else [value])
            choices.append(values)
        for combination in itertools.product(*choices):
            binding = dict(zip(names, combination))
            found.append(CrossEquation(
                template["id"], family, template["table"],
                tuple(_term(reference, binding) for reference in template.get("left", [])),
                tuple(_term(reference, binding) for reference in template.get("right", [])),
                tuple(str(item) for item in template.get("previous_templates", ())),
                template.get("text", template["id"]),
            ))
    return tuple(found)


def _term(reference: str, binding: dict[str, str]) -> CrossTerm:
    sign = -1 if reference.startswith("-") else 1
    reference = reference.lstrip("-")
    previous = reference.startswith("previous:")
    row, _, column = reference.removeprefix("previous:").format(**binding).partition("/")
    return CrossTerm(sign, previous, row, column)


class CrossYearEquationRule(CrossRule):
    """Checks the template's cross-year equations of one ``family`` on every pair."""

    abstract = True
    family: ClassVar[str]
    # Where the agency match is not certain (one report names its city, the other not), an
    # error is reported as a warning.
    uncertain_severity: ClassVar[Severity] = Severity.WARNING

    def check_pair(self, pair: Pair, ctx: CrossContext) -> None:
        spec = ctx.template(pair.current.template)
        for equation in cross_equations(spec, self.family):
            if pair.previous.template not in equation.previous_templates:
                continue  # across a change of format the columns mean different things
            left = _values(equation.table, equation.left, pair)
            right = _values(equation.table, equation.right, pair)
            if left is None or right is None:
                continue  # a cell not read in one of the reports: nothing to say
            left_total = sum(value for _, _, value in left)
            right_total = sum(value for _, _, value in right)
            if left_total != right_total:
                self._report(pair, ctx, spec, equation, left, right, left_total, right_total)

    def _report(self, pair: Pair, ctx: CrossContext, spec, equation: CrossEquation, left, right,
                found: Decimal, expected: Decimal) -> None:
        table = spec.tables[equation.table]
        anchor_term, anchor, _ = next(item for item in left if not item[0].previous)
        label = table.cell_label(anchor_term.row, anchor_term.column)
        previous_cells = [(term, cell) for term, cell, _ in right if term.previous]
        cited = "；".join(f"第{cell.span.line}行“{table_label(ctx, pair.previous, equation.table, term)}”为 {_show(cell)}"
                         for term, cell in previous_cells)
        cited_en = "; ".join(f"line {cell.span.line} {term.row}/{term.column} is {_show(cell)}" for term, cell in previous_cells)
        terms = " ".join(("+ " if term.sign > 0 else "− ") + _show(cell) for term, cell, _ in right)[2:]
        worked = f"（{terms}）" if len(right) > 1 else ""
        severity = None if pair.certain else min(self.severity, self.uncertain_severity, key=lambda s: s.rank)
        section = next((item.key for item in spec.sections if item.table == equation.table), None)
        ctx.report(
            pair.current, anchor.span,
            f"“{label}”为 {_show(anchor)}，应为 {_number(expected)}{worked}：{equation.text}；"
            f"上年报告 {describe(pair.previous)} {cited}",
            f"{anchor_term.row}/{anchor_term.column} is {_show(anchor)}, {_number(expected)} by last year's report "
            f"({equation.id}{': ' + terms if len(right) > 1 else ''}); {pair.previous.name} {cited_en}",
            location=Location(section=section, table=equation.table, row=anchor_term.row, column=anchor_term.column),
            evidence={
                "equation": equation.id,
                "found": _number(found),
                "expected": _number(expected),
                "previous_path": pair.previous.path,
                "previous_year": pair.previous.year,
                "previous": {f"{equation.table}/{term.row}/{term.column}": _show(cell) for term, cell in previous_cells},
                "agency_match": "certain" if pair.certain else "likely",
            },
            related=[ctx.related(pair.previous, cell.span,
                                 f"上年报告“{table_label(ctx, pair.previous, equation.table, term)}”为 {_show(cell)}",
                                 f"last year's {term.row}/{term.column} is {_show(cell)}")
                     for term, cell in previous_cells],
            suggestion=(f"核对本年“{label}”与上年报告", f"check {anchor_term.row}/{anchor_term.column} against last year's report"),
            severity=severity,
            origin=anchor.origin,
        )


def table_label(ctx: CrossContext, report: ReportSummary, table_key: str, term: CrossTerm) -> str:
    spec = ctx.template(report.template)
    if spec is None or table_key not in spec.tables:
        return f"{term.row}/{term.column}"
    return spec.tables[table_key].cell_label(term.row, term.column)


def _values(table: str, terms: tuple[CrossTerm, ...], pair: Pair) -> list[tuple[CrossTerm, CellFact, Decimal]] | None:
    """Each term's cell and signed value; None when a cell was not read as a number."""
    values = []
    for term in terms:
        cell = (pair.previous if term.previous else pair.current).cell(table, term.row, term.column)
        if cell is None or cell.value is None:
            return None
        values.append((term, cell, term.sign * Decimal(cell.value)))
    return values


def _show(cell: CellFact) -> str:
    return cell.value or ""


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
