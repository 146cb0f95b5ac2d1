from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import applications, report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.structure import structural_sections
from reportlint.rules.labels import table_numeral


class MissingTable(Rule):
    """Checks that each of the template's three tables (表二 主动公开, 表三 依申请, 表四 复议诉讼) is
    in the report, in the body or in an attachment.

    **Why it matters.** The tables are the statistics the format exists for; a sentence such as
    “本年度未收到申请” does not replace a table of zeros, and summary reports are added up from them.
    """

    code = "RL104"
    name = "missing-table"
    category = "structure"
    severity = Severity.ERROR
    preview = True
    summary = Message("缺少模板规定的统计表", "A table the template requires is missing")
    bad_example = example()
    good_example = (
        applications("0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0", "0 0 0 0 0 0 0")
        .replace("三、收到", "二、主动公开政府信息情况\n\n| 第二十条第（一）项 | | | |\n| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n| 规章 | 0 | 0 | 0 |\n\n三、收到")
        + "\n四、政府信息公开行政复议、行政诉讼情况\n\n| 行政复议 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.template is None:
            return
        sections = {match.spec.key: match.section for match in structural_sections(report) if match.spec}
        for section in report.template.sections:
            if section.table is None or report.tables.get(section.table) \
                    or any(table.key == section.table for table in report.unreadable):
                continue  # an unreadable table is there: table-unreadable says so
            table = report.template.tables[section.table]
            where = sections.get(section.key)
            ctx.report(
                where.heading_span if where else (report.document.title.span if report.document.title else None),
                f"缺少表{table_numeral(table)}“{table.title}”",
                f"Table {table.number} “{table.title}” is missing",
                location=Location(section=section.key, table=table.key),
                suggestion=("按模板格式填写该表，没有数据的填 0", "fill in the table as in the template, with 0 where there is nothing"),
            )
