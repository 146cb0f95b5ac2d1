from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import cell_label, table_numeral


class CountNotWhole(Rule):
    """Flags count cells (applications, cases, documents, items) that are negative or have a
    fractional part. Columns that the template defines as signed changes (本年增/减) may be
    negative; money columns are checked by the unit rules.

    **Why it matters.** Half an application or minus two cases cannot exist; such a value is a
    typing slip or a money amount pasted into a count column.
    """

    code = "RL206"
    name = "count-not-whole"
    category = "arithmetic"
    severity = Severity.ERROR
    preview = True
    summary = Message("计数单元格为负数或小数", "A count cell is negative or fractional")
    bad_example = applications_rows([("（一）予以公开", "1.5 0 0 0 0 0 1.5")])
    good_example = applications_rows([("（一）予以公开", "2 0 0 0 0 0 2")])

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            for table in instances:
                for cell in table.cells.values():
                    value = cell.value
                    # The cheap tests on the value first: almost every cell is a whole number ≥ 0.
                    if value.kind != "number" or (value.value >= 0 and not value.decimals):
                        continue
                    column = table.spec.column(cell.row, cell.column)
                    if column is None or column.kind != "count":
                        continue
                    negative = value.value < 0 and not column.signed
                    fractional = value.value != value.value.to_integral_value()
                    if not (negative or fractional):
                        continue
                    what_zh = "负数" if negative else "小数"
                    ctx.report(
                        cell.span,
                        f"表{table_numeral(table)}“{cell_label(table, cell.row, cell.column)}”"
                        f"是计数，不应为{what_zh}：{value.raw}",
                        f"Table {table.spec.number} “{cell_label(table, cell.row, cell.column)}” "
                        f"is a count and cannot be {'negative' if negative else 'fractional'}: {value.raw}",
                        location=ctx.cell_location(table, cell),
                        evidence={"value": value.as_json_number()},
                    )
