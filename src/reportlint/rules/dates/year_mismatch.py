from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext

_PERIOD_2019 = "本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。"


class YearMismatch(Rule):
    """Checks that the year in the title is the year of the statistics period
    (统计期限自…起至…止) and that the period is one whole calendar year.

    **Why it matters.** A report titled 2020 whose figures run to 2019年12月31日 was copied from
    last year and not updated; a period that is not a calendar year cannot be compared with
    anyone else's.
    """

    code = "RL301"
    name = "year-mismatch"
    category = "date"
    severity = Severity.ERROR
    preview = True
    summary = Message("标题年份与统计期限不一致，或统计期限不是完整年度", "Title year and statistics period disagree, or the period is not a calendar year")
    bad_example = example().replace("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。", _PERIOD_2019)
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.period is None:
            return
        start, end, span = report.period
        if start is None or end is None:
            return  # an impossible date: garbled-date reports it
        if report.title_year is not None and end.year != report.title_year:
            ctx.report(
                span,
                f"标题为{report.title_year}年度，但统计期限截至{end.year}年{end.month}月{end.day}日",
                f"The title says {report.title_year} but the statistics period ends on {end.isoformat()}",
                evidence={"title_year": report.title_year, "period": [start.isoformat(), end.isoformat()]},
            )
        if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
            ctx.report(
                span,
                f"统计期限 {start.isoformat()} 至 {end.isoformat()} 不是完整的自然年度",
                f"The statistics period {start.isoformat()} – {end.isoformat()} is not one calendar year",
                evidence={"period": [start.isoformat(), end.isoformat()]},
            )
