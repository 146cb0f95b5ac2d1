from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.arithmetic import evidence_of, number_text, table_analyses
from reportlint.rules._examples import applications
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import cell_label, table_numeral


class LikelyWrongCell(Rule):
    """When several of a table's equations fail, finds the single cell (or the two cells) whose
    correction would make all of them hold, and says what value it needs.

    Reported only when that correction is the only one of its size; the failing equations are
    listed as evidence and are not reported again one by one.

    **Why it matters.** One mistyped total breaks a row sum, a column sum and the balance at
    once. A clerk fixes one cell, not four equations.
    """

    code = "RL200"
    name = "likely-wrong-cell"
    category = "arithmetic"
    severity = Severity.ERROR
    summary = Message("多个等式同时不成立时，指出最可能填错的单元格", "When several equations fail, point at the cell that is most likely wrong")
    bad_example = applications("2 0 0 0 0 0 2", "0 0 0 0 0 0 0", "2 0 0 0 0 0 2", "2 0 0 0 0 0 0", "0 0 0 0 0 0 0")
    good_example = applications("2 0 0 0 0 0 2", "0 0 0 0 0 0 0", "2 0 0 0 0 0 2", "2 0 0 0 0 0 2", "0 0 0 0 0 0 0")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for analysis in table_analyses(report, ctx):
            fix = analysis.fix
            if fix is None:
                continue
            table = analysis.table
            spec = table.spec
            for (row, column), value in fix.values.items():
                cell = table.cells[(row, column)]
                others = [ref for ref in fix.values if ref != (row, column)]
                also_zh = "；同时需更正" + "、".join(f"“{cell_label(table, r, c)}”" for r, c in others) if others else ""
                also_en = "; together with " + ", ".join(f"“{cell_label(table, r, c)}”" for r, c in others) if others else ""
                label_zh = f"“{cell_label(table, row, column)}”"
                ctx.report(
                    cell.span,
                    f"表{table_numeral(table)}{label_zh}填写为 {cell.value.raw}，很可能应为 {number_text(value)}："
                    f"改正后 {len(fix.explains)} 个不成立的等式全部成立{also_zh}",
                    f"Table {spec.number} cell {label_zh} reads {cell.value.raw} but is probably {number_text(value)}: "
                    f"with that correction all {len(fix.explains)} failing equations hold{also_en}",
                    location=ctx.cell_location(table, cell),
                    evidence={
                        "current": cell.value.as_json_number(),
                        "expected": float(value) if value != value.to_integral_value() else int(value),
                        "other_cells": [f"{r}/{c}" for r, c in others],
                        "failing_equations": [evidence_of(table, result) for result in fix.explains],
                    },
                    suggestion=(f"将该单元格改为 {number_text(value)}", f"change this cell to {number_text(value)}"),
                )
