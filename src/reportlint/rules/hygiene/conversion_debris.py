from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext
from reportlint.source import DEBRIS_PATTERN


class ConversionDebris(Rule):
    """Flags marks left by converting the document: Word bookmarks exported as text
    (``[bookmark: _GoBack]``), mangled tags (``?!?/p>``), stray HTML tags.

    **Why it matters.** They show that the published text was never looked at after conversion,
    and screen readers read them aloud.
    """

    code = "RL701"
    name = "conversion-debris"
    category = "hygiene"
    severity = Severity.WARNING
    preview = True
    summary = Message("文中残留格式转换痕迹", "Conversion debris left in the text")
    bad_example = example().replace("一、总体情况\n\n", "一、总体情况\n\n[bookmark: _GoBack]")
    good_example = example()

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        source = report.source
        for match in DEBRIS_PATTERN.finditer(source.rendition):
            ctx.report(
                source.rendition_span(match.start(), match.end()),
                f"残留转换痕迹“{match.group()}”",
                f"Conversion debris “{match.group()}”",
                evidence={"text": match.group()},
                suggestion=("删除", "delete it"),
            )
