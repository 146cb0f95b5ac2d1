"""Text → typed AST: the Lark LALR parser over the line grammar, plus error recovery."""

from __future__ import annotations

import functools
import itertools
import os
import re
import sys
from typing import TYPE_CHECKING

from lark import Token, Transformer

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
    Signature,
    Table,
)
from reportlint.parsing.numerals import HEADING_NUMERAL, heading_number, parse_date
from reportlint.source import Source, SourceMap, Span

if TYPE_CHECKING:
    from lark import Lark

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
    # Plain file paths rather than importlib.resources (~4 ms to import with its zip readers):
    # the wheel installs the package as files, and the template specs are read the same way.
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(package, "grammars", GRAMMAR_FILE)
    if not os.path.isfile(packaged):
        # Running from a source checkout (editable install): the grammar sits at the repository root.
        packaged = os.path.join(os.path.dirname(os.path.dirname(package)), "grammars", GRAMMAR_FILE)
    with open(packaged, encoding="utf-8") as file:
        return file.read()


@functools.cache
def get_parser() -> Lark:
    from lark import Lark

    from reportlint.parsing.line_lexer import LineLexer
    from reportlint.parsing.postlex import ReportPostLexer

    grammar = _grammar_text()
    postlex = ReportPostLexer()
    options = dict(parser="lalr", lexer=LineLexer, postlex=postlex, maybe_placeholders=False, transformer=_BUILDER)
    from reportlint.cache import read_json, user_cache_dir, write_json

    # The built grammar is cached as JSON, not as lark's own pickle: unpickling a planted file
    # would run its code, and this cache is read on every run (--no-cache is about results).
    cache_dir = None if os.environ.get("REPORTLINT_NO_GRAMMAR_CACHE") else user_cache_dir()
    cache_file = None
    if cache_dir is not None:
        import hashlib

        import lark

        key = hashlib.sha256(grammar.encode("utf-8")).hexdigest()[:16]
        cache_file = os.path.join(cache_dir, f"grammar-{key}-lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.json")
        try:
            data = read_json(cache_file, object_hook=_decoder({"LineLexer": LineLexer}))
            return Lark._load_from_dict(data["data"], data["memo"], postlex=postlex, transformer=_BUILDER)
        except Exception:  # missing, damaged or from another layout: build the grammar again
            pass
    parser = Lark(grammar, **options)
    if cache_file is not None:
        try:
            from lark.grammar import Rule
            from lark.lexer import TerminalDef

            data, memo = parser.memo_serialize([TerminalDef, Rule])
            data["options"] = {name: value for name, value in data["options"].items() if name not in ("postlex", "transformer")}
            write_json(cache_file, _encode({"data": data, "memo": memo}, {LineLexer: "LineLexer"}))
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs time
    return parser


# Tags for what JSON has no form of. A key starting with NUL cannot come from the grammar.
_TUPLE, _INT_KEYS, _CLASS = "\0t", "\0m", "\0c"


def _encode(value, classes: dict):
    """lark's serialized parser as JSON: tuples, dicts with non-string keys and the classes it
    names (only those in ``classes``) tagged, so that :func:`_decoder` gives back the same data."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_encode(item, classes) for item in value]
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(item, classes) for item in value]}
    if isinstance(value, dict):
        if all(isinstance(key, str) and not key.startswith("\0") for key in value):
            return {key: _encode(item, classes) for key, item in value.items()}
        return {_INT_KEYS: [[_encode(key, classes), _encode(item, classes)] for key, item in value.items()]}
    if isinstance(value, type) and value in classes:
        return {_CLASS: classes[value]}
    raise TypeError(f"cannot cache {type(value).__name__} in the grammar")


def _decoder(classes: dict):
    """An object_hook for json.loads undoing :func:`_encode` as the JSON is read (in one pass of
    the C decoder, rather than a second walk in Python)."""
    def hook(value: dict):
        if len(value) == 1:
            (tag, content), = value.items()
            if tag == _TUPLE:
                return tuple(content)
            if tag == _INT_KEYS:
                return {key: item for key, item in content}
            if tag == _CLASS:
                return classes[content]  # KeyError for any class not named here: a miss
        return value

    return hook


def parse_source(source: Source) -> Document:
    """Parse a normalised source; unreadable lines become :class:`ParseIssue` and are skipped."""
    from lark.exceptions import UnexpectedInput

    text = source.text
    issues: list[ParseIssue] = []
    parser = get_parser()
    _BUILDER.source_map = source.map
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
    preamble, sections, attachments = tree
    title, preamble = _title(preamble, source.map)
    return Document(title, preamble, sections, attachments, tuple(issues), source.map.span(0, len(source.text)),
                    _signature(sections, source.map))


class AstBuilder(Transformer):
    """Builds the typed AST from the parser's reductions as they happen (lark's tree-less
    LALR mode: no intermediate parse tree). ``source_map`` is set before each parse."""

    source_map: SourceMap

    def _span(self, token: Token) -> Span:
        return self.source_map.span(token.start_pos, token.end_pos)

    # -- blocks -----------------------------------------------------------------------------

    def paragraph(self, children: list) -> Paragraph | None:
        token = children[0]
        if not token.strip():  # a line blanked out by error recovery
            return None
        return Paragraph(str(token).strip(), self._span(token), start=token.start_pos, source_map=self.source_map,
                         breaks=getattr(token, "breaks", ()))

    def signature_date(self, children: list) -> DateLine:
        token = children[0]
        return DateLine(str(token).strip(), parse_date(str(token)), self._span(token))

    def pipe_row(self, children: list) -> Row:
        return self._split_row(children[0], "|")

    def pipe_rule(self, children: list) -> Token:
        return children[0]  # a separator line: not a row, but it places a table made only of them

    def pipe_table(self, items: list) -> tuple[str, tuple[Row, ...], Span]:
        rows = tuple(item for item in items if isinstance(item, Row))
        return "pipe", rows, self._span(items[0]) if not rows else None

    def tab_row(self, children: list) -> Row:
        return self._split_row(children[0], "\t")

    def tab_table(self, rows: list) -> tuple[str, tuple[Row, ...], None]:
        return "tabs", tuple(rows), None

    def _line_cell(self, lines: list[Token]) -> Cell:
        """One cell from its lines: the CELL line and any CELL_CONT lines (a broken label)."""
        if len(lines) == 1:  # the usual case: a cell on one line
            return self._cell(lines[0], 0, len(lines[0]))
        parts = [self._cell(token, 0, len(token)) for token in lines]
        return Cell("".join(part.text for part in parts), parts[0].start, parts[-1].end, self.source_map)

    def cell_row(self, children: list) -> Row:
        source_map, line_cell = self.source_map, self._line_cell
        cells = tuple(_trimmed_cell(lines[0], lines[0].start_pos, source_map) if len(lines) == 1 else line_cell(lines)
                      for lines in children[0].cells)
        return Row(cells, cells[0].start, cells[-1].end, self.source_map)

    def cell_table(self, rows: list) -> tuple[str, tuple[Row, ...], None]:
        return "cells", tuple(rows), None

    def table(self, children: list) -> Table:
        layout, rows, placed = children[0]
        if not rows:  # a pipe table made only of separator lines: nothing to read
            return Table(layout, (), placed)
        return Table(layout, rows, self.source_map.span(rows[0].start, rows[-1].end))  # type: ignore[arg-type]

    # -- containers ---------------------------------------------------------------------------

    def _container_span(self, head: Span, blocks: tuple, sections: tuple = ()) -> Span:
        last = max([head] + [block.span for block in blocks] + [section.span for section in sections], key=lambda s: s.end)
        return self.source_map.original_span(head.start, max(head.end, last.end))

    def section(self, children: list) -> Section:
        heading, *items = children
        blocks = tuple(item for item in items if item is not None)
        text = str(heading).strip()
        numeral_match = HEADING_NUMERAL.match(text)
        numeral = (numeral_match.group(1) or numeral_match.group(2)) if numeral_match else ""
        title = text[numeral_match.end() :] if numeral_match else text
        title = title.strip().strip("*#").strip()  # Markdown emphasis around the title
        heading_span = self._span(heading)
        return Section(heading_number(text) or 0, numeral, title.strip(), heading_span, blocks,
                       self._container_span(heading_span, blocks), text, heading.start_pos)

    def attachment(self, children: list) -> Attachment:
        heading, *items = children
        blocks = tuple(item for item in items if item is not None and not isinstance(item, Section))
        sections = tuple(item for item in items if isinstance(item, Section))
        heading_span = self._span(heading)
        return Attachment(str(heading).strip(), heading_span, blocks, sections,
                          self._container_span(heading_span, blocks, sections))

    def preamble(self, children: list) -> tuple[Block, ...]:
        return tuple(block for block in children if block is not None)

    def start(self, children: list) -> tuple:
        preamble, *rest = children
        sections = tuple(node for node in rest if isinstance(node, Section))
        attachments = tuple(node for node in rest if isinstance(node, Attachment))
        return preamble, sections, attachments

    # -- cells --------------------------------------------------------------------------------

    def _cell(self, token: Token, start: int, end: int) -> Cell:
        """A cell for ``token[start:end]``, trimmed, placed over the trimmed text."""
        # Slicing the token gives a plain str, without copying it whole.
        return _trimmed_cell(token[start:end], token.start_pos + start, self.source_map)

    def _split_row(self, token: Token, separator: str) -> Row:
        parts = token.split(separator)
        starts = itertools.accumulate((len(part) + 1 for part in parts[:-1]), initial=token.start_pos)
        pieces = list(zip(parts, starts))
        if separator == "|":
            # "| a | b |": the pieces before the first and after the last pipe are not cells.
            if pieces and not pieces[0][0].strip():
                pieces = pieces[1:]
            if pieces and not pieces[-1][0].strip():
                pieces = pieces[:-1]
        source_map = self.source_map
        cells = tuple(_trimmed_cell(part, start, source_map) for part, start in pieces)
        return Row(cells, token.start_pos, token.end_pos, source_map)


def _trimmed_cell(raw: str, start: int, source_map: SourceMap) -> Cell:
    """A cell for ``raw``, which starts at ``start``: trimmed, placed over the trimmed text."""
    stripped = raw.strip()
    left = start + (len(raw) - len(raw.lstrip()) if stripped else 0)
    return Cell(stripped, left, left + len(stripped), source_map)


# An organ's name and a date on one line: 某某街道办事处 2021年1月13日
_SIGNED_LINE = re.compile(r"^(\S.{0,38}?)\s*(\d{4}年\d{1,2}月\d{1,2}日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})$")
_MAX_ORGAN_LENGTH = 40
# How many blocks at the end of the body the signature may take.
_SIGNATURE_BLOCKS = 3


def _signature(sections: tuple[Section, ...], source_map) -> Signature | None:
    """The date at the end of the body's last section, and the organ's line before it."""
    if not sections:
        return None
    tail = sections[-1].blocks[-_SIGNATURE_BLOCKS:]
    for index in range(len(tail) - 1, -1, -1):
        block = tail[index]
        if isinstance(block, DateLine):
            before = tail[index - 1] if index else None
            organ = before.text if isinstance(before, Paragraph) and len(before.text) <= _MAX_ORGAN_LENGTH \
                and not before.text.endswith(("。", "；", "：")) else None
            start = before.span if organ else block.span
            return Signature(organ, block.date, block.text, source_map.original_span(start.start, block.span.end))
        if isinstance(block, Paragraph):
            match = _SIGNED_LINE.match(block.text)
            if match and len(match.group(1)) <= _MAX_ORGAN_LENGTH:
                return Signature(match.group(1).strip(), parse_date(match.group(2)), match.group(2), block.span)
    return None


def _title(preamble: tuple[Block, ...], source_map) -> tuple[Paragraph | None, tuple[Block, ...]]:
    """The first short paragraph; a title set over two or three short lines (the organ on one,
    2023年政府信息公开工作年度报告 on the next, as in PDFs) is joined into one."""
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
    span = source_map.original_span(leading[0].span.start, leading[-1].span.end)
    return Paragraph(text, span), preamble[len(leading):]


# One builder per process: lark calls it during the parse; parse_source gives it the source first.
_BUILDER = AstBuilder()


def parse_text(text: str, path: str | None = None) -> Document:
    return parse_source(Source.from_text(text, path))
