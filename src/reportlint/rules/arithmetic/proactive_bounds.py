from reportlint.findings import Message, Severity
from reportlint.rules.arithmetic import EquationFamilyRule

_TABLE_2019 = """某某街道办事处2020年政府信息公开工作年度报告

二、主动公开政府信息情况

| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 86 | 86 | {total} |
"""


class ProactiveBounds(EquationFamilyRule):
    """Checks the bounds table 2 implies. 2019 format: 本年新公开数量 ≤ 对外公开总数量 and
    上一年项目数量 + 本年增/减 ≥ 0. 2021 format: 现行有效件数 ≥ 本年制发件数 − 本年废止件数.

    **Why it matters.** What was published this year is part of everything published, and a
    count of items cannot fall below zero. A report that publishes 86 documents this year out
    of a total of 0 has swapped or forgotten a column.
    """

    code = "RL205"
    name = "proactive-bounds"
    category = "arithmetic"
    severity = Severity.WARNING
    preview = True
    family = "proactive-bounds"
    summary = Message("表二：本年数量不超过总数，项目数不为负", "Table 2: this year's figures within the totals, counts not negative")
    bad_example = _TABLE_2019.format(total=0)
    good_example = _TABLE_2019.format(total=120)
