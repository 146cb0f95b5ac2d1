"""The figures the year-over-year and peer comparisons look at, and how messages name them."""

from __future__ import annotations

from decimal import Decimal

from reportlint.rules.cross.base import CrossContext
from reportlint.rules.cross.summary import ReportSummary

# Figures that mean the same in both formats (same table, row and column keys): applications
# received and handled, decisions on licences, penalties and enforcement, fees (2021 format),
# reviews and suits.
TRACKED = [
    "applications/new/total",
    "applications/total/total",
    "proactive/art20_5.licensing/decisions",
    "proactive/art20_6.penalties/decisions",
    "proactive/art20_6.enforcement/decisions",
    "proactive/art20_8.fees/fee_amount",
    "reviews/cases/review.total",
    "reviews/cases/direct_suit.total",
    "reviews/cases/suit_after_review.total",
]


def value(report: ReportSummary, key: str) -> Decimal | None:
    return report.number(key)


def label(ctx: CrossContext, report: ReportSummary, key: str) -> str:
    table, row, column = key.split("/")
    spec = ctx.template(report.template)
    if spec is None or table not in spec.tables:
        return key
    return spec.tables[table].cell_label(row, column)


def shown(number: Decimal) -> str:
    return format(number.normalize(), "f") if number != number.to_integral() else str(int(number))
