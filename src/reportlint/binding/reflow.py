"""Line breaks back into text a crawler flattened to one line.

Archives of government sites often keep a page as the text of its article on a single line:
``…等六个部分。一、总体情况2022年，…二、主动公开政府信息情况第二十条第（一）项信息内容…``. The
grammar reads lines, so such a text would be one paragraph. The template knows the six section
titles, so a line that holds two or more of them, numbered, is broken before each heading and
after its title. Only line breaks are added (and the spaces around them dropped); every
finding still points into the text as it was, through the source map. The tables inside the
pieces need no breaks: the binder reads a table as a stream of labels and figures.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

from reportlint.parsing.numerals import heading_number
from reportlint.source import Source, SourceMap
from reportlint.templates import TemplateSpec

# A line this long may be a flattened page; shorter ones are left alone.
MIN_FLATTENED_LENGTH = 300
_NUMERAL = r"(?:[一二三四五六七八九十]{1,2}\s?[、.．]|第[一二三四五六七八九十]{1,2}部分[、：:]?)"
_NUMERAL_PATTERN = re.compile(_NUMERAL)


@functools.lru_cache(maxsize=8)
def _heading_pattern(templates: tuple[TemplateSpec, ...]) -> re.Pattern[str]:
    titles = {title for spec in templates for section in spec.sections for title in section.titles}
    alternatives = "|".join(re.escape(title) for title in sorted(titles, key=len, reverse=True))
    return re.compile(rf"\s*(?P<heading>{_NUMERAL}\s*(?:{alternatives}))\s*")


# A heading with a slip in its title (政府信息公开行政法复议、行政诉讼情况) still counts when this close.
MIN_TITLE_SIMILARITY = 0.85


def _near_titles(line: str, titles: tuple[str, ...], found: set[str]) -> dict[str, tuple[int, int, int, int]]:
    """Numbered headings whose title is a near miss of a template title, for the numerals the
    exact pattern did not find."""
    import difflib

    near: dict[str, tuple[int, int, int, int]] = {}
    for numeral in re.finditer(_NUMERAL, line):
        key = numeral.group().strip()
        if key in found:
            continue
        start = numeral.end()
        best = (0.0, 0)
        for title in titles:
            for size in range(len(title) - 1, len(title) + 3):
                ratio = difflib.SequenceMatcher(None, line[start:start + size], title).ratio()
                if ratio > best[0]:
                    best = (ratio, size)
        if best[0] >= MIN_TITLE_SIMILARITY:
            near[key] = (numeral.start(), numeral.start(), start + best[1], start + best[1])
    return near


def _breaks(line: str, pattern: re.Pattern[str], titles: tuple[str, ...] = ()) -> list[tuple[int, int, int, int]]:
    """(space start, heading start, heading end, space end) for each section heading in the
    line; the last occurrence of each numeral wins (a preamble may list the parts first)."""
    last: dict[str, tuple[int, int, int, int]] = {}
    for match in pattern.finditer(line):
        numeral = re.match(_NUMERAL, match.group("heading")).group()
        last[numeral.strip()] = (match.start(), match.start("heading"), match.end("heading"), match.end())
    if len(last) < 2:
        return []
    last.update(_near_titles(line, titles, set(last)))
    return sorted([*last.values(), *_headings_between(line, last)])


def _headings_between(line: str, found: dict[str, tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """A section of the report's own between two template headings whose numbers leave one
    out (四、…行政诉讼情况 … 五、信息处理费收取情况 … 六、存在的主要问题…): a break before it,
    so that its text is not read as the end of the section before."""
    numbered = sorted((number, place) for place in found.values()
                      if (number := heading_number(line[place[1]:place[2]])) is not None)
    breaks = []
    for (number, place), (following, next_place) in zip(numbered, numbered[1:]):
        if following - number != 2:
            continue
        between = [match.start() for match in _NUMERAL_PATTERN.finditer(line, place[2], next_place[1])
                   if heading_number(match.group()) == number + 1]
        if between:
            breaks.append((between[-1], between[-1], len(line), len(line)))  # a break before it only
    return breaks


# A table label this long after a full stop starts the table (short ones, 其他 or 总计, may
# open a sentence).
MIN_TABLE_LABEL = 4


def _table_starts(line: str, templates: Sequence[TemplateSpec]) -> list[int]:
    """Positions right after a sentence's full stop where a table begins (…共收到申请3条。（本列数据
    的勾稽关系为…）申请人情况…): the sentence is prose, not the table's first row."""
    starts = []
    for stop in re.finditer("。", line):
        rest = line[stop.end():stop.end() + 40].lstrip()
        for spec in templates:
            if any(table.has_header_note(rest[:12]) for table in spec.tables.values()) or any(
                    start == 0 and end >= MIN_TABLE_LABEL for start, end in spec.label_scanner.find(rest)):
                starts.append(stop.end())
                break
    return starts


def reflow(source: Source, templates: Sequence[TemplateSpec]) -> Source:
    """``source`` with line breaks around section headings where a line holds several; the same
    source when none does."""
    text = source.text
    if not templates or not any(len(line) >= MIN_FLATTENED_LENGTH for line in text.split("\n")):
        return source
    pattern = _heading_pattern(tuple(templates))
    titles = tuple(sorted({section.title for spec in templates for section in spec.sections}))
    edits: list[tuple[int, int]] = []  # replace text[start:end] with a line break
    offset = 0
    for line in text.split("\n"):
        if len(line) >= MIN_FLATTENED_LENGTH:
            for space_start, heading_start, heading_end, space_end in _breaks(line, pattern, titles):
                if heading_start > 0:
                    edits.append((offset + space_start, offset + heading_start))
                if space_end < len(line):
                    edits.append((offset + heading_end, offset + space_end))
            edits.extend((offset + start, offset + start) for start in _table_starts(line, templates))
        offset += len(line) + 1
    if not edits:
        return source
    edits.sort()
    pieces: list[str] = []
    new_starts, old_starts = [0], [0]
    position = written = 0
    for start, end in edits:
        pieces.append(text[position:start])
        written += start - position
        pieces.append("\n")
        written += 1
        position = end
        new_starts.append(written)
        old_starts.append(end)
    pieces.append(text[position:])
    reflowed = "".join(pieces)
    return source._replace(text=reflowed, map=SourceMap(text, new_starts, old_starts, then=source.map))
