from reportlint.findings import Message, Severity
from reportlint.rules.cross.base import example
from reportlint.rules.cross.equations import CrossYearEquationRule
from reportlint.rules.cross.examples import applications

_2021 = applications(2021, new="3 0 0 0 0 0 3", carried="0 0 0 0 0 0 0", granted="1 0 0 0 0 0 1",
                     total="1 0 0 0 0 0 1", forward="2 0 0 0 0 0 2")


class CarryOverMismatch(CrossYearEquationRule):
    """Checks, column by column, that table 3's 二、上年结转政府信息公开申请数量 equals
    四、结转下年度继续办理 in the same agency's report on the year before. Table 3 is the same in
    both formats, so a 2021 report is checked against its 2020 report too.

    **Why it matters.** An application carried into next year is the same application next year:
    the two cells count the same thing, and every other check of table 3 holds within one report
    however wrong they are. A difference means one of the two reports is wrong (or the agency
    dropped or invented applications between them). Error when the two reports surely belong to
    one agency (their names are the same once normalised), warning when the match is only likely.
    """

    code = "RL801"
    name = "carry-over-mismatch"
    category = "arithmetic"
    severity = Severity.ERROR
    preview = True
    family = "carry-over"
    summary = Message("上年结转与上年报告的结转下年度不一致", "Carried over from last year differs from last year's carried forward")
    bad_example = example(("2021.txt", _2021), ("2022.txt", applications(
        2022, new="4 0 0 0 0 0 4", carried="1 0 0 0 0 0 1", granted="5 0 0 0 0 0 5", total="5 0 0 0 0 0 5",
        forward="0 0 0 0 0 0 0")))
    good_example = example(("2021.txt", _2021), ("2022.txt", applications(
        2022, new="3 0 0 0 0 0 3", carried="2 0 0 0 0 0 2", granted="5 0 0 0 0 0 5", total="5 0 0 0 0 0 5",
        forward="0 0 0 0 0 0 0")))
