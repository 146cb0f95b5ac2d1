from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows, applications_table
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import short_label, table_numeral

_HEADER_NO_OTHER = (
    "三、收到和处理政府信息公开申请情况\n\n"
    "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 总计 |\n"
)


class MissingRow(Rule):
    """Flags template rows and columns that a table lacks: table 3 without its 其他 column, a
    template row that never appears, a table without its header, and a row the template breaks
    down (2021: （六）其他处理 into three sub-rows) given as one.

    **Why it matters.** A missing column silently drops applicants from every row; a missing row
    drops outcomes from the total. Both make the table impossible to add up or compare.
    """

    code = "RL109"
    name = "missing-row"
    category = "structure"
    severity = Severity.WARNING
    summary = Message("表格缺少模板规定的行或列", "A table lacks a row or column of the template")
    bad_example = applications_rows([("一、本年新收政府信息公开申请数量", "0 0 0 0 0 0")], header=_HEADER_NO_OTHER)
    good_example = applications_table()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            for index, table in enumerate(instances):
                spec = table.spec
                number = table_numeral(spec)
                grouped = set()
                for misfit in table.misfits:
                    if misfit.kind == "missing-columns":
                        names = "、".join(misfit.detail["columns"])
                        ctx.report(misfit.span, f"表{number}缺少“{names}”列", f"Table {spec.number} lacks the column(s) “{names}”",
                                   location=ctx.cell_location(table), evidence={"columns": misfit.detail["columns"]})
                    elif misfit.kind == "missing-header":
                        ctx.report(misfit.span, f"表{number}没有表头，无法确认各列含义，按模板列序读取",
                                   f"Table {spec.number} has no header row; columns were read in the template's order",
                                   location=ctx.cell_location(table))
                    elif misfit.kind == "values-on-group-row":
                        group = misfit.detail["row"]
                        children = [row for row in spec.all_rows() if row.parent == group]
                        names = [short_label(row.label) for row in children]
                        location = ctx.cell_location(table, row=group)
                        if any(row.key in table.rows_found for row in children):
                            # The sub-rows are there: the figures on the heading are a subtotal.
                            ctx.report(
                                misfit.span,
                                f"“{misfit.detail['label']}”在模板中是分组标题，不应填写数字（模板没有小计行）",
                                f"“{misfit.detail['label']}” is a group heading in the template and holds no figures (there is no subtotal row)",
                                location=location, evidence={"row": group, "subtotal": True},
                            )
                            continue
                        grouped.add(group)
                        ctx.report(
                            misfit.span,
                            f"“{misfit.detail['label']}”在本模板中应分为 {len(names)} 个子项填写（{'、'.join(names)}）",
                            f"“{misfit.detail['label']}” should be broken down into {len(names)} rows in this template",
                            location=location,
                            evidence={"row": group, "sub_rows": names},
                        )
                if index:  # copies in attachments are compared by duplicate-table-mismatch
                    continue
                missing = [
                    row for row in spec.value_rows()
                    if row.key not in table.rows_found and not any(row.key.startswith(group + ".") for group in grouped)
                ]
                if missing and table.rows_found and not any(other.key == spec.key for other in report.unreadable):
                    # (Rows may stand in a part of the table that could not be read: RL003 says so.)
                    names = [short_label(row.label) for row in missing]
                    ctx.report(
                        table.span,
                        f"表{number}缺少 {len(missing)} 行：" + "、".join(names),
                        f"Table {spec.number} lacks {len(missing)} template row(s): " + ", ".join(names),
                        location=ctx.cell_location(table),
                        evidence={"rows": [row.key for row in missing]},
                    )
