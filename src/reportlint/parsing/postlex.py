"""Rewrites the line tokens where one token of lookahead is not enough for LALR.

Tokens arrive one per non-blank line (a gap in line numbers is a blank line). Decisions that
need the lines around a line are made here:

* a blank line between two one-cell-per-line cells is a row break; anywhere else it is dropped,
  and a pipe or tab row after it starts a new table;
* every table starts with ``_TABLE_START``, so the grammar never has to guess where a table ends;
* a short untabbed line sandwiched between cells is the second half of a cell label broken over
  two lines (``本年新`` / ``制作数量``): it becomes ``CELL_CONT``;
* a ``一、``-style line is a section heading only if its numeral moves the section count forward
  (``四、结转下年度继续办理`` inside table 3 does not) and it is not wedged between table lines;
* finally the lines of each one-cell-per-line row are gathered into one ``CELL_ROW`` token, so
  the parser handles a row at once, as it does a pipe or tab row."""

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


# Which table layout a line type belongs to (absent: not a table line).
_FAMILY = {"CELL": "cells", "CELL_CONT": "cells", "PIPE_ROW": "pipe", "PIPE_RULE": "pipe", "TAB_ROW": "tabs"}
_TABLE_OR_CONTINUATION = TABLE_LINE_TYPES | {"CELL_CONT"}




class RowToken(Token):
    """A one-cell-per-line table row as one token; ``cells`` holds each cell's line tokens (a
    CELL line, then any CELL_CONT lines)."""

    __slots__ = ("cells",)


def _row_token(cells: list[list[Token]]) -> RowToken:
    first, last = cells[0][0], cells[-1][-1]
    token = RowToken("CELL_ROW", "", first.start_pos, first.line, first.column, last.end_line, last.end_column, last.end_pos)
    token.cells = cells
    return token


def _gather_rows(tokens: Iterable[Token]) -> Iterator[Token]:
    """Merge the lines of each one-cell-per-line row into one RowToken."""
    cells: list[list[Token]] = []
    for token in tokens:
        if token.type == "CELL":
            cells.append([token])
            continue
        if token.type == "CELL_CONT":
            cells[-1].append(token)
            continue
        if cells:
            yield _row_token(cells)
            cells = []
        if token.type != "_ROW_BREAK":  # the row break has done its work: rows are tokens now
            yield token
    if cells:
        yield _row_token(cells)


class ReportPostLexer:
    """A lark ``postlex`` object (``process`` and ``always_accept``). Tokens come one per
    non-blank line; a gap in their line numbers is a blank line."""

    always_accept = ("CELL",)  # a line terminal the parser never sees: it arrives inside CELL_ROW

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return _gather_rows(self._lines(stream))

    def _lines(self, stream: Iterator[Token]) -> Iterator[Token]:
        # A TEXT line of spaces is one that error recovery blanked out. (A line holding only a
        # tab is an empty table cell, not a blank line.)
        lines = [token for token in stream if token.type != "TEXT" or token.strip()]
        count = len(lines)
        last_section = 0
        previous_type: str | None = None  # type of the previous emitted line, None after a table ends
        previous_line = None
        for index, content in enumerate(lines):
            line = content.line
            adjacent = previous_line is not None and line == previous_line + 1
            if previous_line is not None and not adjacent:  # blank lines in between
                if previous_type in _CELL_TYPES and content.type == "CELL":
                    yield Token.new_borrow_pos("_ROW_BREAK", "", content)
                else:
                    previous_type = None  # a blank line ends a pipe or tab table
            previous_line = line
            kind = content.type
            # The lines below are looked at only where a decision needs them.
            if kind == "TEXT" and adjacent and previous_type in _CELL_TYPES:
                following = lines[index + 1] if index + 1 < count else None
                if len(content) <= MAX_CONTINUATION_LENGTH and following is not None and following.type == "CELL":
                    kind = "CELL_CONT"
            elif kind == "HEADING":
                number = heading_number(content)
                following = lines[index + 1] if index + 1 < count else None
                below = following.type if following is not None and following.line == line + 1 else None
                if adjacent and previous_type in _TABLE_OR_CONTINUATION and below in TABLE_LINE_TYPES:
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
            if kind in TABLE_LINE_TYPES and _FAMILY[kind] != _FAMILY.get(previous_type):  # type: ignore[arg-type]
                yield Token.new_borrow_pos("_TABLE_START", "", content)
            yield content
            previous_type = kind
