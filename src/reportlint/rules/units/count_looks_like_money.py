from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.units import YUAN_PER_UNIT
from reportlint.rules.labels import cell_label, table_numeral

_TABLE = """某某街道办事处2020年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（九）项 | | |
| 信息内容 | 采购项目数量 | 采购总金额（万元） |
| 政府集中采购 | {count} | 371 |
"""


class CountLooksLikeMoney(Rule):
    """Notes count cells that look like money: a count written with 元 or 万元, or a count
    above the rule's threshold (ten million items).

    **Why it matters.** Amounts pasted one column too far left end up as counts; the amount
    column then holds something else, and both are wrong.
    """

    code = "RL404"
    name = "count-looks-like-money"
    category = "unit"
    severity = Severity.INFO
    preview = True
    summary = Message("计数单元格像是金额", "A count cell looks like a money amount")
    options = {"max-count": 10_000_000}
    bad_example = _TABLE.format(count="371万元")
    good_example = _TABLE.format(count="60")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        limit = ctx.options["max-count"]
        for instances in report.tables.values():
            for table in instances:
                for cell in table.cells.values():
                    value = cell.value
                    # The value first: the column is looked up only for the rare cell that is suspect.
                    if value.kind != "number" or not (value.unit in YUAN_PER_UNIT or abs(value.value) >= limit):
                        continue
                    column = table.spec.column(cell.row, cell.column)
                    if column is not None and column.kind == "count":
                        ctx.report(
                            cell.span,
                            f"表{table_numeral(table)}“{cell_label(table, cell.row, cell.column)}”"
                            f"应为数量，但“{value.raw}”像是金额",
                            f"Table {table.spec.number} “{cell_label(table, cell.row, cell.column)}” "
                            f"is a count, but “{value.raw}” looks like an amount of money",
                            location=ctx.cell_location(table, cell),
                            evidence={"value": value.raw},
                        )
