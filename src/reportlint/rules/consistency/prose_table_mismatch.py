from decimal import Decimal

from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.consistency.prose import extract_facts, table_value
from reportlint.rules.units import YUAN_PER_UNIT

_REPORT = """某某街道办事处2020年政府信息公开工作年度报告

二、主动公开政府信息情况

2020年街道公开政府集中采购项目{projects}个，累计878.86万元。

| 第二十条第（九）项 | | |
| 信息内容 | 采购项目数量 | 采购总金额（万元） |
| 政府集中采购 | 62 | 878.86 |
"""


class ProseTableMismatch(Rule):
    """Checks figures stated in the prose against the table cells about the same quantity:
    procurement projects and amount (in either unit), applications received, applications
    carried forward, 行政复议 and 行政诉讼 counts, 现行有效规范性文件 (2021 format). Which words
    announce which quantity is template data (``prose_facts``), not code.

    **Why it matters.** Readers quote the text, statisticians add up the tables; when the two
    disagree (公开政府集中采购项目52个 beside a table with 62), at least one of them is wrong.
    """

    code = "RL501"
    name = "prose-table-mismatch"
    category = "consistency"
    severity = Severity.WARNING
    summary = Message("正文数字与表格不一致", "A figure in the prose disagrees with the table")
    bad_example = _REPORT.format(projects=52)
    good_example = _REPORT.format(projects=62)

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for fact in extract_facts(report):
            candidates = [(expression, table_value(report, expression)) for expression in fact.definition["compare"]]
            candidates = [(expression, value) for expression, value in candidates if value is not None]
            if not candidates:
                continue
            if any(self._agrees(fact, value, expression, report) for expression, value in candidates):
                continue
            expression, value = candidates[0]
            shown = format(value.normalize(), "f")
            ctx.report(
                fact.span,
                f"正文称 {fact.value}{fact.unit}（“{fact.text[:40]}”），而表格为 {shown}",
                f"The prose says {fact.value} {fact.unit} (“{fact.text[:40]}”) but the table has {shown}",
                location=Location(table=expression.split("/")[0], row=expression.split("/")[1], column=expression.split("/")[-1]),
                evidence={"fact": fact.id, "prose": float(fact.value), "unit": fact.unit,
                          "table": {expression: float(value) for expression, value in candidates}},
            )

    @staticmethod
    def _agrees(fact, value: Decimal, expression: str, report: BoundReport) -> bool:
        if not fact.definition.get("money"):
            return fact.value == value
        # Money: the table may be in 元 or 万元 (or say so in its header); compare in 元 with
        # the rounding the prose's own decimals allow.
        prose_yuan = fact.value * YUAN_PER_UNIT[fact.unit]
        decimals = -fact.value.as_tuple().exponent if fact.value.as_tuple().exponent < 0 else 0
        tolerance = YUAN_PER_UNIT[fact.unit] / (10 ** decimals) / 2
        table_units = ["元", "万元"]
        return any(abs(value * YUAN_PER_UNIT[unit] - prose_yuan) <= tolerance for unit in table_units)
