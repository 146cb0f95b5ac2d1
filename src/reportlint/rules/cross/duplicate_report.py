from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import Batch, CrossContext, CrossRule, describe, example
from reportlint.rules.cross.examples import applications

_2021 = applications(2021, new="3 0 0 0 0 0 3", carried="0 0 0 0 0 0 0", granted="1 0 0 0 0 0 1",
                     total="1 0 0 0 0 0 1", forward="2 0 0 0 0 0 2")
_2022 = applications(2022, new="3 0 0 0 0 0 3", carried="2 0 0 0 0 0 2", granted="5 0 0 0 0 0 5",
                     total="5 0 0 0 0 0 5", forward="0 0 0 0 0 0 0")


# How many of the other reports of one agency and year a finding names.
_CITED = 3


class DuplicateReport(CrossRule):
    """Reports, among those checked together, two or more reports of the same agency and
    statistics year. They are not paired with the year before or after: which of them counts is
    not guessed.

    **Why it matters.** One agency publishes one report a year. Two in a reviewer's folder are
    the same report twice (in two forms, or published twice with changes — itself a defect), or
    one of them carries a wrong year or another agency's name in its title.
    """

    code = "RL800"
    name = "duplicate-report"
    category = "parse"
    severity = Severity.WARNING
    scope = "batch"
    summary = Message("同一机关同一年度有多份报告", "Several reports of one agency and year")
    bad_example = example(("2022.txt", _2022), ("2022-copy.txt", _2022), ("2021.txt", _2021))
    good_example = example(("2022.txt", _2022), ("2021.txt", _2021))

    def check_batch(self, batch: Batch, ctx: CrossContext) -> None:
        for group in batch.duplicates:
            for report in group:
                # A few of the others are named: a folder holding one report a hundred times
                # must not make a hundred times a hundred citations.
                others = [other for other in group if other is not report][:_CITED]
                names = "、".join(describe(other) for other in others)
                more = f" 等 {len(group) - 1} 份" if len(group) - 1 > len(others) else ""
                ctx.report(
                    report, report.anchor,
                    f"本次检查中 {report.agency} {report.year}年 的报告不止一份（另见 {names}{more}），无法确定与上年报告比对哪一份，未做跨年度比对",
                    f"this run holds {len(group)} reports of {report.agency} for {report.year}; none of them is compared "
                    f"across years (which one counts is not guessed)",
                    evidence={"agency": report.agency, "year": report.year, "reports": len(group),
                              "others": [other.path for other in others]},
                    related=[ctx.related(other, other.anchor, f"同一机关同一年度的另一份报告 {describe(other)}",
                                         "another report of the same agency and year") for other in others],
                )
