from reportlint.findings import Message, Severity
from reportlint.rules.arithmetic import EquationFamilyRule
from reportlint.rules._examples import applications


class ApplicationBalance(EquationFamilyRule):
    """Checks, for each of table 3's seven columns, that 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理.

    **Why it matters.** The template prints this identity in the table's own header
    (本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和). Every application received or carried
    over is either decided this year or carried forward; when the two sides differ, an
    application has been lost or counted twice, and reviewers reject the report.
    """

    code = "RL201"
    name = "application-balance"
    category = "arithmetic"
    severity = Severity.ERROR
    family = "balance"
    summary = Message("表三各列：本年新收 + 上年结转 = （七）总计 + 结转下年度", "Table 3, each column: new + carried over = total decided + carried forward")
    bad_example = applications("5 0 0 0 0 0 5", "1 0 0 0 0 0 1", "4 0 0 0 0 0 4", "4 0 0 0 0 0 4", "1 0 0 0 0 0 1")
    good_example = applications("5 0 0 0 0 0 5", "1 0 0 0 0 0 1", "5 0 0 0 0 0 5", "5 0 0 0 0 0 5", "1 0 0 0 0 0 1")
