from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import Batch, CrossContext, CrossRule, example
from reportlint.rules.cross.examples import applications

_FIGURES = dict(new="3 0 0 0 0 0 3", carried="0 0 0 0 0 0 0", granted="1 0 0 0 0 0 1", total="1 0 0 0 0 0 1",
                forward="2 0 0 0 0 0 2")


class UnidentifiedReport(CrossRule):
    """Reports, when several reports are checked together, a report whose agency or statistics
    year could not be read (no title naming them, no signature, no 发布机构 line): it takes no
    part in the cross-report checks.

    **Why it matters.** Only a report known to be an agency's report on a year can be held
    against the same agency's report on the year before. A copy that lost its title (a browser
    selection that starts below it) is checked alone, and the reviewer should know that.
    """

    code = "RL810"
    name = "unidentified-report"
    category = "parse"
    severity = Severity.INFO
    scope = "batch"
    summary = Message("无法读出报告的机关或年度，未做跨报告比对", "Agency or year not read; not compared with other reports")
    bad_example = example(("2021.txt", applications(2021, **_FIGURES)),
                          ("untitled.txt", applications(2022, **_FIGURES).split("\n", 2)[2]))
    good_example = example(("2021.txt", applications(2021, **_FIGURES)), ("2022.txt", applications(2022, **_FIGURES)))

    def check_batch(self, batch: Batch, ctx: CrossContext) -> None:
        for report in batch.unidentified:
            missing = "机关名称" if not report.key else "统计年度"
            missing_en = "agency" if not report.key else "statistics year"
            ctx.report(report, report.anchor,
                       f"无法从报告读出{missing}（标题、落款和发布机构都没有写明），本报告未与其他报告比对",
                       f"the report's {missing_en} could not be read (no title, signature or publisher line names it); "
                       f"it is not compared with other reports",
                       evidence={"agency": report.agency, "year": report.year})
