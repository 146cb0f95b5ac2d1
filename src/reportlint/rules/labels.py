"""How rules name tables, rows, columns and cells in their messages."""

from __future__ import annotations

import re

from reportlint.binding import BoundTable
from reportlint.templates import TableSpec

_NOTE = re.compile(r"[（(][^（()）]{4,}[)）]$")
_NUMERALS = "一二三四五六七八九十"


def numeral(number: int) -> str:
    """一 … 十 for 1 … 10 (表三, 第四部分)."""
    return _NUMERALS[number - 1] if 1 <= number <= len(_NUMERALS) else str(number)


def table_numeral(table: BoundTable | TableSpec) -> str:
    spec = table.spec if isinstance(table, BoundTable) else table
    return numeral(spec.number)


def short_label(text: str) -> str:
    """A row or column label without its long explanatory note in brackets."""
    return _NOTE.sub("", text).strip()


def row_label(spec: TableSpec, row: str, table: BoundTable | None = None) -> str:
    found = spec.row(row)
    if found:
        return short_label(found.label)
    if table is not None and row in table.extra_rows:
        return short_label(table.extra_rows[row])
    return row


def column_label(spec: TableSpec, row: str, column: str) -> str:
    found = spec.column(row, column)
    return short_label(found.label) if found else column


def cell_label(table: BoundTable, row: str, column: str) -> str:
    """“行 / 列” as a clerk finds the cell: （七）总计 / 总计."""
    return f"{row_label(table.spec, row, table)} / {column_label(table.spec, row, column)}"
