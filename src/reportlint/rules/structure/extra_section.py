from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.rules.labels import numeral
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
        matches = structural_sections(report)
        for match in matches:
            if match.spec is None:
                section = match.section
                ctx.report(
                    section.heading_span,
                    f"“{section.numeral}、{section.title}”不是模板中的章节",
                    f"“{section.numeral}、{section.title}” is not a section of the template",
                    location=Location(section=section.title),
                    suggestion=("将该内容并入“一、总体情况”或“六、其他需要报告的事项”",
                                "move this into 一、总体情况 or 六、其他需要报告的事项"),
                )
        # A template section under another number is there, not missing: said once, for all —
        # unless an extra section before it explains the shift (that one is reported above).
        renumbered = []
        extra = 0
        for match in matches:
            if match.spec is None:
                extra += 1
            elif match.section.number != match.spec.number + extra:
                renumbered.append(match)
        if renumbered:
            first = renumbered[0].section
            listed = "、".join(f"“{m.section.numeral}、{m.section.title}”（模板为第{numeral(m.spec.number)}部分）" for m in renumbered)
            ctx.report(
                first.heading_span,
                f"{len(renumbered)} 个章节的编号与模板不同：{listed}",
                f"{len(renumbered)} section(s) are numbered differently from the template: "
                + ", ".join(f"{m.section.numeral} “{m.section.title}” (template: {m.spec.number})" for m in renumbered),
                location=Location(section=renumbered[0].spec.key),
                evidence={"sections": [{"printed": m.section.number, "template": m.spec.number, "key": m.spec.key}
                                       for m in renumbered]},
                suggestion=("按模板的六个部分编号", "number the sections as the template's six parts"),
                severity=Severity.INFO,
            )
        order = [match for match in matches if match.spec is not None]
        out_of_order = [later for earlier, later in zip(order, order[1:]) if later.spec.number < earlier.spec.number]
        if out_of_order:
            section = out_of_order[0].section
            ctx.report(
                section.heading_span,
                f"“{section.title}”的位置与模板顺序不符",
                f"“{section.title}” is out of the template's order",
                location=Location(section=out_of_order[0].spec.key),
            )
        if renumbered or extra:
            return
        previous = 0
        for match in matches:
            section = match.section
            if section.number != previous + 1:
                ctx.report(
                    section.heading_span,
                    f"章节编号“{section.numeral}”不连续（上一节为第{previous}节）",
                    f"Section number {section.number} does not follow {previous}",
                    location=Location(section=match.spec.key if match.spec else section.title),
                )
                break
            previous = section.number
