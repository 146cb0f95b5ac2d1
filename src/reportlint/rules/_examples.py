"""Small report excerpts for rule examples (shown in the docs, run by the tests)."""

TITLE = "某某街道办事处2020年政府信息公开工作年度报告\n\n"

SECTIONS = (
    ("一", "总体情况", "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。"),
    ("二", "主动公开政府信息情况", "本年度主动公开信息120条。"),
    ("三", "收到和处理政府信息公开申请情况", "本年度收到申请2件。"),
    ("四", "政府信息公开行政复议、行政诉讼情况", "本年度无行政复议、行政诉讼。"),
    ("五", "存在的主要问题及改进情况", "一是公开内容不够全面。下一步将细化公开目录。"),
    ("六", "其他需要报告的事项", "无。"),
)


def report(*, title: str = TITLE, skip: str = "", rename: dict | None = None, extra: str = "", tail: str = "") -> str:
    """A report made of the six template sections, each with one paragraph."""
    rename = rename or {}
    parts = [title]
    for numeral, heading, body in SECTIONS:
        if numeral == skip:
            continue
        parts.append(f"{numeral}、{rename.get(numeral, heading)}\n\n{body}\n\n")
        if numeral == "四" and extra:
            parts.append(extra)
    parts.append(tail)
    return "".join(parts)

HEADER = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
    "|---|---|---|---|---|---|---|---|\n"
)


def applications(new: str, carried: str, granted: str, total: str, forward: str) -> str:
    """A table 3 excerpt: each argument is one row's seven values, space-separated."""

    def row(label: str, values: str) -> str:
        return f"| {label} | " + " | ".join(values.split()) + " |\n"

    return (
        TITLE
        + HEADER
        + row("一、本年新收政府信息公开申请数量", new)
        + row("二、上年结转政府信息公开申请数量", carried)
        + row("（一）予以公开", granted)
        + row("（七）总计", total)
        + row("四、结转下年度继续办理", forward)
    )


def reviews(values: str) -> str:
    return (
        TITLE
        + "四、政府信息公开行政复议、行政诉讼情况\n\n"
        + "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        + "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n"
        + "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
        + "| " + " | ".join(values.split()) + " |\n"
    )


def applications_rows(rows: list[tuple[str, str]], *, note: bool = True, header: str | None = None) -> str:
    """A table 3 excerpt from (label, values) pairs; values space-separated, ``_`` for a blank."""
    head = HEADER if note else HEADER.replace("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "")
    if header is not None:
        head = header
    def cells(values: str) -> str:
        return " | ".join("" if value == "_" else value for value in values.split())

    lines = [f"| {label} | {cells(values)} |\n" if values else f"| {label} | | | | | | | |\n" for label, values in rows]
    return TITLE + head + "".join(lines)


# Table 3 as the 2019 format prints it: (group label, row label); group rows hold no values.
APPLICATION_ROWS = (
    ("", "一、本年新收政府信息公开申请数量"),
    ("", "二、上年结转政府信息公开申请数量"),
    ("三、本年度办理结果", "（一）予以公开"),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("（三）不予公开", "1.属于国家秘密"),
    ("", "2.其他法律行政法规禁止公开"),
    ("", "3.危及“三安全一稳定”"),
    ("", "4.保护第三方合法权益"),
    ("", "5.属于三类内部事务信息"),
    ("", "6.属于四类过程性信息"),
    ("", "7.属于行政执法案卷"),
    ("", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("", "2.没有现成信息需要另行制作"),
    ("", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("", "2.重复申请"),
    ("", "3.要求提供公开出版物"),
    ("", "4.无正当理由大量反复申请"),
    ("", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理"),
    ("", "（七）总计"),
    ("", "四、结转下年度继续办理"),
)
APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def applications_table(values: dict[str, str] | None = None, *, layout: str = "pipe", title: bool = True) -> str:
    """A complete table 3 in one of the three text layouts real reports use.

    ``values`` maps the start of a row label to its seven values (space-separated); every other
    row is zeros. ``layout`` is ``pipe`` (Markdown), ``tabs`` (one row per line) or ``cells``
    (Word pasted as text: one tab-indented cell per line, rows separated by blank lines).
    """
    values = values or {}
    rows = [("", NOTE, "申请人情况", *[""] * 6), ("", "", "自然人", "法人或其他组织", "", "", "", "", "总计"),
            ("", "", "", *APPLICANT_COLUMNS[1:6], "")]
    header_rows = [[cell for cell in row] for row in rows]
    data_rows = []
    for group, label in APPLICATION_ROWS:
        given = next((v for k, v in values.items() if label.startswith(k)), "0 0 0 0 0 0 0")
        data_rows.append([group, label, *["" if v == "_" else v for v in given.split()]])
    body = "三、收到和处理政府信息公开申请情况\n\n"
    if layout == "pipe":
        lines = ["| " + " | ".join(row) + " |" for row in header_rows[:1]]
        lines.append("|" + "---|" * len(header_rows[0]))
        lines += ["| " + " | ".join(row) + " |" for row in header_rows[1:] + data_rows]
        body += "\n".join(lines) + "\n"
    elif layout == "tabs":
        body += "\n".join("\t".join(row) for row in header_rows + data_rows) + "\n"
    elif layout == "cells":
        body += "\n".join("\n".join("\t" + cell for cell in row) + "\n" for row in header_rows + data_rows)
    else:
        raise ValueError(f"unknown layout {layout!r}")
    return (TITLE if title else "") + body
