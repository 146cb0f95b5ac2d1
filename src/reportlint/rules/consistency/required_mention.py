from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext


class RequiredMention(Rule):
    """Checks that a section says what its template requires it to report. In the 2021 format,
    六、其他需要报告的事项 must report 信息处理费 (收取信息处理费情况在此处报告), even if only to say
    that none was charged. The required words are template data (``must_mention``), with the
    wordings real reports use (未收取信息公开处理费, 无收取信息处理费情况, 未向申请人收取任何费用).

    **Why it matters.** Since 2021 the fee is the one charge an agency may levy for disclosure;
    the format makes its report mandatory so that silence cannot hide a charge.
    """

    code = "RL503"
    name = "required-mention"
    category = "consistency"
    severity = Severity.WARNING
    preview = True
    summary = Message("章节未报告模板要求的事项", "A section leaves out what the template requires it to report")
    bad_example = example(title="某某局2022年政府信息公开工作年度报告\n\n")
    good_example = example(title="某某局2022年政府信息公开工作年度报告\n\n").replace("六、其他需要报告的事项\n\n无。", "六、其他需要报告的事项\n\n本年度未收取信息处理费。")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        if report.template is None:
            return
        for match in report.body_sections() or report.sections:
            spec = match.spec
            if spec is None or not spec.must_mention:
                continue
            text = match.section.text
            # An entry lists the wordings that count, separated by |; the first names the matter.
            missing = [entry.split("|")[0] for entry in spec.must_mention
                       if not any(word in text for word in entry.split("|"))]
            if missing:
                words = "、".join(missing)
                ctx.report(
                    match.section.heading_span,
                    f"“{spec.title}”未报告{words}情况（{report.template.document}要求在此报告，没有也应写明）",
                    f"“{spec.title}” says nothing about {words}, which the format requires here (even if none)",
                    location=Location(section=spec.key),
                    evidence={"missing": missing},
                    suggestion=(f"补充{words}情况，如“本年度未收取{words}”", f"state the {words}, e.g. 本年度未收取{words}"),
                )
