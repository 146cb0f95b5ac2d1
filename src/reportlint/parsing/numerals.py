"""Chinese numerals and dates as they appear in report headings and signatures."""

from __future__ import annotations

import datetime as _dt
import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 一、  一.  一．  or 第一部分
# A Markdown conversion may put "## " or "**" before it.
HEADING_NUMERAL = re.compile(
    r"\s*(?:#{1,6}\s*)?(?:\*\*\s*)?(?:([一二三四五六七八九十]{1,3})\s?[、.．]|第([一二三四五六七八九十]{1,3})部分[\s、：:.．]*)"
)


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (``十二`` → 12); None if it is not one."""
    if not text:
        return None
    if "十" in text:
        tens, _, units = text.partition("十")
        if "十" in units:
            return None
        tens_value = _DIGITS.get(tens, None) if tens else 1
        units_value = _DIGITS.get(units, None) if units else 0
        if tens_value is None or units_value is None:
            return None
        return tens_value * 10 + units_value
    if len(text) == 1:
        return _DIGITS.get(text)
    return None


def heading_number(text: str) -> int | None:
    match = HEADING_NUMERAL.match(text)
    return chinese_number(match.group(1) or match.group(2)) if match else None


_ARABIC_DATE = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[.\-/](\d{1,2})[.\-/](\d{1,2}))")
_CHINESE_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")


def parse_date(text: str) -> _dt.date | None:
    """The first date in ``text``; None if there is none or it is not a real calendar date."""
    match = _ARABIC_DATE.search(text)
    if match:
        year = int(match.group(1))
        month = int(match.group(2) or match.group(4))
        day = int(match.group(3) or match.group(5))
    else:
        match = _CHINESE_DATE.search(text)
        if not match:
            return None
        year = int("".join(str(_DIGITS[c]) for c in match.group(1)))
        month = chinese_number(match.group(2)) or 0
        day = chinese_number(match.group(3)) or 0
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None
