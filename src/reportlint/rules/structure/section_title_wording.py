from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.structure import structural_sections


class SectionTitleWording(Rule):
    """Notes section titles that are recognisably a template section but worded differently
    (依申请公开情况汇总表 for 收到和处理政府信息公开申请情况). The wording the format notices use
    themselves (行政机关主动公开政府信息情况 …) is accepted.

    **Why it matters.** Readers and tools find sections by their titles; the template's wording
    keeps reports comparable. This is advice, not an error.
    """

    code = "RL103"
    name = "section-title-wording"
    category = "structure"
    severity = Severity.INFO
    summary = Message("章节标题与模板措辞不同", "A section title is worded differently from the template")
    bad_example = example(rename={"三": "依申请公开情况汇总表"})
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        for match in structural_sections(report):
            spec = match.spec
            if spec is None or spec.is_official_wording(match.section.title):
                continue
            ctx.report(
                match.section.heading_span,
                f"标题“{match.section.title}”与模板不同，模板为“{spec.title}”",
                f"Title “{match.section.title}” differs from the template's “{spec.title}”",
                location=Location(section=spec.key),
                evidence={"title": match.section.title, "template_title": spec.title},
                suggestion=(f"改为“{spec.title}”", f"use “{spec.title}”"),
            )
