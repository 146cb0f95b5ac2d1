from decimal import Decimal

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.units import YUAN_PER_UNIT, money_cells, yuan_text
from reportlint.rules.labels import cell_label

_TABLE = """某某街道办事处2020年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（九）项 | | |
| 信息内容 | 采购项目数量 | 采购总金额（万元） |
| 政府集中采购 | 62 | {amount} |
"""


class ImplausibleAmount(Rule):
    """Flags money amounts that are not believable in their unit: the amount per item (per
    procurement project) or the total outside the bounds in the rule's options. When the unit
    is unknown, it flags only if neither reading (元, 万元) is believable.

    **Why it matters.** The usual cause is an amount in 元 typed into a 万元 column: 9722328 万元
    over 62 projects is 15.7亿元 a project, for a street office.
    """

    code = "RL402"
    name = "implausible-amount"
    category = "unit"
    severity = Severity.WARNING
    preview = True
    summary = Message("金额与单位不相称", "An amount is implausible for its unit")
    options = {"per-item-min-yuan": 100, "per-item-max-yuan": 50_000_000, "total-max-yuan": 5_000_000_000}
    bad_example = _TABLE.format(amount="9722328")
    good_example = _TABLE.format(amount="972.2328")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        low = Decimal(str(ctx.options["per-item-min-yuan"]))
        high = Decimal(str(ctx.options["per-item-max-yuan"]))
        total_high = Decimal(str(ctx.options["total-max-yuan"]))
        for money in money_cells(report):
            value = money.cell.value.value
            count = money.per.value.value if money.per is not None and money.per.value.is_number else None
            if value == 0:
                continue
            units = [money.unit] if money.unit else ["元", "万元"]
            readings = []
            for unit in units:
                yuan = value * YUAN_PER_UNIT[unit]
                per_item = yuan / count if count else None
                plausible = yuan <= total_high and (per_item is None or low <= per_item <= high)
                readings.append((unit, yuan, per_item, plausible))
            if any(plausible for *_, plausible in readings):
                continue
            unit, yuan, per_item, _ = readings[0]
            label = cell_label(money.table, money.cell.row, money.cell.column)
            detail_zh = f"，{count} 个项目平均每个 {yuan_text(per_item)}" if per_item is not None else ""
            detail_en = f", {yuan_text(per_item)} for each of {count} items" if per_item is not None else ""
            ctx.report(
                money.cell.span,
                f"“{label}”{money.cell.value.raw}{unit} 即 {yuan_text(yuan)}{detail_zh}，金额不合常理，请核对单位",
                f"“{label}” {money.cell.value.raw} {unit} is {yuan_text(yuan)}{detail_en}; check the unit",
                location=ctx.cell_location(money.table, money.cell),
                evidence={"value": money.cell.value.as_json_number(), "unit": unit, "yuan": float(yuan),
                          "per_item_yuan": float(per_item) if per_item is not None else None,
                          "count": float(count) if count is not None else None},
            )
