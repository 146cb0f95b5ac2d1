import datetime as dt
import re

from reportlint.binding import BoundReport
from reportlint.findings import Message, Severity
from reportlint.parsing import Paragraph
from reportlint.rules._examples import report as example
from reportlint.rules.base import Rule, RuleContext

# A date-shaped run whose parts have the wrong number of digits: 202020年, 2021年1月11111日.
_DATE_LIKE = re.compile(r"(?<!\d)(\d+)\s*年\s*(\d+)\s*月\s*(\d+)\s*日")
_LONG_YEAR = re.compile(r"(?<![\d.])(\d{5,8})\s*年(?!度?\s*\d)")
_LONG_DAY = re.compile(r"(?<!\d)20\d{2}\d{2,}\s*日")


class GarbledDate(Rule):
    """Flags dates that cannot be right: a year of five or more digits (``202020年``), digits run
    together (``202111日``), a month above 12, a day that the month does not have (2月30日).

    **Why it matters.** These come from editing a date in place (typing the new year without
    deleting the old one) and show that the report's dates were not read over.
    """

    code = "RL302"
    name = "garbled-date"
    category = "date"
    severity = Severity.ERROR
    preview = True
    summary = Message("日期明显错误或数字粘连", "A date that cannot be right, or digits run together")
    bad_example = example(tail="某某街道办事处\n\n202021年1月13日\n")
    good_example = example(tail="某某街道办事处\n\n2021年1月13日\n")

    def check(self, report: BoundReport, ctx: RuleContext) -> None:
        texts = [(p.text, p) for p in report.document.paragraphs()]
        texts += [(line.text, line) for line in report.document.dates()]
        for text, node in texts:
            if "年" not in text and "日" not in text:
                continue

            def where(match, node=node):  # the date itself, where the node can say
                return node.span_of(match.start(), match.end()) if isinstance(node, Paragraph) else node.span

            reported = False
            for match in _DATE_LIKE.finditer(text):
                year, month, day = match.group(1), int(match.group(2)), int(match.group(3))
                if len(year) != 4 or not self._valid(int(year), month, day):
                    self._report(ctx, where(match), match.group(0))
                    reported = True
            if reported:
                continue
            for pattern in (_LONG_YEAR, _LONG_DAY):
                match = pattern.search(text)
                if match:
                    self._report(ctx, where(match), match.group(0))
                    break

    @staticmethod
    def _valid(year: int, month: int, day: int) -> bool:
        try:
            dt.date(year, month, day)
        except ValueError:
            return False
        return True

    @staticmethod
    def _report(ctx: RuleContext, span, text: str) -> None:
        ctx.report(span, f"日期“{text}”有误", f"The date “{text}” is garbled", evidence={"text": text},
                   suggestion=("核对并改正该日期", "check and correct this date"))
