"""Text → typed AST: the Lark LALR parser over the line grammar, plus error recovery."""

from __future__ import annotations

import functools
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.parsing.ast import (
    Attachment,
    Block,
    Cell,
    DateLine,
    Document,
    Paragraph,
    ParseIssue,
    Row,
    Section,
    Table,
)
from reportlint.parsing.numerals import HEADING_NUMERAL, heading_number, parse_date
from reportlint.source import Source, Span

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

GRAMMAR_FILE = "report.lark"
# LALR over one terminal per line, read by LineLexer with the grammar's own patterns. The
# postlexer must look at the lines after a line (is a blank line a row break?), so lexing runs
# ahead of parsing, and a contextual lexer would filter terminals by a parser state that is
# behind; nothing is lost: the line terminals are exclusive by construction, which the test
# suite checks with strict=True (collisions and conflicts).
# Each unreadable line costs one re-parse; past this many the file is not a report worth parsing.
MAX_RECOVERIES = 200
_MAX_TITLE_LENGTH = 80
_MAX_TITLE_LINES = 3
# How a title ends (报告, or 年报 in short forms); lines before it belong to the title too.
_TITLE_ENDINGS = ("报告", "年报")


def _grammar_text() -> str:
    packaged = resources.files("reportlint").joinpath("grammars", GRAMMAR_FILE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # Running from a source checkout (editable install): the grammar sits at the repository root.
    return (Path(__file__).resolve().parents[3] / "grammars" / GRAMMAR_FILE).read_text(encoding="utf-8")


@functools.cache
def get_parser() -> Lark:
    from lark import Lark

    from reportlint.parsing.line_lexer import LineLexer
    from reportlint.parsing.postlex import ReportPostLexer

    grammar = _grammar_text()
    options = dict(parser="lalr", lexer=LineLexer, postlex=ReportPostLexer(), maybe_placeholders=False)
    from reportlint.cache import user_cache_dir

    cache_dir = None if os.environ.get("REPORTLINT_NO_GRAMMAR_CACHE") else user_cache_dir()
    if cache_dir is not None:
        import hashlib

        import lark

        key = hashlib.sha256(grammar.encode("utf-8")).hexdigest()[:16]
        cache_file = cache_dir / f"grammar-{key}-lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.cache"
        try:
            return Lark(grammar, cache=str(cache_file), **options)
        except Exception:  # a corrupt or foreign cache file: rebuild without it
            try:
                cache_file.unlink()
            except OSError:
                pass
    return Lark(grammar, **options)


def parse_source(source: Source) -> Document:
    """Parse a normalised source; unreadable lines become :class:`ParseIssue` and are skipped."""
    from lark.exceptions import UnexpectedInput

    text = source.text
    issues: list[ParseIssue] = []
    parser = get_parser()
    for _ in range(MAX_RECOVERIES + 1):
        try:
            tree = parser.parse(text)
            break
        except UnexpectedInput as error:
            position = min(getattr(error, "pos_in_stream", None) or 0, max(len(text) - 1, 0))
            line_start = text.rfind("\n", 0, position) + 1
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            bad_line = text[line_start:line_end]
            culprit = next((ch for ch in bad_line if ord(ch) < 32 and ch != "\t" or ord(ch) == 127), None)
            if culprit:
                what = f"控制字符 U+{ord(culprit):04X}"
            else:  # every sequence of lines is valid, so this is a grammar defect: say so
                what = f"语法无法放置此行 (grammar could not place this line: {type(error).__name__})"
            if culprit:  # point at the character itself, not at the start of its line
                position = line_start + bad_line.index(culprit)
            issues.append(ParseIssue(what, source.map.span(position, max(position + 1, line_end)), bad_line))
            # Blank the line out with spaces so every later offset stays where it was.
            text = text[:line_start] + " " * (line_end - line_start) + text[line_end:]
    else:  # pragma: no cover - needs more than MAX_RECOVERIES broken lines
        return Document(None, (), (), (), tuple(issues), source.map.span(0, len(source.text)))
    return _Builder(source).document(tree, tuple(issues))


class _Builder:
    """Turns the Lark tree into frozen dataclasses, translating every position to the original."""

    def __init__(self, source: Source):
        self.source = source
        self.span_of = source.map.span

    def _token_span(self, token: Token) -> Span:
        return self.span_of(token.start_pos, token.end_pos)

    def _join(self, first: Span, last: Span) -> Span:
        return self.source.map.original_span(first.start, max(first.end, last.end))

    def document(self, tree: Tree, issues: tuple[ParseIssue, ...]) -> Document:
        preamble_tree, *rest = tree.children
        preamble = self.blocks(preamble_tree.children)
        sections = tuple(self.section(node) for node in rest if node.data == "section")
        attachments = tuple(self.attachment(node) for node in rest if node.data == "attachment")
        title, preamble = self._title(preamble)
        return Document(title, preamble, sections, attachments, issues, self.span_of(0, len(self.source.text)))

    def _title(self, preamble: tuple[Block, ...]) -> tuple[Paragraph | None, tuple[Block, ...]]:
        """The first short paragraph; a title set over two or three short lines (the organ on
        one, 2023年政府信息公开工作年度报告 on the next, as in PDFs) is joined into one."""
        leading = []
        for block in preamble:
            if not isinstance(block, Paragraph) or len(block.text) > _MAX_TITLE_LENGTH or len(leading) == _MAX_TITLE_LINES:
                break
            leading.append(block)
            if block.text.endswith(_TITLE_ENDINGS):
                break
        if not leading:
            return None, preamble
        if not leading[-1].text.endswith(_TITLE_ENDINGS):
            leading = leading[:1]
        text = "".join(block.text for block in leading)
        title = Paragraph(text, self._join(leading[0].span, leading[-1].span))
        return title, preamble[len(leading):]

    def _container_span(self, head: Span, blocks: tuple[Block, ...], sections: tuple[Section, ...] = ()) -> Span:
        spans = [head] + [block.span for block in blocks] + [section.span for section in sections]
        return self._join(head, max(spans, key=lambda span: span.end))

    def section(self, node: Tree) -> Section:
        heading, *items = node.children
        blocks = self.blocks(items)
        text = str(heading).strip()
        numeral_match = HEADING_NUMERAL.match(text)
        numeral = (numeral_match.group(1) or numeral_match.group(2)) if numeral_match else ""
        title = text[numeral_match.end() :] if numeral_match else text
        heading_span = self._token_span(heading)
        return Section(
            heading_number(text) or 0, numeral, title.strip(), heading_span, blocks, self._container_span(heading_span, blocks)
        )

    def attachment(self, node: Tree) -> Attachment:
        heading, *items = node.children
        blocks = self.blocks([item for item in items if getattr(item, "data", None) != "section"])
        sections = tuple(self.section(item) for item in items if getattr(item, "data", None) == "section")
        heading_span = self._token_span(heading)
        return Attachment(str(heading).strip(), heading_span, blocks, sections, self._container_span(heading_span, blocks, sections))

    def blocks(self, items: list) -> tuple[Block, ...]:
        blocks: list[Block] = []
        for item in items:
            kind = item.data
            if kind == "paragraph":
                token = item.children[0]
                if token.strip():  # lines blanked out by error recovery
                    blocks.append(Paragraph(str(token).strip(), self._token_span(token)))
            elif kind == "signature_date":
                token = item.children[0]
                blocks.append(DateLine(str(token).strip(), parse_date(str(token)), self._token_span(token)))
            elif kind == "table":
                blocks.append(self.table(item.children[0]))
        return tuple(blocks)

    def table(self, node: Tree) -> Table:
        if node.data == "cell_table":
            rows = tuple(self.cell_row(row) for row in node.children)
            layout = "cells"
        elif node.data == "tab_table":
            rows = tuple(self.split_row(row.children[0], "\t") for row in node.children)
            layout = "tabs"
        else:
            rows = tuple(self.split_row(row.children[0], "|") for row in node.children if row.data == "pipe_row")
            layout = "pipe"
        if not rows:  # a pipe table made only of separator lines
            first = node.children[0].children[0]
            rows = (Row((), first.start_pos, first.end_pos, self.source.map),)
        return Table(layout, rows, self.span_of(rows[0].start, rows[-1].end))  # type: ignore[arg-type]

    def _cell(self, token: Token, start: int, end: int) -> Cell:
        """A cell for ``token[start:end]``, trimmed, placed over the trimmed text."""
        raw = str(token)[start:end]
        stripped = raw.strip()
        left = token.start_pos + start + (raw.find(stripped) if stripped else 0)
        return Cell(stripped, left, left + len(stripped), self.source.map)

    def cell_row(self, node: Tree) -> Row:
        cells = []
        for cell_node in node.children:
            first, *continuations = cell_node.children
            parts = [self._cell(first, 0, len(first))]
            parts += [self._cell(cont.children[0], 0, len(cont.children[0])) for cont in continuations]
            text = "".join(part.text for part in parts)
            cells.append(Cell(text, parts[0].start, parts[-1].end, self.source.map))
        return Row(tuple(cells), cells[0].start, cells[-1].end, self.source.map)

    def split_row(self, token: Token, separator: str) -> Row:
        value = str(token)
        bounds = []
        start = 0
        for index, char in enumerate(value):
            if char == separator:
                bounds.append((start, index))
                start = index + 1
        bounds.append((start, len(value)))
        if separator == "|":
            # "| a | b |": the pieces before the first and after the last pipe are not cells.
            if bounds and not value[bounds[0][0] : bounds[0][1]].strip():
                bounds = bounds[1:]
            if bounds and not value[bounds[-1][0] : bounds[-1][1]].strip():
                bounds = bounds[:-1]
        cells = tuple(self._cell(token, a, b) for a, b in bounds)
        return Row(cells, token.start_pos, token.end_pos, self.source.map)


def parse_text(text: str, path: str | None = None) -> Document:
    return parse_source(Source.from_text(text, path))
