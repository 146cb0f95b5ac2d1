from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import table_numeral


class MissingConsistencyNote(Rule):
    """Notes a table 3 whose header lacks the template's note
    （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）.

    **Why it matters.** The note tells the person filling in the table which identity every column
    must satisfy; tables copied without it are often also the ones that do not balance.
    """

    code = "RL110"
    name = "missing-consistency-note"
    category = "structure"
    severity = Severity.INFO
    preview = True
    summary = Message("表三表头缺少勾稽关系说明", "Table 3's header lacks the template's consistency note")
    bad_example = applications_rows([("一、本年新收政府信息公开申请数量", "0 0 0 0 0 0 0")], note=False)
    good_example = applications_rows([("一、本年新收政府信息公开申请数量", "0 0 0 0 0 0 0")])

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            table = instances[0]
            if table.spec.header_note and not table.header_note:
                ctx.report(
                    table.span,
                    f"表{table_numeral(table)}表头缺少“{table.spec.header_note}”的说明",
                    f"Table {table.spec.number}'s header lacks the note “{table.spec.header_note}”",
                    location=ctx.cell_location(table),
                    suggestion=(f"在表头左上角补充“（{table.spec.header_note}）”", "add the note to the header's top-left cell"),
                )
