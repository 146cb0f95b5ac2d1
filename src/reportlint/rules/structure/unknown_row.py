from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import table_numeral


class UnknownRow(Rule):
    """Flags rows and columns with values that the template does not have: a row
    ``其他（本单位…主动公开文件）`` added to table 2, a 处理决定数量 column under 第二十条第（八）项,
    a row of numbers with no label. Their values are not bound.

    **Why it matters.** The format is fixed nationwide so that figures can be added up across
    agencies. An invented row or column has no place in those sums, and its numbers are often
    ones that belong in a template row instead.
    """

    code = "RL108"
    name = "unknown-row"
    category = "structure"
    severity = Severity.WARNING
    preview = True
    summary = Message("表格中有模板没有的行或列", "A table has a row or column the template does not")
    bad_example = applications_rows([("（三）不予公开小计", "0 0 0 0 0 0 0")])
    good_example = applications_rows([("1.属于国家秘密", "0 0 0 0 0 0 0")])

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            for table in instances:
                number = table_numeral(table)
                for misfit in table.misfits:
                    detail = misfit.detail
                    if misfit.kind == "unknown-row" and (detail.get("has_values") or detail.get("values")):
                        label = detail.get("label") or "（无标签）"
                        checked = label in table.extra_rows.values()
                        ctx.report(
                            misfit.span,
                            f"表{number}中的“{label}”行不是模板中的行" + ("" if checked else "，其数值未予核对"),
                            f"Table {table.spec.number}: row “{label}” is not in the template"
                            + ("" if checked else "; its values were not checked"),
                            location=ctx.cell_location(table),
                            evidence={"label": label, "values": detail.get("values")},
                        )
                    elif misfit.kind == "unknown-column":
                        ctx.report(
                            misfit.span,
                            f"表{number}中的“{detail['label']}”列不是模板中该项的列",
                            f"Table {table.spec.number}: column “{detail['label']}” is not in the template for this item",
                            location=ctx.cell_location(table, row=detail.get("block")),
                            evidence={"label": detail["label"], "block": detail.get("block")},
                        )
