from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.structure import structural_sections
from reportlint.rules.labels import numeral


class MissingSection(Rule):
    """Checks that each of the template's six sections is present (titles matched loosely:
    real reports write 依申请公开情况汇总表, 改进措施, 行政法复议 and so on).

    **Why it matters.** 条例 第五十条 lists what an annual report must contain, and the
    format notices turn that list into six sections. A report without, say, its 行政复议 section
    has left out a statutory item, which reviewers treat as incomplete (内容不全面).
    """

    code = "RL101"
    name = "missing-section"
    category = "structure"
    severity = Severity.ERROR
    preview = True
    summary = Message("缺少模板规定的章节", "A section the template requires is missing")
    bad_example = example(skip="四")
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.template is None:
            return
        present = {match.spec.key for match in structural_sections(report) if match.spec}
        anchor = report.document.title.span if report.document.title else None
        for section in report.template.sections:
            if section.key not in present:
                number = numeral(section.number)
                ctx.report(
                    anchor,
                    f"缺少第{number}部分“{section.title}”",
                    f"Section {section.number} “{section.title}” is missing",
                    evidence={"section": section.key, "title": section.title},
                    suggestion=(f"按模板补充“{number}、{section.title}”", f"add “{number}、{section.title}” as in the template"),
                )
