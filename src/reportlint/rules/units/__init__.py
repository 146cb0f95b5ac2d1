"""Unit rules: money cells, the units they are in, and whether the amounts are believable."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator, NamedTuple

from reportlint.binding import BoundCell, BoundReport, BoundTable

YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


class MoneyCell(NamedTuple):
    table: BoundTable
    cell: BoundCell
    unit: str | None  # None: neither the cell, its header nor the template names one
    per: BoundCell | None  # the count the amount is spread over (采购项目数量)
    decimals_allowed: int | None


def money_cells(report: BoundReport) -> Iterator[MoneyCell]:
    if report.template is None:
        return
    for entry in report.template.money:
        table = report.table(entry["table"])
        if table is None:
            continue
        row, _, column = entry["cell"].partition("/")
        cell = table.cell(row, column)
        if cell is None or not cell.value.is_number:
            continue
        block = row.partition(".")[0]
        spec_column = table.spec.column(row, column)
        # The unit the cell itself states, else its column header's, else the template's.
        if cell.value.unit in YUAN_PER_UNIT:
            unit = cell.value.unit
        elif (block, column) in table.column_units:
            unit = table.column_units[(block, column)]
        else:
            unit = (spec_column.unit or None) if spec_column is not None else None
        per = None
        if entry.get("per"):
            per_row, _, per_column = entry["per"].partition("/")
            per = table.cell(per_row, per_column)
        allowed = table.column_decimals.get((block, column), spec_column.decimals if spec_column else None)
        yield MoneyCell(table, cell, unit, per, allowed)


def yuan_text(amount: Decimal) -> str:
    """An amount in 元 written the way a reader checks it: 972.23万元, 1.57亿元."""
    if abs(amount) >= 100_000_000:
        return f"{amount / 100_000_000:.2f}亿元"
    if abs(amount) >= 10_000:
        return f"{amount / 10_000:.2f}万元"
    return f"{amount:.2f}元"
