"""Small reports for the cross-report rules' examples (shown in the docs, run by the tests)."""

from __future__ import annotations

from reportlint.rules._examples import HEADER

AGENCY = "某某街道办事处"


def title(year: int, agency: str = AGENCY) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告\n\n"


def _row(label: str, values: str) -> str:
    return f"| {label} | " + " | ".join(values.split()) + " |\n"


def applications(year: int, new: str, carried: str, granted: str, total: str, forward: str, agency: str = AGENCY) -> str:
    """A report with table 3's balance rows; each argument is one row's seven values."""
    return (title(year, agency) + HEADER + _row("一、本年新收政府信息公开申请数量", new)
            + _row("二、上年结转政府信息公开申请数量", carried) + _row("（一）予以公开", granted)
            + _row("（七）总计", total) + _row("四、结转下年度继续办理", forward))


def normative_2021(year: int, issued: int, repealed: int, in_force: int, agency: str = AGENCY) -> str:
    """A report with table 2's 第二十条第（一）项 block in the 2021 format."""
    return (title(year, agency) + "二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n"
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n"
            f"| 行政规范性文件 | {issued} | {repealed} | {in_force} |\n")


def projects_2019(year: int, previous_count: int, change: int, decisions: int, new_published: int = 3,
                  total_published: int = 20, agency: str = AGENCY) -> str:
    """A report with table 2 in the 2019 format: 规范性文件 and 行政许可 rows."""
    return (title(year, agency) + "二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n"
            "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n| 规章 | 0 | 0 | 0 |\n"
            f"| 规范性文件 | {new_published} | {new_published} | {total_published} |\n\n"
            "| 第二十条第（五）项 | | | |\n|---|---|---|---|\n| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
            f"| 行政许可 | {previous_count} | {change} | {decisions} |\n")


def prose(year: int, overview: str, problems: str, agency: str = AGENCY) -> str:
    """A report of the six sections, with its own 总体情况 and 存在的主要问题及改进情况."""
    return (title(year, agency)
            + f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\n\n"
            + f"一、总体情况\n\n{overview}\n\n"
            + "二、主动公开政府信息情况\n\n本年度主动公开信息120条。\n\n"
            + "三、收到和处理政府信息公开申请情况\n\n本年度收到申请2件。\n\n"
            + "四、政府信息公开行政复议、行政诉讼情况\n\n本年度无行政复议、行政诉讼。\n\n"
            + f"五、存在的主要问题及改进情况\n\n{problems}\n\n"
            + "六、其他需要报告的事项\n\n无。\n")


def figures_2021(year: int, licensing: int, penalties: int, agency: str = AGENCY) -> str:
    """A report with table 2's 行政许可 and 行政处罚 decisions in the 2021 format."""
    return (title(year, agency) + "二、主动公开政府信息情况\n\n"
            "| 第二十条第（五）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n"
            f"| 行政许可 | {licensing} |\n\n"
            "| 第二十条第（六）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n"
            f"| 行政处罚 | {penalties} |\n| 行政强制 | 0 |\n")
