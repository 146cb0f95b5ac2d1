import re
from decimal import Decimal

from reportlint.binding import BoundReport
from reportlint.findings import Location, Message, Severity
from reportlint.rules._examples import applications
from reportlint.rules.base import Rule, RuleContext

# Counts and percentages of bounded length, each starting where a digit run starts: on a wall of
# digits the pattern is tried once per run, not once per digit.
_SHARE = re.compile(r"(?<![\d.])(\d{1,9})\s*件[，,]?[^，。；\d]{0,8}?占(?:比|总数的|全部申请的|申请总数的)?\s*"
                    r"(?<![\d.])(\d{1,3}(?:\.\d{1,4})?)\s*[%％]")
_BASES = ("applications/total/total", "applications/new/total", "applications/new/total+applications/carried_over/total")


def _fits(exact: Decimal, stated: Decimal, decimals: int) -> bool:
    """Whether ``stated`` is ``exact`` written with ``decimals`` places, rounded or cut off
    (35/805 = 4.3478… is printed 4.35 or 4.34)."""
    unit = Decimal(1).scaleb(-decimals)
    return abs(exact - stated) <= unit / 2 + Decimal("0.000001") or Decimal(0) <= exact - stated < unit


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
    preview = True
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
                if any(_fits(count / base * 100, stated, decimals) for base in bases):
                    continue
                computed = (count / bases[0] * 100).quantize(Decimal(1) / (10 ** max(decimals, 1)))
                ctx.report(
                    paragraph.span_of(match.start(), match.end()),
                    f"正文“{match.group()}”与表三不符：{count}/{bases[0]} = {computed}%",
                    f"“{match.group()}” does not follow from table 3: {count}/{bases[0]} = {computed}%",
                    location=Location(table="applications"),
                    evidence={"count": float(count), "stated": float(stated), "bases": [float(b) for b in bases]},
                )
