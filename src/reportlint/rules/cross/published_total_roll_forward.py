from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import example
from reportlint.rules.cross.equations import CrossYearEquationRule
from reportlint.rules.cross.examples import projects_2019


class PublishedTotalRollForward(CrossYearEquationRule):
    """Notes where table 2's 对外公开总数量 (2019 format) is not last year's 对外公开总数量 plus this
    year's 本年新公开数量, for 规章 and 规范性文件.

    **Why it matters.** The total published grows by what was published this year. It may also
    shrink where documents were withdrawn, which the format does not ask for, so this is a note
    for the reviewer rather than a defect.
    """

    code = "RL804"
    name = "published-total-roll-forward"
    category = "arithmetic"
    severity = Severity.INFO
    preview = True
    templates = ("2019",)
    family = "published-total"
    summary = Message("对外公开总数量与上年报告不衔接", "Total published does not follow from last year's report")
    bad_example = example(("2019.txt", projects_2019(2019, previous_count=3, change=0, decisions=2)),
                          ("2020.txt", projects_2019(2020, previous_count=3, change=1, decisions=0, total_published=20)))
    good_example = example(("2019.txt", projects_2019(2019, previous_count=3, change=0, decisions=2)),
                           ("2020.txt", projects_2019(2020, previous_count=3, change=1, decisions=0, total_published=23)))
