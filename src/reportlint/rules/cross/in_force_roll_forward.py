from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import example
from reportlint.rules.cross.equations import CrossYearEquationRule
from reportlint.rules.cross.examples import normative_2021


class InForceRollForward(CrossYearEquationRule):
    """Checks table 2 (2021 format) against the agency's report on the year before: 现行有效件数
    of 规章 and 行政规范性文件 equals last year's 现行有效件数 plus this year's 本年制发件数 minus
    本年废止件数. Never across the change of format: a 2020 report's 对外公开总数量 counts
    something else.

    **Why it matters.** The stock of documents in force can only change by what was issued and
    what was repealed. A stock that jumps or falls by more says the count was redone, a clean-up
    went unreported, or a figure is wrong. A warning, not an error: reports that sum up a whole
    area change scope from year to year.
    """

    code = "RL802"
    name = "in-force-roll-forward"
    category = "arithmetic"
    severity = Severity.WARNING
    templates = ("2021",)
    family = "in-force"
    summary = Message("现行有效件数与上年报告不衔接", "Documents in force do not follow from last year's report")
    bad_example = example(("2022.txt", normative_2021(2022, issued=8, repealed=0, in_force=8)),
                          ("2023.txt", normative_2021(2023, issued=5, repealed=2, in_force=5)))
    good_example = example(("2022.txt", normative_2021(2022, issued=8, repealed=0, in_force=8)),
                           ("2023.txt", normative_2021(2023, issued=5, repealed=2, in_force=11)))
