from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.units import money_cells
from reportlint.rules.labels import cell_label

_TABLE = """某局2022年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（八）项 | |
| 信息内容 | 本年收费金额（单位：万元） |
| 行政事业性收费 | {amount} |
"""


class ExcessDecimals(Rule):
    """Notes money amounts with more decimal places than the header (``保留4位小数``) or the
    template asks for (``24252.311082`` in a 万元 column).

    **Why it matters.** Six decimals in 万元 are an amount in 元 divided by 10 000 and pasted
    unrounded: not wrong, but a sign of a manual conversion worth checking.
    """

    code = "RL403"
    name = "excess-decimals"
    category = "unit"
    severity = Severity.INFO
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
