from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.dates import period_end, report_dates


class DateBeforePeriodEnd(Rule):
    """Checks that the report's own dates (the signature, 填表时间, 发布日期) fall after the end of
    the statistics period.

    **Why it matters.** A report dated 2020年12月17日 cannot contain the figures up to 12月31日; it
    was written before the year was over, so its totals are estimates presented as facts.
    """

    code = "RL303"
    name = "date-before-period-end"
    category = "date"
    severity = Severity.ERROR
    preview = True
    summary = Message("报告日期早于统计期限结束", "The report is dated before its statistics period ends")
    bad_example = example(tail="某某街道办事处\n\n2020年12月17日\n")
    good_example = example(tail="某某街道办事处\n\n2021年1月13日\n")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        end = period_end(report)
        if end is None:
            return
        for found in report_dates(report, ctx):
            if found.date < end:  # signed on the period's last day is not before it
                ctx.report(
                    found.span,
                    f"报告日期 {found.date.isoformat()}（{found.text}）早于统计期限结束日 {end.isoformat()}",
                    f"The report date {found.date.isoformat()} ({found.text}) is before the end of the statistics period, {end.isoformat()}",
                    evidence={"date": found.date.isoformat(), "kind": found.kind, "period_end": end.isoformat()},
                )
