"""Tables as streams of labels and values, whatever the layout they reached us in.

A table copied out of Word has one cell per line; a browser's copy has a line per row with tabs,
and its merged rows (第二十条第（五）项) as plain lines; a PDF's text layer puts a label on one line
and its figures on the next; a crawler runs the whole table together on one line. What every
form keeps is the order: labels and the values after them. So the binder reads a table as a
*region* of the document — the parsed tables and the paragraphs around them that are made of
the template's labels and figures — cut into physical rows of cells (:class:`Row`), and lets the
template say where one logical row ends and the next begins.

This module finds those regions and turns paragraphs into rows of cells; the binders in
``reportlint.binding`` read them.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator, NamedTuple, Sequence

from reportlint.binding.values import is_value_text, read_value
from reportlint.parsing.ast import Attachment, Block, Cell, DateLine, Document, Paragraph, Row, Section, Table
from reportlint.source import Span
from reportlint.templates import TemplateSpec, is_annotation, label_base, label_key

__all__ = ["Region", "find_regions", "paragraph_row"]

# Page furniture a PDF's text layer leaves between table rows: -3-, — 3 —, 第3页, 第 3 页 共 5 页, 3/5.
_PAGE_FURNITURE = re.compile(r"[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}")
# Cells are set apart by spaces, or by pipes (a Markdown converter that writes rows as "规章| 0| 0| 0").
_WHITESPACE_CHUNK = re.compile(r"[^\s|]+")
_EMPTY_PIPE_CELL = re.compile(r"\|(?=[ \t\u3000\xa0]*(?:\||$))")
# Inside a chunk with no spaces: runs of figures (digits with their point or thousands commas).
_FIGURE_RUN = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?")
# A run of figures directly followed by an enumerated label ("00000002.其他…"): its last digit
# is the label's enumerator.
_ENUMERATOR_AFTER = re.compile(r"[.、．](?!\d)")
# Prose, not a table: sentence punctuation outside any label.
_SENTENCE_PUNCTUATION = re.compile(r"[。；;！？]")
# A fragment of a label that a narrow PDF column wrapped (…只计这一情形，不 / 计其他情形）); with
# figures beside it, the middle line of a label wrapped over three (正、行政机关不再处理其政府信 67 3 0 …).
MAX_FRAGMENT_LENGTH = 24
MAX_FRAGMENT_WITH_FIGURES = 40
MAX_STRAY_CHARACTERS = 4
# A run of digits standing alone where a row needs several cells may be those cells run together
# (…予以公开 210000021); the binder splits it only where the row's width and equations say so.
MIN_RUN_DIGITS = 1
# Text opening with an enumerator is a label's start even when the rest was wrapped away: （五）不.
_ENUMERATED = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|[1-9][.、．])")


class Region(NamedTuple):
    """Consecutive blocks of one container that together hold one table."""

    key: str
    attachment: Attachment | None
    section: Section | None
    tables: tuple[Table, ...]  # the parsed tables among the blocks
    rows: tuple[Row, ...]  # every block as physical rows of cells, in reading order
    span: Span
    # Value cells a crawler ran together with their label (…申请数量801000081): the digits of
    # several cells, to be split where the template's equations allow only one way.
    glued: frozenset[int]


class _Tokens(NamedTuple):
    row: Row
    labels: int  # labels of the template among its cells
    unknown: int  # characters of text that is neither a template label nor a figure
    glued: tuple[int, ...]
    label_chars: int = 0  # characters of those labels

    @property
    def mostly_labels(self) -> bool:
        """Labels and figures with at most a stray character or two beside them (a PDF's text
        layer prints a vertical group label one character a line: 本 / 年 / 度 …)."""
        return self.unknown <= max(MAX_STRAY_CHARACTERS, self.label_chars // 3)


def _cell(paragraph: Paragraph, start: int, end: int) -> Cell:
    return Cell(paragraph.text[start:end], paragraph.start + start, paragraph.start + end, paragraph.source_map)


def _split_chunk(spec: TemplateSpec, text: str, offset: int) -> Iterator[tuple[int, int, str]]:
    """The pieces of a chunk without spaces: (start, end, kind) with kind label | value | text."""
    position = 0
    for start, end in spec.label_scanner.find(text):
        if start > position:
            yield from _split_gap(text, position, start, offset)
        yield offset + start, offset + end, "label"
        position = end
    if position < len(text):
        yield from _split_gap(text, position, len(text), offset)


def _split_gap(text: str, start: int, end: int, offset: int) -> Iterator[tuple[int, int, str]]:
    """Text between labels: figures and whatever else is there."""
    position = start
    for match in _FIGURE_RUN.finditer(text, start, end):
        figure_start, figure_end = match.span()
        if _ENUMERATOR_AFTER.match(text, figure_end) and text[figure_end - 1].isdigit():
            figure_end -= 1  # "00000002.其他…", "5.要求…": the last digit is the next label's enumerator
            if figure_end == figure_start:
                continue
        if figure_start > position:
            yield offset + position, offset + figure_start, "text"
        if figure_end > figure_start:
            yield offset + figure_start, offset + figure_end, "value"
        position = figure_end
    if position < end:
        yield offset + position, offset + end, "text"


def _names_something(spec: TemplateSpec, text: str) -> bool:
    """Whether text the scanner passed over still names a row, column or block (a misprint:
    2.其他法律行政止公开)."""
    if len(text) < 2:
        return False
    for table in spec.tables.values():
        if table.has_header_note(text):
            return True
        if table.row_index.find(text) or table.column_index.find(text) or (table.blocks and table.block_index.find(text)):
            return True
    return False


def _tokenize(spec: TemplateSpec, paragraph: Paragraph) -> _Tokens:
    """A paragraph as one row of cells: the template's labels, figures, and other text."""
    text = paragraph.text
    label = text.lstrip("#").strip()
    if " " in label and any(label_key(label) in table.all_labels for table in spec.tables.values()):
        # One label with spaces in it (（二） 部分公开 (区分处理的, 只计这一情形, 不计其他情形)): one cell.
        start = text.index(label)
        return _Tokens(Row((_cell(paragraph, start, start + len(label)),), paragraph.start,
                           paragraph.start + len(text), paragraph.source_map), 1, 0, (), len(label))
    cells: list[Cell] = []
    labels = unknown = label_chars = 0
    glued: list[int] = []
    for chunk in _WHITESPACE_CHUNK.finditer(text):
        chunk_text = chunk.group()
        if not chunk_text.strip("#"):
            continue  # a Markdown heading's marks (### 第二十条第（一）项): markup, not a cell
        if is_value_text(chunk_text):
            if chunk_text.isdigit() and len(chunk_text) >= MIN_RUN_DIGITS:
                glued.append(paragraph.start + chunk.start())  # may be several cells run together
            cells.append(_cell(paragraph, *chunk.span()))
            continue
        previous_kind = None
        for start, end, kind in _split_chunk(spec, chunk_text, chunk.start()):
            piece = text[start:end]
            if kind == "value":
                if previous_kind == "label" or (piece.isdigit() and len(piece) >= MIN_RUN_DIGITS):
                    glued.append(paragraph.start + start)
            elif kind == "label":
                labels += 1
                label_chars += len(piece)
            elif previous_kind == "label" and piece.startswith(("(", "（")) and is_annotation(piece):
                # The label's unit or note (采购总金额(万元)): part of its cell.
                last = cells.pop()
                label_chars += len(piece)
                start = last.start - paragraph.start
                kind = "label"
            elif previous_kind == "value" and read_value("0" + piece).unit:
                # A unit run on after its figure (政府集中采购 328291965元): not a cell, and no
                # row label; the figures stay a digit run that may hold several cells.
                continue
            elif _names_something(spec, piece) or _ENUMERATED.match(piece):
                labels += 1
                label_chars += len(piece)
                kind = "label"
            elif piece.strip("，,、:：()（）*·.．"):
                unknown += len(piece)
                if cells and previous_kind == "text":  # text next to text: one cell
                    last = cells.pop()
                    start = last.start - paragraph.start
            cells.append(_cell(paragraph, start, end))
            previous_kind = kind
    if "|" in text:
        cells = sorted((*cells, *_blank_pipe_cells(paragraph)), key=lambda cell: cell.start)
    return _Tokens(Row(tuple(cells), paragraph.start, paragraph.start + len(text), paragraph.source_map),
                   labels, unknown, tuple(glued), label_chars)


def _blank_pipe_cells(paragraph: Paragraph) -> list[Cell]:
    """Cells separated by pipes without the outer ones (html2text: 一、本年新收… |  26 |  |  |  26):
    an empty cell between two pipes, or after the last, is a blank cell of the row. Pipes run
    together, or trailing a line of one cell, are a converter's debris (46209 | ||), not cells."""
    blanks: list[Cell] = []
    offset = 0
    for line in paragraph.text.split("\n"):
        if "||" not in line and sum(1 for part in line.split("|") if part.strip()) >= 2:
            blanks.extend(_cell(paragraph, offset + match.end(), offset + match.end())
                          for match in _EMPTY_PIPE_CELL.finditer(line))
        offset += len(line) + 1
    return blanks


def paragraph_row(spec: TemplateSpec, paragraph: Paragraph) -> Row:
    return _tokenize(spec, paragraph).row


# ---------------------------------------------------------------------------------------------
# Regions


class _Piece(NamedTuple):
    block: Block
    rows: tuple[Row, ...]
    key: str | None  # the table its labels name, when they name one
    strength: str  # table | figures | labels | fragment
    glued: tuple[int, ...] = ()
    labels: int = 0  # the template's labels among its cells


def _votes(spec: TemplateSpec, cells: Iterable[Cell]) -> tuple[Counter, Counter]:
    """Each table's share of the labels among ``cells``, and how many different labels it got."""
    votes: Counter = Counter()
    named: dict[str, set[str]] = {}
    for cell in cells:
        if not cell.text or is_value_text(cell.text):
            continue
        key = label_key(cell.text)
        base = label_base(key)
        owners = [table.key for table in spec.tables.values()
                  if key in table.all_labels or base in table.all_labels
                  or table.has_header_note(cell.text)]
        for owner in owners:
            votes[owner] += 1 / len(owners)
            named.setdefault(owner, set()).add(base)
    return votes, Counter({owner: len(labels) for owner, labels in named.items()})


def _winner(votes: Counter) -> str | None:
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] <= 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _key(spec: TemplateSpec, cells: Iterable[Cell], section_table: str | None) -> str | None:
    """The table a piece's labels name. Inside a section whose template table is another one,
    one label (其他, 总计: words several tables use), however often repeated, is not enough to
    say so."""
    votes, distinct = _votes(spec, cells)
    winner = _winner(votes)
    if winner is not None and section_table is not None and winner != section_table and (
            votes[winner] < 2 or distinct[winner] < 2):
        return None
    return winner


def _piece(spec: TemplateSpec, block: Block, section_table: str | None = None) -> _Piece | None:
    if isinstance(block, Table):
        cells = [cell for row in block.rows for cell in row.cells]
        return _Piece(block, block.rows, _key(spec, cells, section_table), "table")
    if not isinstance(block, Paragraph) or block.start < 0:
        return None
    text = block.text
    if _PAGE_FURNITURE.fullmatch(text):
        return _Piece(block, (), None, "furniture")
    tokens = _tokenize(spec, block)
    cells = tokens.row.cells
    if not cells:
        return None
    values = sum(1 for cell in cells if is_value_text(cell.text))
    if any(table.has_header_note(text) for table in spec.tables.values()):
        # Table 3's note (本列数据的勾稽关系为…), whatever a text layer ran into it.
        return _Piece(block, (tokens.row,), _key(spec, cells, section_table), "labels", tokens.glued,
                      max(tokens.labels, 1))
    if tokens.unknown == 0 and (tokens.labels or values):
        prose_outside_labels = False
    else:
        prose_outside_labels = bool(_SENTENCE_PUNCTUATION.search(text))
    if (tokens.unknown == 0 or (tokens.labels and tokens.mostly_labels)) and not prose_outside_labels:
        strength = "labels" if tokens.labels else "figures"
        return _Piece(block, (tokens.row,), _key(spec, cells, section_table), strength, tokens.glued,
                      tokens.labels)
    if not prose_outside_labels and not _SENTENCE_PUNCTUATION.search(text) and (
            len(text) <= MAX_FRAGMENT_LENGTH or (values and len(text) <= MAX_FRAGMENT_WITH_FIGURES + 8 * values)):
        return _Piece(block, (tokens.row,), None, "fragment", tokens.glued, tokens.labels)
    return None


def _runs(spec: TemplateSpec, blocks: Sequence[Block], section_table: str | None) -> Iterator[list[_Piece]]:
    """Maximal runs of table-like blocks; fragments and page furniture only inside a run."""
    run: list[_Piece] = []
    for block in blocks:
        piece = None if isinstance(block, DateLine) else _piece(spec, block, section_table)
        if piece is None:
            if run:
                yield run
            run = []
            embedded = _embedded_table(spec, block, section_table) if isinstance(block, Paragraph) else None
            if embedded is not None:
                yield [embedded]
            continue
        run.append(piece)
    if run:
        yield run


# A table run into a paragraph of prose holds at least this many of the template's labels.
MIN_EMBEDDED_LABELS = 4
_TRAILING_FIGURES = re.compile(r"(?:\s*[+-]?\d[\d,]*(?:\.\d+)?%?)+")


def _embedded_table(spec: TemplateSpec, paragraph: Paragraph, section_table: str | None) -> _Piece | None:
    """A table a crawler ran into the prose around it (…的数量2022年…。 第二十条第（一）项信息内容…
    行政事业性收费9116.36 (二)主动公开…): the stretch from its first label to the figures after its
    last, with no sentence end inside, read as a paragraph of its own."""
    text = paragraph.text
    found = spec.label_scanner.find(text)
    if len(found) < MIN_EMBEDDED_LABELS or paragraph.start < 0 or paragraph.breaks:
        return None
    start = found[0][0]
    for label_start, label_end in found[1:]:
        if _SENTENCE_PUNCTUATION.search(text, start, label_start):
            start = label_start  # prose between: the table starts further on
    last_end = found[-1][1]
    figures = _TRAILING_FIGURES.match(text, last_end)
    end = figures.end() if figures else last_end
    inside = [span for span in found if span[0] >= start]
    if len(inside) < MIN_EMBEDDED_LABELS or _SENTENCE_PUNCTUATION.search(text, start, end):
        return None
    stretch = Paragraph(text[start:end], paragraph.span_of(start, end), start=paragraph.start + start,
                        source_map=paragraph.source_map)
    piece = _piece(spec, stretch, section_table)
    return piece if piece is not None and piece.strength in ("labels", "figures") else None


def _trim(run: list[_Piece]) -> list[_Piece]:
    weak = ("fragment", "furniture")
    start, end = 0, len(run)
    while start < end and run[start].strength in weak:
        start += 1
    while end > start and run[end - 1].strength in weak:
        end -= 1
    return run[start:end]


def _group(run: list[_Piece], fallback: str | None) -> Iterator[tuple[str, list[_Piece]]]:
    """Split a run where its pieces change table; a piece naming none joins its neighbours."""
    keys: list[str | None] = [piece.key for piece in run]
    # A piece without a key of its own belongs with the table before it (a row of figures, a
    # wrapped label), or with the one after it when nothing came before.
    last = None
    for index, key in enumerate(keys):
        if key is None:
            keys[index] = last
        else:
            last = key
    following = None
    for index in range(len(keys) - 1, -1, -1):
        if keys[index] is None:
            keys[index] = following
        else:
            following = keys[index]
    group: list[_Piece] = []
    group_key = None
    for piece, key in zip(run, keys):
        key = key or fallback
        if group and key != group_key:
            if group_key:
                yield group_key, group
            group = []
        group_key = key
        group.append(piece)
    if group and group_key:
        yield group_key, group


def _enough(pieces: list[_Piece]) -> bool:
    """A region made only of paragraphs is a table when it holds two of the template's labels
    and a figure (a page's navigation after the article — 图片解读 / - / - — holds no label)."""
    if any(piece.strength == "table" for piece in pieces):
        return True
    labels = sum(piece.labels for piece in pieces)
    values = sum(1 for piece in pieces for row in piece.rows for cell in row.cells if cell.text and is_value_text(cell.text))
    return labels >= 2 and values >= 1


def find_regions(spec: TemplateSpec, document: Document, section_tables: dict[int, str]) -> list[Region]:
    """Every region of the document that holds one of the template's tables, in reading order.
    ``section_tables`` maps a section (by id) to the table its template section holds."""
    containers: list[tuple[Attachment | None, Section | None, tuple[Block, ...]]] = [(None, None, document.preamble)]
    containers += [(None, section, section.blocks) for section in document.sections]
    for attachment in document.attachments:
        containers.append((attachment, None, attachment.blocks))
        containers += [(attachment, section, section.blocks) for section in attachment.sections]
    regions = []
    for attachment, section, blocks in containers:
        fallback = section_tables.get(id(section)) if section is not None else None
        for run in _runs(spec, blocks, fallback):
            run = _trim(run)
            if not run:
                continue
            for key, pieces in _group(run, fallback):
                pieces = _trim(pieces)
                if not pieces or not _enough(pieces):
                    continue
                rows = tuple(row for piece in pieces for row in piece.rows)
                tables = tuple(piece.block for piece in pieces if isinstance(piece.block, Table))
                first, last = pieces[0].block, pieces[-1].block
                source_map = rows[0].source_map if rows else None
                span = (source_map.original_span(first.span.start, max(first.span.end, last.span.end))
                        if source_map is not None else first.span)
                glued = frozenset(offset for piece in pieces for offset in piece.glued)
                regions.append(Region(key, attachment, section, tables, rows, span, glued))
    return regions
