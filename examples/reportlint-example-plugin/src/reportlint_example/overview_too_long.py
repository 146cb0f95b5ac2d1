import re

from reportlint.findings import Location, Message, Severity
from reportlint.rules import Rule, RuleContext

_REPORT = "某局2022年政府信息公开工作年度报告\n\n一、总体情况\n\n{body}\n\n二、主动公开政府信息情况\n\n正文。\n"


class OverviewTooLong(Rule):
    """Checks that 一、总体情况 stays within the length the 2021 format asks for (原则上不超过一千字;
    the limit is the rule's ``max-characters`` option).

    **Why it matters.** The overview is meant to be read; the format asks for it to be short.
    """

    code = "EX101"
    name = "overview-too-long"
    category = "structure"
    severity = Severity.INFO
    summary = Message("总体情况超过一千字", "The overview is longer than 1000 characters")
    templates = ("2021",)
    default = False  # third-party rules are opt-in: installing registers, selecting enables
    options = {"max-characters": 1000}
    bad_example = _REPORT.format(body="内容" * 600)
    good_example = _REPORT.format(body="内容" * 100)

    def check(self, report, ctx: RuleContext) -> None:
        limit = ctx.options["max-characters"]
        for match in report.body_sections():
            if match.spec is None or match.spec.key != "overview":
                continue
            length = len(re.sub(r"\s", "", match.section.text))
            if length > limit:
                ctx.report(
                    match.section.heading_span,
                    f"“总体情况”共 {length} 字，超过 {limit} 字",
                    f"The overview has {length} characters, more than {limit}",
                    location=Location(section="overview"),
                    evidence={"characters": length, "limit": limit},
                )
