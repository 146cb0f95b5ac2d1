from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.units import money_cells
from reportlint.rules.labels import cell_label

_TABLE = """某局2022年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（八）项 | |
| 信息内容 | 本年收费金额（单位：万元，保留4位小数） |
| 行政事业性收费 | {amount} |
"""


class ExcessDecimals(Rule):
    """Notes money amounts with more decimal places than their column's header asks for
    (``24252.311082`` under ``本年收费金额（单位：万元，保留4位小数）``). The official formats ask for
    no number of decimals, so a header that does not is not held to one: six decimals in 万元
    are 元 and 分 divided by 10 000, which is allowed.

    **Why it matters.** A header that states the precision and a figure that ignores it were
    filled in from different sources; the figure was pasted unrounded.
    """

    code = "RL403"
    name = "excess-decimals"
    category = "unit"
    severity = Severity.INFO
    preview = True
    summary = Message("金额小数位数超过要求", "A money amount has more decimals than asked for")
    bad_example = _TABLE.format(amount="24252.311082")
    good_example = _TABLE.format(amount="24252.3111")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for money in money_cells(report):
            allowed = money.decimals_allowed
            if allowed is None or money.cell.value.decimals <= allowed:
                continue
            label = cell_label(money.table, money.cell.row, money.cell.column)
            ctx.report(
                money.cell.span,
                f"“{label}”{money.cell.value.raw} 有 {money.cell.value.decimals} 位小数，要求保留 {allowed} 位",
                f"“{label}” {money.cell.value.raw} has {money.cell.value.decimals} decimals where {allowed} are asked for",
                location=ctx.cell_location(money.table, money.cell),
                evidence={"value": money.cell.value.raw, "decimals": money.cell.value.decimals, "allowed": allowed},
            )
