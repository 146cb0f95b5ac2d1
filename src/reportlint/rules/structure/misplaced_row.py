from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import applications_rows
from reportlint.rules.base import Rule, RuleContext


class MisplacedRow(Rule):
    """Flags a row label that sits beside the wrong group label: ``6.属于四类过程性信息`` next to
    ``（四）无法提供`` although it belongs to ``（三）不予公开``. The row is bound by its own label.

    **Why it matters.** When the label column slips against the rest of the table, a reader
    adds the wrong rows into each group. It usually means cells were deleted or merged by hand.
    """

    code = "RL106"
    name = "misplaced-row"
    category = "structure"
    severity = Severity.WARNING
    preview = True
    summary = Message("行标签位于错误的分组下", "A row label sits under the wrong group")
    bad_example = applications_rows([("（四）无法提供 | 6.属于四类过程性信息", "0 0 0 0 0 0 0")])
    good_example = applications_rows([("（三）不予公开 | 6.属于四类过程性信息", "0 0 0 0 0 0 0")])

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            for table in instances:
                for misfit in table.misfits:
                    if misfit.kind != "misplaced-row":
                        continue
                    detail = misfit.detail
                    expected = detail.get("expected_group")
                    should_zh = f"，应属“{expected}”" if expected else ""
                    should_en = f"; it belongs to “{expected}”" if expected else ""
                    ctx.report(
                        misfit.span,
                        f"“{detail['label']}”被放在“{detail['group_label']}”下{should_zh}",
                        f"“{detail['label']}” sits under “{detail['group_label']}”{should_en}",
                        location=ctx.cell_location(table, row=detail["row"]),
                        evidence={"label": detail["label"], "group": detail["group_label"], "expected_group": expected},
                    )
