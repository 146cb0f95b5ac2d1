from collections import defaultdict

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.arithmetic import table_analyses
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import column_label, row_label, table_numeral


# From this many rows with blank cells, a table gets one finding instead of one per row.
MIN_ROWS_TOGETHER = 4


class BlankCell(Rule):
    """Flags cells where the template expects a number but the report has a blank, a
    placeholder (``/``, ``-``, ``—``, ``无``) or text. One finding per row. Blanks are not read as
    zero: the equations through them are counted as unverifiable, not as failing.

    **Why it matters.** A blank cannot be told apart from a forgotten figure; the template has no
    placeholder convention, and reviewers count blank 总计 cells as defects. Write 0 for none.
    """

    code = "RL107"
    name = "blank-cell"
    category = "structure"
    severity = Severity.WARNING
    summary = Message("应填数字的单元格为空或为占位符", "A cell that needs a number is blank or a placeholder")
    bad_example = applications_rows([("（一）予以公开", "1 0 0 / 0 0 _")])
    good_example = applications_rows([("（一）予以公开", "1 0 0 0 0 0 1")])

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        unverifiable = defaultdict(int)
        for analysis in table_analyses(report, ctx):
            for result in analysis.results:
                for ref in result.unverifiable_cells:
                    unverifiable[(analysis.table.key, ref)] += 1
        for instances in report.tables.values():
            for table in instances:
                rows = defaultdict(list)
                for cell in table.cells.values():
                    if not cell.value.is_number:
                        rows[cell.row].append(cell)
                spec = table.spec
                number = table_numeral(spec)
                if len(rows) >= MIN_ROWS_TOGETHER:
                    self.report_table(table, rows, unverifiable, ctx)
                    continue
                for row, cells in rows.items():
                    labels = "、".join(column_label(spec, row, cell.column) for cell in cells)
                    kinds = {"empty": "空白", "placeholder": "占位符", "text": "非数字"}
                    what = "/".join(sorted({kinds[cell.value.kind] for cell in cells}))
                    equations = sum(unverifiable[(table.key, (row, cell.column))] for cell in cells)
                    ctx.report(
                        cells[0].span,
                        f"表{number}“{row_label(spec, row, table)}”行的 {len(cells)} 个单元格为{what}（{labels}）"
                        + (f"，{equations} 个等式无法核对" if equations else ""),
                        f"Table {spec.number}, row “{row_label(spec, row, table)}”: {len(cells)} cell(s) blank or not a number"
                        + (f"; {equations} equation(s) cannot be verified" if equations else ""),
                        location=ctx.cell_location(table, cells[0]),
                        evidence={
                            "cells": {cell.column: cell.value.raw for cell in cells},
                            "unverifiable_equations": equations,
                            "container": table.container,
                        },
                        suggestion=("没有数据的单元格填 0", "write 0 where there is nothing to count"),
                    )

    @staticmethod
    def report_table(table, rows, unverifiable, ctx: RuleContext) -> None:
        """Many rows with blank cells: one finding for the table (a report that leaves blanks
        where it means 0 does so throughout), listing the rows."""
        spec = table.spec
        cells = [cell for row_cells in rows.values() for cell in row_cells]
        equations = sum(unverifiable[(table.key, (cell.row, cell.column))] for cell in cells)
        names = [row_label(spec, row, table) for row in rows]
        shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
        ctx.report(
            cells[0].span,
            f"表{table_numeral(spec)}有 {len(rows)} 行共 {len(cells)} 个单元格为空白或不是数字（{shown}）"
            + (f"，{equations} 个等式无法核对" if equations else ""),
            f"Table {spec.number}: {len(cells)} cell(s) in {len(rows)} rows are blank or not a number"
            + (f"; {equations} equation(s) cannot be verified" if equations else ""),
            location=ctx.cell_location(table, cells[0]),
            evidence={"rows": {row: {cell.column: cell.value.raw for cell in row_cells} for row, row_cells in rows.items()},
                      "cells": len(cells), "unverifiable_equations": equations, "container": table.container},
            suggestion=("没有数据的单元格填 0", "write 0 where there is nothing to count"),
        )
