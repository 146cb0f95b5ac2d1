from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.dates import report_dates


class MissingDate(Rule):
    """Flags a report that carries no date of its own: no signature date, no 填表时间, no 发布日期.

    **Why it matters.** Without a date nobody can tell whether the report met its deadline, and a
    reposted copy cannot be matched to the original.
    """

    code = "RL305"
    name = "missing-date"
    category = "date"
    severity = Severity.INFO
    summary = Message("报告没有落款日期", "The report carries no date")
    bad_example = example(tail="某某街道办事处\n")
    good_example = example(tail="某某街道办事处\n\n2021年1月13日\n")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.legacy or report_dates(report, ctx):
            return
        last = report.document.sections[-1].span if report.document.sections else None
        ctx.report(
            last,
            "报告没有落款日期（落款、填表时间或发布日期）",
            "The report carries no date (signature, 填表时间 or 发布日期)",
            suggestion=("在落款处写明成文日期", "add the date under the signature"),
        )
