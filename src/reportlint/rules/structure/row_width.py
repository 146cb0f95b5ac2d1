from collections import defaultdict

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import table_numeral


class RowWidth(Rule):
    """Flags table rows with more or fewer values than the table has columns (a row of table 3
    with 14 values where there are 7 columns). Such rows are not bound to cells: reportlint does
    not guess which values belong where, so the equations through them go unchecked.

    Rows of one table with the same mismatch are reported together.

    **Why it matters.** Doubled or missing cells come from pasting between Word tables with
    merged cells. The published table then shows numbers under the wrong headings.
    """

    code = "RL105"
    name = "row-width"
    category = "structure"
    severity = Severity.WARNING
    summary = Message("表格行的数值个数与列数不符", "A table row has more or fewer values than columns")
    bad_example = applications_rows([("一、本年新收政府信息公开申请数量", "0 0 0 0 0 0 0 0 0 0 0 0 0 0")])
    good_example = applications_rows([("一、本年新收政府信息公开申请数量", "0 0 0 0 0 0 0")])

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            for table in instances:
                groups = defaultdict(list)
                for misfit in table.misfits:
                    if misfit.kind == "row-width":
                        groups[(misfit.detail["expected"], misfit.detail["found"])].append(misfit)
                number = table_numeral(table)
                for (expected, found), misfits in groups.items():
                    labels = [m.detail.get("label") or "（数据行）" for m in misfits]
                    first = misfits[0]
                    more = f"等 {len(misfits)} 行" if len(misfits) > 1 else ""
                    ctx.report(
                        first.span,
                        f"表{number}“{labels[0]}”{more}有 {found} 个数值，而该表只有 {expected} 列；这些行未予核对",
                        f"Table {table.spec.number}: {len(misfits)} row(s) starting with “{labels[0]}” have {found} values "
                        f"where the table has {expected} columns; they were not checked",
                        location=ctx.cell_location(table, row=first.detail.get("row")),
                        evidence={"expected": expected, "found": found, "rows": labels, "container": table.container},
                        suggestion=("对照模板删除重复的单元格或补齐缺失的单元格", "remove the doubled cells or add the missing ones, as in the template"),
                    )
