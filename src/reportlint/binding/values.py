"""Reading one table cell: a number, a blank, a placeholder, or something else."""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal
from typing import Literal, NamedTuple

CellKind = Literal["number", "empty", "placeholder", "text"]

PLACEHOLDERS = frozenset({"/", "\\", "-", "--", "---", "—", "——", "－", "－－", "一", "无", "／", "-/-", "——/"})
_NUMBER = re.compile(
    r"^(?P<sign>[+-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?"
    r"(?P<unit>万元|亿元|元|件|个|项|条|次|篇|人次|%)?$"
)
# No count or amount in a report has more digits than a trillion yuan (13), but a crawler runs a
# row's cells together (…数量801000081; table 4's fifteen cells in one run), and the binder may
# split such a run. A longer run than any row could hold is a wall of digits, read as text, not as
# a number Python cannot even print (int() refuses past 4,300 digits).
MAX_DIGITS = 80


class CellValue(NamedTuple):
    raw: str
    kind: CellKind
    value: Decimal | None = None
    unit: str | None = None
    signed: bool = False
    decimals: int = 0
    fullwidth: bool = False

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    def as_json_number(self) -> int | float | None:
        if self.value is None:
            return None
        return int(self.value) if self.value == self.value.to_integral_value() else float(self.value)


@functools.lru_cache(maxsize=8192)  # cells repeat ("0" most of all); CellValue is immutable
def read_value(text: str) -> CellValue:
    raw = text.strip()
    if not raw:
        return CellValue(raw, "empty")
    folded = unicodedata.normalize("NFKC", raw).replace(" ", "")
    if folded in PLACEHOLDERS or raw in PLACEHOLDERS:
        return CellValue(raw, "placeholder")
    match = _NUMBER.match(folded)
    if not match:
        return CellValue(raw, "text")
    digits = match.group("digits").replace(",", "")
    fraction = match.group("fraction") or ""
    if len(digits.lstrip("0")) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
        return CellValue(raw, "text")
    value = Decimal(digits + fraction)
    if match.group("sign") == "-":
        value = -value
    return CellValue(
        raw,
        "number",
        value,
        unit=match.group("unit"),
        signed=match.group("sign") is not None,
        decimals=len(fraction) - 1 if fraction else 0,
        fullwidth=folded != raw.replace(" ", ""),
    )


@functools.lru_cache(maxsize=8192)  # asked about every cell several times while binding
def is_value_text(text: str) -> bool:
    """True for what can stand in a value cell: a number, a placeholder or nothing."""
    return read_value(text).kind != "text"
