from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import example
from reportlint.rules.cross.equations import CrossYearEquationRule
from reportlint.rules.cross.examples import projects_2019


class ProjectCountRollForward(CrossYearEquationRule):
    """Checks table 2 (2019 format) against the agency's report on the year before: this year's
    上一年项目数量 equals last year's 上一年项目数量 plus last year's 本年增/减, for 行政许可,
    其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费.

    **Why it matters.** 上一年项目数量 is the number of items at the start of the year and
    本年增/减 how it changed during the year: next year's start is this year's end. A count that
    does not roll forward means one of the two reports copied or mistyped it.
    """

    code = "RL803"
    name = "project-count-roll-forward"
    category = "arithmetic"
    severity = Severity.WARNING
    preview = True
    templates = ("2019",)
    family = "project-count"
    summary = Message("上一年项目数量与上年报告不衔接", "Items at the start of the year do not follow from last year's report")
    bad_example = example(("2019.txt", projects_2019(2019, previous_count=3, change=0, decisions=2)),
                          ("2020.txt", projects_2019(2020, previous_count=0, change=1, decisions=0, total_published=23)))
    good_example = example(("2019.txt", projects_2019(2019, previous_count=3, change=0, decisions=2)),
                           ("2020.txt", projects_2019(2020, previous_count=3, change=1, decisions=0, total_published=23)))
