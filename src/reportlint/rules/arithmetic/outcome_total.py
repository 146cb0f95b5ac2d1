from reportlint.findings import Message, Severity
from reportlint.rules.arithmetic import EquationFamilyRule
from reportlint.rules._examples import applications_table


class OutcomeTotal(EquationFamilyRule):
    """Checks, for each column of table 3, that （七）总计 equals the sum of all outcome rows:
    予以公开, 部分公开, the eight 不予公开 rows, the three 无法提供 rows, the five 不予处理 rows and
    其他处理 (one row in the 2019 format, three in the 2021 format).

    **Why it matters.** Each application is counted under exactly one outcome (部分公开: 只计这一情形，
    不计其他情形), so the outcomes must add up to the total. A gap means an outcome row was left
    out or the total was typed by hand.
    """

    code = "RL202"
    name = "outcome-total"
    category = "arithmetic"
    severity = Severity.ERROR
    family = "outcomes"
    summary = Message("表三各列：（七）总计 = 各项办理结果之和", "Table 3, each column: total = sum of the outcome rows")
    bad_example = applications_table({"一、": "3 0 0 0 0 0 3", "（一）": "2 0 0 0 0 0 2", "（七）": "3 0 0 0 0 0 3"})
    good_example = applications_table({"一、": "3 0 0 0 0 0 3", "（一）": "3 0 0 0 0 0 3", "（七）": "3 0 0 0 0 0 3"})
