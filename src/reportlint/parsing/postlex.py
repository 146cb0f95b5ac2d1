"""Rewrites the grammar's line tokens where one line of lookahead is not enough for LALR.

Three decisions need the lines around a line:

* a blank line between two one-cell-per-line cells is a row break (``_ROW_BREAK``); anywhere
  else it is dropped, and a pipe or tab row after it starts a new table;
* every table starts with ``_TABLE_START``, so the grammar never has to guess where a table ends;
* a short untabbed line sandwiched between cells is the second half of a cell label broken over
  two lines (``本年新`` / ``制作数量``): it becomes ``CELL_CONT``;
* a ``一、``-style line is a section heading only if its numeral moves the section count forward
  (``四、结转下年度继续办理`` inside table 3 does not) and it is not wedged between table lines.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from lark import Token

from reportlint.parsing.numerals import heading_number

TABLE_LINE_TYPES = frozenset({"CELL", "TAB_ROW", "PIPE_ROW", "PIPE_RULE"})
_CELL_TYPES = frozenset({"CELL", "CELL_CONT"})
_PIPE_TYPES = frozenset({"PIPE_ROW", "PIPE_RULE"})
# A broken cell label is short; a longer untabbed line next to a table is prose.
MAX_CONTINUATION_LENGTH = 24
# Real headings are short; "一、" opening a long paragraph is an enumerated item.
MAX_HEADING_LENGTH = 80
# How far a heading numeral may jump ahead (a report that skips one or two sections).
MAX_SECTION_JUMP = 3


def _family(kind: str | None) -> str | None:
    """Which table layout a line type belongs to (None: not a table line)."""
    if kind in _CELL_TYPES:
        return "cells"
    if kind in _PIPE_TYPES:
        return "pipe"
    if kind == "TAB_ROW":
        return "tabs"
    return None


def _group_lines(tokens: Iterable[Token]) -> list[tuple[Token | None, Token]]:
    """Pair every content token with the newline after it; a blank line has no content."""
    lines: list[tuple[Token | None, Token]] = []
    pending: Token | None = None
    for token in tokens:
        if token.type == "_NL":
            lines.append((pending, token))
            pending = None
        else:
            pending = token
    if pending is not None:  # the normaliser guarantees a final newline; be safe anyway
        lines.append((pending, Token("_NL", "\n", pending.end_pos, pending.end_line, pending.end_column)))
    return lines


def _is_blank(content: Token | None) -> bool:
    # A line holding only a tab is an empty table cell, not a blank line; a TEXT line of spaces
    # is one that error recovery blanked out.
    return content is None or (content.type == "TEXT" and not content.strip())


class ReportPostLexer:
    """A lark ``postlex`` object (``process`` and ``always_accept``)."""

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        lines = _group_lines(stream)
        count = len(lines)
        # For each line, the index of the next non-blank line (count if none).
        next_content = [count] * (count + 1)
        for index in range(count - 1, -1, -1):
            next_content[index] = index if not _is_blank(lines[index][0]) else next_content[index + 1]

        def type_at(index: int) -> str | None:
            if 0 <= index < count and not _is_blank(lines[index][0]):
                return lines[index][0].type  # type: ignore[union-attr]
            return None

        last_section = 0
        previous_type: str | None = None  # type of the previous emitted content line
        previous_adjacent = False  # was the previous content line directly above this one?
        index = 0
        while index < count:
            content, newline = lines[index]
            if _is_blank(content):
                following = next_content[index]
                following_type = type_at(following)
                row_break = previous_type in _CELL_TYPES and following_type == "CELL"
                if row_break:
                    yield Token("_ROW_BREAK", "", newline.start_pos, newline.line, newline.column)
                else:
                    previous_type = None  # a blank line ends a pipe or tab table
                index = following
                previous_adjacent = False
                continue
            assert content is not None
            kind = content.type
            below = type_at(index + 1)
            above_is_table = previous_adjacent and previous_type in TABLE_LINE_TYPES | {"CELL_CONT"}
            if kind == "TEXT" and previous_adjacent and previous_type in _CELL_TYPES:
                if len(content) <= MAX_CONTINUATION_LENGTH and type_at(next_content[index + 1]) == "CELL":
                    kind = "CELL_CONT"
            elif kind == "HEADING":
                number = heading_number(content)
                if above_is_table and below in TABLE_LINE_TYPES:
                    # Wedged inside a table: a row label that lost its tab, not a section.
                    kind = "CELL" if previous_type in _CELL_TYPES else "TAB_ROW" if previous_type == "TAB_ROW" else "TEXT"
                elif (
                    number is None
                    or len(content) > MAX_HEADING_LENGTH
                    or not last_section < number <= last_section + MAX_SECTION_JUMP
                ):
                    kind = "TEXT"
                else:
                    last_section = number
            elif kind == "ATTACHMENT":
                last_section = 0
            if kind != content.type:
                content = Token.new_borrow_pos(kind, str(content), content)
            if kind in TABLE_LINE_TYPES and _family(kind) != _family(previous_type):
                yield Token.new_borrow_pos("_TABLE_START", "", content)
            yield content
            yield newline
            previous_type = kind
            previous_adjacent = True
            index += 1
