from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import table_numeral

# What each kind of misreading means, for the message.
_WHAT = {
    "unknown-row": ("行的标签不是模板中的行", "rows whose label is no row of the template"),
    "misplaced-row": ("行出现在不属于它的分组下", "rows under a group they do not belong to"),
    "row-width": ("行的数值个数与列数不符", "rows whose number of values does not fit the columns"),
    "run-together": ("行的数字连在一起且无法唯一拆分", "rows whose figures run together and cannot be split one way only"),
    "duplicate-row": ("行重复出现", "rows given twice"),
    "unknown-column": ("列不是模板中的列", "columns the template does not have"),
    "stray-values": ("处数值出现在表头中", "places where values stand in a header"),
    "empty-row": ("行为空而其数值出现在别处", "rows left empty while values stand elsewhere"),
}


class TableUnreadable(Rule):
    """Reports, once, a table whose values reportlint could not place on the template's rows and
    columns reliably — several rows whose labels name nothing, whose values do not fit the
    columns, or whose figures a crawler ran together in more than one possible way — and checks
    none of its cells.

    A table read this way usually reached reportlint through a conversion that scrambled it (a
    PDF text layer that lists a table column by column, a copy that lost its cell boundaries).
    Reporting every row it could not place, and every equation that its misplaced values break,
    would bury the report under false alarms; one finding says what could not be read, and the
    structure, arithmetic and consistency rules leave the table alone.

    **Why it matters.** A reviewer needs to know which tables were *not* checked, so that a
    clean result is not mistaken for a correct table. Check the table by hand or lint the
    published original (the web page, the Word or PDF file).
    """

    code = "RL003"
    name = "table-unreadable"
    category = "parse"
    severity = Severity.WARNING
    summary = Message("表格无法可靠读取，未予核对", "A table could not be read reliably and was not checked")
    bad_example = (
        "某某街道办事处2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
        "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        "| 二、上年结转政府信息公开申请数量 | 0 | 0 |\n| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n| （一）予以公开 | 1 |\n"
    )
    good_example = (
        "某某街道办事处2021年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n"
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
        "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    )

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for instances in report.tables.values():
            for table in instances:
                runs = [misfit for misfit in table.misfits if misfit.kind == "run-together"]
                if runs:
                    self.report_runs(table, runs, ctx)
        for table in report.unreadable:
            counts: dict[str, int] = {}
            for reason in table.unreliable():
                kind, _, count = reason.partition("×")
                counts[kind] = int(count)
            zh = "，".join(f"{count} {_WHAT[kind][0]}" for kind, count in counts.items())
            en = "; ".join(f"{count} {_WHAT[kind][1]}" for kind, count in counts.items())
            number = table_numeral(table)
            ctx.report(
                table.span,
                f"表{number}“{table.spec.title}”无法可靠读取（{zh}），未核对该表；请对照原件人工核对",
                f"Table {table.spec.number} “{table.spec.title}” could not be read reliably ({en}); it was not checked",
                location=ctx.cell_location(table),
                evidence={"table": table.key, "misreadings": counts, "layout": table.layout, "container": table.container},
                suggestion=("对照发布的原件（网页、Word 或 PDF）检查该表", "check the table against the published original"),
            )

    @staticmethod
    def report_runs(table, runs, ctx: RuleContext) -> None:
        """Rows of a readable table whose figures ran together in more than one possible way."""
        labels = "、".join(f"“{run.detail['label']}”（{run.detail['digits']}）" for run in runs)
        number = table_numeral(table)
        ctx.report(
            runs[0].span,
            f"表{number}中 {len(runs)} 行的数字连在一起，无法唯一拆分为各列：{labels}；这些行未核对",
            f"Table {table.spec.number}: the figures of {len(runs)} row(s) run together and cannot be split one way only; "
            "they were not checked",
            location=ctx.cell_location(table, row=runs[0].detail["row"]),
            evidence={"table": table.key, "rows": [{"row": run.detail["row"], "digits": run.detail["digits"],
                                                    "reason": run.detail["reason"]} for run in runs]},
            suggestion=("对照发布的原件核对这些行", "check these rows against the published original"),
        )
