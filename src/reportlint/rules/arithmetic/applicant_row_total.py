from reportlint.findings import Message, Severity
from reportlint.rules.arithmetic import EquationFamilyRule
from reportlint.rules._examples import applications


class ApplicantRowTotal(EquationFamilyRule):
    """Checks, for each row of table 3, that 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 +
    法律服务机构 + 其他.

    **Why it matters.** The 总计 column is the sum of the applicant columns by definition (the
    template has no 小计 column). A wrong row total is usually a typing slip in the one cell
    that readers and statistics offices look at first.
    """

    code = "RL203"
    name = "applicant-row-total"
    category = "arithmetic"
    severity = Severity.ERROR
    preview = True
    family = "row-total"
    summary = Message("表三各行：总计 = 各类申请人之和", "Table 3, each row: total = sum of the applicant columns")
    bad_example = applications("2 1 0 0 0 0 2", "0 0 0 0 0 0 0", "2 1 0 0 0 0 2", "2 1 0 0 0 0 2", "0 0 0 0 0 0 0")
    good_example = applications("2 1 0 0 0 0 3", "0 0 0 0 0 0 0", "2 1 0 0 0 0 3", "2 1 0 0 0 0 3", "0 0 0 0 0 0 0")
