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
* a numbered line that carries values (``四、结转下年度继续办理 0 0 0``) or whose next line is a row of
  numbers is a table row label, not a section heading;
* a browser's copy of a table whose cells hold paragraphs comes out as one line per paragraph,
  a line holding only a tab between cells and blank lines around both: those lines are gathered
  back into rows;
* a PDF's text layer wraps paragraphs at a fixed width: where most lines of prose have one
  length, a line of that length that does not end a sentence is joined with the next;
* finally the lines of each one-cell-per-line row are gathered into one ``CELL_ROW`` token, so
  the parser handles a row at once, as it does a pipe or tab row."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from lark import Token

from reportlint.parsing.numerals import heading_number

TABLE_LINE_TYPES = frozenset({"CELL", "CELL_ROW", "TAB_ROW", "PIPE_ROW", "PIPE_RULE"})
_CELL_TYPES = frozenset({"CELL", "CELL_CONT"})
_PIPE_TYPES = frozenset({"PIPE_ROW", "PIPE_RULE"})
# A broken cell label is short; a longer untabbed line next to a table is prose.
MAX_CONTINUATION_LENGTH = 24
# Real headings are short; "一、" opening a long paragraph is an enumerated item.
MAX_HEADING_LENGTH = 80
# How far a heading numeral may jump ahead (a report that skips one or two sections).
MAX_SECTION_JUMP = 3


# Which table layout a line type belongs to (absent: not a table line).
_FAMILY = {"CELL": "cells", "CELL_CONT": "cells", "CELL_ROW": "cells", "PIPE_ROW": "pipe", "PIPE_RULE": "pipe",
           "TAB_ROW": "tabs"}
_TABLE_OR_CONTINUATION = TABLE_LINE_TYPES | {"CELL_CONT", "CELL_ROW"}
# Lines that are not table lines: what a browser's copy of a table cell comes out as.
_PLAIN_TYPES = frozenset({"TEXT", "HEADING", "DATE", "ATTACHMENT"})
# A row of figures: two or more numbers (or placeholders) separated by spaces.
_NUMBER = r"(?:[-+]?\d[\d,]*(?:\.\d+)?%?|[/—－-]{1,2})"
_FIGURES = re.compile(rf"{_NUMBER}(?:[ \t]+{_NUMBER})+")
# A label followed by its figures: spaced (…继续办理 0 0 0) or run together (…继续办理0000000).
_LABEL_WITH_FIGURES = re.compile(rf"[^\d\s].*?(?:[ \t]+{_NUMBER}(?:[ \t]+{_NUMBER})+|[^\d\s.、．]\d{{4,}})")
# A browser copy keeps a paragraph within a cell one blank line from the next.
_CELL_PARAGRAPH_GAP = 2




class RowToken(Token):
    """A one-cell-per-line table row as one token; ``cells`` holds each cell's line tokens (a
    CELL line, then any CELL_CONT lines)."""

    __slots__ = ("cells",)


def _row_token(cells: list[list[Token]]) -> RowToken:
    first, last = cells[0][0], cells[-1][-1]
    token = RowToken("CELL_ROW", "", first.start_pos, first.line, first.column, last.end_line, last.end_column, last.end_pos)
    token.cells = cells
    return token


# A cell holds a label or a figure; a tab-indented line of prose is a paragraph (a browser's copy
# of a page whose paragraphs start with a tab, or Word's first-line indent typed as a tab).
MAX_CELL_LENGTH = 80
_PROSE_MARK = re.compile(r"[。；！？]")


def _untabbed(line: Token, kind: str) -> Token:
    text = str(line)
    stripped = text.lstrip("\t ")
    skipped = len(text) - len(stripped)
    return Token(kind, stripped, line.start_pos + skipped, line.line, line.column + skipped, line.end_line,
                 line.end_column, line.end_pos)


def _indented_paragraphs(lines: list[Token]) -> list[Token]:
    """Tab-indented lines that are prose, not cells: a line of sentences, and a line among such
    lines (a heading between two indented paragraphs)."""
    if not any(line.type == "CELL" and _PROSE_MARK.search(line) for line in lines):
        return lines
    out = [_untabbed(line, "TEXT") if line.type == "CELL" and (_PROSE_MARK.search(line) or len(line) > MAX_CELL_LENGTH)
           else line for line in lines]
    for index, line in enumerate(out):
        if line.type != "CELL" or not line.strip():
            continue
        before = out[index - 1] if index else None
        after = out[index + 1] if index + 1 < len(out) else None
        if all(neighbour is None or neighbour.type != "CELL" for neighbour in (before, after)):
            kind = "HEADING" if heading_number(line.strip()) is not None else "TEXT"
            out[index] = _untabbed(line, kind)
    return out


def _is_separator(line: Token) -> bool:
    """A line of tabs only (and the spaces an empty cell left): cell boundaries in a browser's
    copy — one tab per boundary, so "\t \t \t" stands between two cells with two empty ones."""
    return line.type in ("CELL", "TAB_ROW") and not line.strip(" \t")


def _browser_rows(lines: list[Token]) -> list[Token]:
    """Rows of a browser's copy of a table whose cells hold paragraphs: every paragraph on a line
    of its own between blank lines, a line holding only a tab between two cells. A tab-only line
    among plain lines (a Word copy puts it among tab-indented cell lines) is such a separator;
    the cells around it are gathered into one ``CELL_ROW`` token. An empty cell is a separator
    with no paragraph after it."""
    count = len(lines)

    def separates(index: int) -> bool:
        if not _is_separator(lines[index]):
            return False
        before = next((lines[i] for i in range(index - 1, -1, -1) if not _is_separator(lines[i])), None)
        after = next((lines[i] for i in range(index + 1, count) if not _is_separator(lines[i])), None)
        return all(neighbour is None or neighbour.type in _PLAIN_TYPES for neighbour in (before, after))

    def continues_cell(index: int) -> bool:
        """Whether the lines from ``index`` on, each at most one blank line below the one before,
        lead to a separator: then they are further paragraphs (or <br> lines) of a cell."""
        while index < count and lines[index].line - lines[index - 1].line <= _CELL_PARAGRAPH_GAP:
            if index in is_separator:
                return True
            if lines[index].type not in _PLAIN_TYPES or lines[index].type == "HEADING":
                return False  # a heading ends the table: it does not continue a cell
            index += 1
        return False

    separators = [index for index in range(count) if separates(index)]
    if len(separators) < 3:  # a stray tab-only line in prose is not a table
        return lines
    exploded = _inline_cells(lines)
    if len(exploded) != count:  # cells written on the separators' own lines ("\t0\t"): again, finer
        lines, count = exploded, len(exploded)
        separators = [index for index in range(count) if separates(index)]
    is_separator = set(separators)
    out: list[Token] = []
    index = 0
    while index < count:
        line = lines[index]
        starts_row = index in is_separator or (
            line.type in _PLAIN_TYPES and index + 1 < count and index + 1 in is_separator)
        if not starts_row:
            out.append(line)
            index += 1
            continue
        cells: list[list[Token]] = [[]]
        # Earlier paragraphs of the row's first cell (结 / 果 / 维 / 持) were passed over as text.
        while (out and out[-1].type == "TEXT" and len(out[-1]) <= MAX_CONTINUATION_LENGTH and index not in is_separator
               and (cells[0][0] if cells[0] else line).line - out[-1].line <= _CELL_PARAGRAPH_GAP):
            cells[0].insert(0, out.pop())
        while index < count:
            line = lines[index]
            if index in is_separator:
                for _ in range(max(1, line.count("\t"))):
                    if not cells[-1]:
                        cells[-1].append(line)  # an empty cell: placed at its separator
                    cells.append([])
            elif line.type not in _PLAIN_TYPES or (line.type == "HEADING" and len(cells) > 1 and not cells[-1]):
                break  # a numbered heading after a row's last tab is the next section, not a cell
            elif len(cells) > 1 and not cells[-1] and line.line - lines[index - 1].end_line > _CELL_PARAGRAPH_GAP + 1:
                # Far below the row's last tab: that tab closed an empty last cell (an &nbsp; the
                # copy dropped), and this line begins the next row.
                cells[-1].append(lines[index - 1])
                break
            elif not cells[-1] or continues_cell(index):
                # The cell's first paragraph, or a further one of the same cell (商业 / 企业); a
                # paragraph after a row's last cell starts the next row instead.
                cells[-1].append(line)
            else:
                break
            index += 1
        if not cells[-1]:
            cells.pop()
        out.append(_row_token(cells))
    return out


class WrappedToken(Token):
    """Lines of one paragraph that a PDF's text layer wrapped, joined; ``breaks`` says where in
    the joined text each line break stood."""

    __slots__ = ("breaks",)


# Prose a PDF wrapped: most lines this long or longer share one length (±), and there are enough.
MIN_WRAPPED_LINES = 8
MIN_WRAPPED_SHARE = 0.4
_SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";")
_LINE_START_ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]{1,3})")


def _wrap_width(lines: list[Token]) -> int | None:
    """The width a text layer wrapped its prose at, if it did."""
    lengths = [len(line) for line in lines if line.type in ("TEXT", "HEADING") and len(line) >= 12]
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    from collections import Counter

    width, _ = Counter(lengths).most_common(1)[0]
    near = sum(1 for length in lengths if width - 3 <= length <= width + 2)
    return width if near >= MIN_WRAPPED_SHARE * len(lengths) else None


def _is_prose(line: Token) -> bool:
    cjk = sum(1 for char in line if "\u4e00" <= char <= "\u9fff")
    return cjk * 2 >= len(line)


def _join_wrapped(lines: list[Token]) -> list[Token]:
    """Paragraphs a PDF's text layer wrapped at a fixed width, each joined into one token."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list[Token] = []
    for line in lines:
        previous = out[-1] if out else None
        if (previous is not None and line.type == "TEXT" and previous.type == "TEXT"
                and line.line == previous.end_line + 1
                and _last_line_length(previous) >= width - 3 and not previous.endswith(_SENTENCE_END)
                and _is_prose(previous) and _is_prose(line) and not _LINE_START_ENUMERATOR.match(line)):
            joined = WrappedToken("TEXT", str(previous) + str(line), previous.start_pos, previous.line, previous.column,
                                  line.end_line, line.end_column, line.end_pos)
            joined.breaks = (*getattr(previous, "breaks", ()), len(previous))
            out[-1] = joined
            continue
        out.append(line)
    return out


def _last_line_length(token: Token) -> int:
    breaks = getattr(token, "breaks", ())
    return len(token) - (breaks[-1] if breaks else 0)


def _inline_cells(lines: list[Token]) -> list[Token]:
    """In a browser's copy, a cell without paragraphs comes out on its separators' line
    (``\t0\t``): such a line, alone between blank lines, is split into its separators and cells."""
    out: list[Token] = []
    for index, line in enumerate(lines):
        alone = (index == 0 or line.line - lines[index - 1].end_line >= _CELL_PARAGRAPH_GAP) and (
            index + 1 == len(lines) or lines[index + 1].line - line.line >= _CELL_PARAGRAPH_GAP)
        if line.type != "TAB_ROW" or not alone or not str(line).startswith("\t") or not str(line).strip(" \t"):
            out.append(line)
            continue
        text, offset = str(line), 0
        for piece in re.split(r"(\t)", text):
            if piece == "\t":
                out.append(Token("CELL", "\t", line.start_pos + offset, line.line, line.column + offset, line.line,
                                 line.column + offset + 1, line.start_pos + offset + 1))
            elif piece.strip():
                lead = len(piece) - len(piece.lstrip())
                value = piece.strip()
                start = line.start_pos + offset + lead
                out.append(Token("TEXT", value, start, line.line, line.column + offset + lead, line.line,
                                 line.column + offset + lead + len(value), start + len(value)))
            offset += len(piece)
    return out


def _row_label_with_figures(line: Token, following: Token | None) -> bool:
    """``四、结转下年度继续办理 0 0 0 0`` or ``四、结转下年度继续办理`` above a line of figures: a table row
    label (a PDF's text layer, a crawler's flattened text), not section 四."""
    if _LABEL_WITH_FIGURES.fullmatch(line):
        return True
    return following is not None and following.line == line.line + 1 and bool(_FIGURES.fullmatch(following))


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
        lines = _join_wrapped(_browser_rows(_indented_paragraphs(lines)))
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
                elif not (previous_type == "CELL_ROW" and content.type == "CELL_ROW"):
                    previous_type = None  # a blank line ends a pipe or tab table (not a browser copy's rows)
            previous_line = content.end_line
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
                elif _row_label_with_figures(content, following):
                    kind = "TEXT"
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
