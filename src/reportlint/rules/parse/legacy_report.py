from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext


class LegacyReport(Rule):
    """Recognises reports on 2018 and earlier, which follow the 2007 条例 and its own structure
    (收费及减免情况 …), and says that they are not checked against the 2019/2021 formats.

    **Why it matters.** Forcing an old report into the new format would produce nothing but
    false alarms; a reviewer running reportlint over an archive needs to know what was skipped.
    """

    code = "RL002"
    name = "legacy-report"
    category = "parse"
    severity = Severity.INFO
    summary = Message("2018年及以前的报告，不按新格式检查", "A report on 2018 or earlier, not checked against the current formats")
    bad_example = "某某局2017年政府信息公开工作年度报告\n\n一、概述\n\n本报告依据《中华人民共和国政府信息公开条例》编制。\n"
    good_example = "某某局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度主动公开信息120条。\n"

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.legacy:
            ctx.report(
                report.document.title.span if report.document.title else None,
                f"这是{report.year}年度的报告，适用2007年条例的旧格式，未按2019/2021年格式检查",
                f"This report is on {report.year} and follows the 2007 regulation; it was not checked against the 2019/2021 formats",
                evidence={"year": report.year},
            )
