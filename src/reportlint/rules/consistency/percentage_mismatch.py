import re
from decimal import Decimal

from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import applications
from reportlint.rules.base import Rule, RuleContext

_SHARE = re.compile(r"(\d+)\s*件[，,]?[^，。；\d]{0,8}?占(?:比|总数的|全部申请的|申请总数的)?\s*(\d+(?:\.\d+)?)\s*[%％]")
_BASES = ("applications/total/total", "applications/new/total", "applications/new/total+applications/carried_over/total")


class PercentageMismatch(Rule):
    """Recomputes percentages stated in the prose about applications (``予以公开42件，占51.85%``)
    from table 3's totals, within the rounding the stated percentage allows.

    **Why it matters.** A percentage that no total in the table produces was computed from an
    older draft of the figures, or by hand.
    """

    code = "RL505"
    name = "percentage-mismatch"
    category = "consistency"
    severity = Severity.WARNING
    summary = Message("正文百分比无法由表三数字算出", "A percentage in the prose does not follow from table 3")
    bad_example = applications("81 0 0 0 0 0 81", "0 0 0 0 0 0 0", "81 0 0 0 0 0 81", "81 0 0 0 0 0 81", "0 0 0 0 0 0 0").replace(
        "| （本列", "予以公开42件，占56.85%。\n\n| （本列", 1)
    good_example = applications("81 0 0 0 0 0 81", "0 0 0 0 0 0 0", "81 0 0 0 0 0 81", "81 0 0 0 0 0 81", "0 0 0 0 0 0 0").replace(
        "| （本列", "予以公开42件，占51.85%。\n\n| （本列", 1)

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        from reportlint.rules.consistency.prose import table_value

        bases = [value for value in (table_value(report, expression) for expression in _BASES) if value]
        if not bases:
            return
        for paragraph in report.document.paragraphs():
            for match in _SHARE.finditer(paragraph.text):
                count, stated = Decimal(match.group(1)), Decimal(match.group(2))
                decimals = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
                tolerance = Decimal(1) / (10 ** decimals) / 2 + Decimal("0.000001")
                if any(abs(count / base * 100 - stated) <= tolerance for base in bases):
                    continue
                computed = (count / bases[0] * 100).quantize(Decimal(1) / (10 ** max(decimals, 1)))
                ctx.report(
                    paragraph.span_of(match.start(), match.end()),
                    f"正文“{match.group()}”与表三不符：{count}/{bases[0]} = {computed}%",
                    f"“{match.group()}” does not follow from table 3: {count}/{bases[0]} = {computed}%",
                    location=Location(table="applications"),
                    evidence={"count": float(count), "stated": float(stated), "bases": [float(b) for b in bases]},
                )
