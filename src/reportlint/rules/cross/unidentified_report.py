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
            if not report.key:
                zh, en = "标题、落款或发布机构读出机关名称", "agency from its title, signature or publisher line"
            else:
                zh, en = "标题或统计期限读出统计年度", "statistics year from its title or statistics period"
            ctx.report(report, report.anchor,
                       f"未能从报告的{zh}，本报告未与其他报告比对",
                       f"the report's {en} could not be read; it is not compared with other reports",
                       evidence={"agency": report.agency, "year": report.year})
