from reportlint.findings import Message, Severity
from reportlint.rules.arithmetic import EquationFamilyRule
from reportlint.rules._examples import reviews


class ReviewTotal(EquationFamilyRule):
    """Checks table 4: for 行政复议, 未经复议直接起诉 and 复议后起诉, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    **Why it matters.** Each case has exactly one state at the end of the year. A 总计 of 0
    beside 维持 10 and 纠正 1 (a real published report) tells the reader there were no cases
    while the row says there were eleven.
    """

    code = "RL204"
    name = "review-total"
    category = "arithmetic"
    severity = Severity.ERROR
    family = "review-total"
    summary = Message("表四：总计 = 维持 + 纠正 + 其他 + 尚未审结", "Table 4: total = upheld + corrected + other + pending")
    bad_example = reviews("10 1 0 0 0 0 0 0 0 0 0 0 0 0 0")
    good_example = reviews("10 1 0 0 11 0 0 0 0 0 0 0 0 0 0")
