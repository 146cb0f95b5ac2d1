from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import cell_label, table_numeral

_ROWS = [("一、本年新收政府信息公开申请数量", "2 0 0 0 0 0 2")]
_COPY = "\n附件2：政府信息公开工作年度数据统计表\n\n三、收到和处理政府信息公开申请情况\n\n" \
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n" \
        "| 一、本年新收政府信息公开申请数量 | {values} |\n"


class DuplicateTableMismatch(Rule):
    """Compares a table given twice (in the body and again in an attachment) cell by cell and
    reports the cells where the copies differ.

    **Why it matters.** Two different sets of figures for the same year cannot both be right,
    and readers will quote whichever they find first.
    """

    code = "RL502"
    name = "duplicate-table-mismatch"
    category = "consistency"
    severity = Severity.ERROR
    preview = True
    summary = Message("同一张表在正文和附件中数字不同", "A table given twice has different figures")
    bad_example = applications_rows(_ROWS) + _COPY.format(values="3 | 0 | 0 | 0 | 0 | 0 | 3")
    good_example = applications_rows(_ROWS) + _COPY.format(values="2 | 0 | 0 | 0 | 0 | 0 | 2")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            first = instances[0]
            for other in instances[1:]:
                differences = []
                for key, cell in other.cells.items():
                    original = first.cells.get(key)
                    if original is None or not (cell.value.is_number and original.value.is_number):
                        continue
                    if cell.value.value != original.value.value:
                        differences.append((original, cell))
                if not differences:
                    continue
                original, cell = differences[0]
                spec = first.spec
                cells = {f"{o.row}/{o.column}": [o.value.as_json_number(), c.value.as_json_number()] for o, c in differences}
                ctx.report(
                    cell.span,
                    f"表{table_numeral(first)}在{first.container}和{other.container}中有 {len(differences)} 处数字不同，"
                    f"如“{cell_label(first, cell.row, cell.column)}”：{original.value.raw} 与 {cell.value.raw}",
                    f"Table {spec.number} differs in {len(differences)} cell(s) between {first.container} and {other.container}, "
                    f"e.g. “{cell_label(first, cell.row, cell.column)}”: {original.value.raw} vs {cell.value.raw}",
                    location=ctx.cell_location(other, cell),
                    evidence={"cells": cells, "first": first.container, "second": other.container},
                )
