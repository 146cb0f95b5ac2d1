"""Date rules, and where a report's own date is found."""

from __future__ import annotations

from typing import NamedTuple

import datetime as dt
import re

from reportlint.binding import BoundReport
from reportlint.rules.base import RuleContext
from reportlint.parsing.numerals import parse_date
from reportlint.source import Span

_LABELLED = re.compile(
    r"(填表时间|填报时间|发布日期|发布时间|成文日期|印发日期|报告日期|日期)[:：]?\s*"
    r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})"
)


class ReportDate(NamedTuple):
    kind: str  # signature | 填表时间 | 发布日期 | …
    date: dt.date
    text: str
    span: Span


# A signature written on one line with the organ: 某某街道办事处 2021年1月13日
# Also with 印发 / 发布 after the date (…办公室 2020年1月26日印发), or the date and 印发 alone.
_SIGNED = re.compile(r"^(?:\S{2,40}?(?:局|委|办|办事处|政府|街道|镇|乡|中心|室|厅|院|会|区|县|市))?\s*"
                     r"((?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}))\s*(印发|发布|制发)?$")
# How many paragraphs at the end of a section can still be its signature block.
SIGNATURE_PARAGRAPHS = 3


def report_dates(report: BoundReport, ctx: RuleContext | None = None) -> list[ReportDate]:
    """Dates the report gives for itself: signature lines (alone, or after the organ's name at
    the end of a section) and labelled dates (填表时间, 发布日期 …). With a rule context, found
    once per report and shared by the date rules."""
    if ctx is not None:
        return ctx.shared("report-dates", lambda: report_dates(report))
    found = [ReportDate("signature", line.date, line.text, line.span) for line in report.document.dates() if line.date]
    for _, section in report.document.all_sections():
        paragraphs = list(section.paragraphs())[-SIGNATURE_PARAGRAPHS:]
        for paragraph in paragraphs:
            match = _SIGNED.match(paragraph.text)
            date = parse_date(match.group(1)) if match and (match.group(2) or match.start(1) > 0) else None
            if date:
                found.append(ReportDate("signature", date, match.group(1), paragraph.span))
    for paragraph in report.document.paragraphs():
        for match in _LABELLED.finditer(paragraph.text):
            date = parse_date(match.group(2))
            if date:
                found.append(ReportDate(match.group(1), date, match.group(0), paragraph.span))
    return found


def period_end(report: BoundReport) -> dt.date | None:
    if report.period and report.period[1]:
        return report.period[1]
    return dt.date(report.year, 12, 31) if report.year else None
