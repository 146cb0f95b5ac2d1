from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.structure import structural_sections

_EXTRA = "五、政府信息公开工作创新性做法\n\n本年度开设政务公开专栏。\n\n"


class ExtraSection(Rule):
    """Flags numbered sections the template does not have, numbering that skips or repeats,
    and template sections out of their order.

    **Why it matters.** The format is fixed so that reports can be read side by side. An extra
    section shifts every later number, so “第五部分” no longer means the same thing in two
    reports; material of your own belongs in 一、总体情况 or 六、其他需要报告的事项.
    """

    code = "RL102"
    name = "extra-section"
    category = "structure"
    severity = Severity.WARNING
    summary = Message("多出模板没有的章节，或章节编号、顺序不对", "A section the template lacks, or sections misnumbered or out of order")
    bad_example = example(extra=_EXTRA, rename={"五": "存在的主要问题及改进情况"}).replace("五、存在", "六、存在").replace("六、其他", "七、其他")
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.template is None:
            return
        previous_number = 0
        previous_template_number = 0
        for match in structural_sections(report):
            section = match.section
            location = Location(section=match.spec.key if match.spec else section.title)
            if match.spec is None:
                ctx.report(
                    section.heading_span,
                    f"“{section.numeral}、{section.title}”不是模板中的章节",
                    f"“{section.numeral}、{section.title}” is not a section of the template",
                    location=location,
                    suggestion=("将该内容并入“一、总体情况”或“六、其他需要报告的事项”",
                                "move this into 一、总体情况 or 六、其他需要报告的事项"),
                )
            elif match.spec.number < previous_template_number:
                ctx.report(
                    section.heading_span,
                    f"“{section.title}”的位置与模板顺序不符",
                    f"“{section.title}” is out of the template's order",
                    location=location,
                )
            if section.number != previous_number + 1:
                ctx.report(
                    section.heading_span,
                    f"章节编号“{section.numeral}”不连续（上一节为第{previous_number}节）",
                    f"Section number {section.number} does not follow {previous_number}",
                    location=location,
                )
            previous_number = section.number
            if match.spec is not None:
                previous_template_number = max(previous_template_number, match.spec.number)
