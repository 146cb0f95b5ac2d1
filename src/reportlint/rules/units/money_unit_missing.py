from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.units import YUAN_PER_UNIT, money_cells, yuan_text
from reportlint.rules.labels import cell_label

_TABLE = """某某街道办事处2020年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（九）项 | | |
| 信息内容 | 采购项目数量 | {header} |
| 政府集中采购 | 62 | 9722328 |
"""


class MoneyUnitMissing(Rule):
    """Flags money cells whose unit is nowhere: not in the cell (``371万元``), not in the header
    (``采购总金额（万元）``), not in the template. The 2019 format gives no unit for 采购总金额, so
    every report must state one; the finding shows the amount read both ways.

    **Why it matters.** 9722328 is 972万元 read as 元 and 972亿元 read as 万元. A reader cannot
    tell which, and a summary that adds such cells is off by a factor of ten thousand.
    """

    code = "RL401"
    name = "money-unit-missing"
    category = "unit"
    severity = Severity.WARNING
    preview = True
    summary = Message("金额没有注明单位", "A money amount has no unit")
    bad_example = _TABLE.format(header="采购总金额")
    good_example = _TABLE.format(header="采购总金额（元）")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for money in money_cells(report):
            if money.unit is not None or money.cell.value.value == 0:
                continue  # 0 is 0 in any unit
            value = money.cell.value.value
            as_yuan, as_wan = value * YUAN_PER_UNIT["元"], value * YUAN_PER_UNIT["万元"]
            label = cell_label(money.table, money.cell.row, money.cell.column)
            ctx.report(
                money.cell.span,
                f"“{label}”{money.cell.value.raw} 未注明单位：按元为 {yuan_text(as_yuan)}，按万元为 {yuan_text(as_wan)}",
                f"“{label}” {money.cell.value.raw} has no unit: {yuan_text(as_yuan)} if in 元, {yuan_text(as_wan)} if in 万元",
                location=ctx.cell_location(money.table, money.cell),
                evidence={"value": money.cell.value.as_json_number(), "as_yuan": float(as_yuan), "as_wan_yuan": float(as_wan)},
                suggestion=("在表头或单元格中注明单位，如“采购总金额（万元）”", "state the unit in the header or the cell, e.g. 采购总金额（万元）"),
            )
