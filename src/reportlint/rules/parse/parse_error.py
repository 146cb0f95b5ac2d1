from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import TITLE
from reportlint.rules.base import Rule, RuleContext


class ParseError(Rule):
    """Reports lines the grammar could not read (control characters and other conversion
    damage). The line is skipped and the rest of the report is still checked.

    **Why it matters.** Such characters are invisible in most viewers but break search, screen
    readers and copying; they usually mark a place where text was lost in conversion.
    """

    code = "RL001"
    name = "parse-error"
    category = "parse"
    severity = Severity.WARNING
    preview = True
    summary = Message("无法识别的文本行", "A line the parser cannot read")
    bad_example = TITLE + "一、总体情况\n\n本年度\x07主动公开信息。\n"
    good_example = TITLE + "一、总体情况\n\n本年度主动公开信息。\n"

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for issue in report.document.issues:
            ctx.report(
                issue.span,
                f"第 {issue.span.line} 行无法识别（{issue.message}），已跳过该行",
                f"Line {issue.span.line} could not be read ({issue.message}); it was skipped",
                evidence={"text": issue.text[:80]},
            )
