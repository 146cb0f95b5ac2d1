from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules.base import Rule, RuleContext

_2021_TABLE = """某某局2022年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（一）项 | | | |
| 信息内容 | {a} | {b} | {c} |
| 规章 | 0 | 0 | 0 |
"""


class TemplateYearMismatch(Rule):
    """Checks that the tables follow the format for the statistics year (2019 format,
    国办公开办函〔2019〕60号, for 2019 and 2020; 2021 format, 〔2021〕30号, from 2021), and that one
    report does not mix the columns of both.

    **Why it matters.** The two formats count different things (对外公开总数量 is not 现行有效件数),
    so a 2022 report in the old layout cannot be added to the others, and a mix of both cannot be
    read at all.
    """

    code = "RL112"
    name = "template-year-mismatch"
    category = "structure"
    severity = Severity.WARNING
    preview = True
    summary = Message("表格格式与统计年度不符，或混用新旧格式", "The table format does not match the year, or both formats are mixed")
    bad_example = _2021_TABLE.format(a="本年新制作数量", b="本年新公开数量", c="对外公开总数量")
    good_example = _2021_TABLE.format(a="本年制发件数", b="本年废止件数", c="现行有效件数")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        template = report.template
        if template is None:
            return
        anchor = report.document.title.span if report.document.title else None
        used = {spec_id: labels for spec_id, labels in report.template_scores.items() if labels}
        if len(used) > 1:
            detail = "；".join(f"{spec_id}版：{'、'.join(labels[:4])}" for spec_id, labels in used.items())
            ctx.report(
                anchor,
                f"报告混用了不同年份格式的表格栏目（{detail}）",
                "The report mixes columns of different format versions (" + "; ".join(used) + ")",
                location=Location(table="proactive"),
                evidence={"labels": used},
            )
        if report.year is not None and used and not template.applies_to(report.year):
            expected = next((spec for spec in report.templates if spec.applies_to(report.year)), None)
            ctx.report(
                anchor,
                f"{report.year}年度报告应使用{expected.document if expected else '对应年份的'}格式，但表格采用了{template.document}格式",
                f"A report on {report.year} should use the {expected.document if expected else 'matching'} format, "
                f"but its tables follow {template.document}",
                evidence={"year": report.year, "template": template.id, "expected": expected.id if expected else None},
            )
