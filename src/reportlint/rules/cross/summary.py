"""What the cross-report rules know of a report: who wrote it and for which year, its table
cells, its prose cut into sentences. Small, plain data, made once when the report is linted and
kept in the result cache beside its findings, so that pairing a report with last year's never
parses either of them again.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Iterator, NamedTuple

from reportlint.binding import BoundReport
from reportlint.parsing.ast import Paragraph
from reportlint.source import Span

# Sentences end at these marks (and line ends); 、 and ， do not end one.
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
# A sentence shorter than this, once stripped of punctuation, figures and spaces, says too
# little to count as copied or not ("无。", "二、主动公开政府信息情况").
MIN_SENTENCE_CHARACTERS = 12
# Lines longer than this (a crawler's page on one line, a web page's markup) are not kept for
# showing a finding in context: the terminal shows none rather than keep a whole page per report.
MAX_KEPT_LINE = 400

_NOT_TEXT = re.compile(r"[\W\d_a-zA-Z]+")


def significant(text: str) -> str:
    """The characters that make a sentence what it is: no punctuation, spaces, figures or Latin
    letters (years, counts, page addresses change from report to report; words do not)."""
    return _NOT_TEXT.sub("", text)


class CellFact(NamedTuple):
    """A bound table cell: its value as a number in plain decimal form (None when the cell holds
    no number) and where it is."""

    value: str | None
    span: Span
    origin: str | None = None  # page and cell, for Word and PDF files


class Sentence(NamedTuple):
    section: str  # the template's section key ("overview", "problems"), or "preamble"
    text: str
    where: str  # the span's six figures, "start,end,line,column,end_line,end_column" (a third of the room)

    @property
    def span(self) -> Span:
        return Span(*map(int, self.where.split(",")))

    @classmethod
    def at(cls, section: str, text: str, span: Span) -> Sentence:
        return cls(section, text, ",".join(map(str, span)))


# A row's cells are kept as one string (column=value@start,end,line,column,end_line,end_column
# and #origin, cells apart by \x1f) and read back only when a rule asks: a batch holds thousands
# of summaries, and a report has some two hundred cells, of which a rule reads a few.
_CELL_SEPARATOR = "\x1f"
_VALUE = re.compile(r"(?:^|\x1f)([^=\x1f]+)=([^@]*)@")
# Cells whose lines are kept for showing a finding in context: those the built-in cross-report
# rules point at (this year's side of the cross-year equations, the figures compared with last
# year's and with peers). Another cell's finding is shown without its line.
_SHOWN_CELLS = re.compile(r"^applications/carried_over/|^applications/(?:new|total)/total$|"
                          r"^proactive/.*/(?:in_force|previous_count|total_published|decisions|fee_amount)$|"
                          r"^reviews/cases/.*\.total$")


class ReportSummary:
    __slots__ = ("path", "agency", "key", "kinds", "year", "template", "agency_span", "year_span", "reason", "rows",
                 "sentences", "lines", "digest")

    def __init__(self, path: str | None, agency: str | None, key: str | None, kinds: tuple[str, ...], year: int | None,
                 template: str | None, agency_span: Span | None, year_span: Span | None, reason: str,
                 rows: dict[str, str], sentences: tuple[Sentence, ...], lines: dict[int, str], digest: str = ""):
        self.path = path
        self.agency = agency  # as printed
        self.key = key  # identity.agency_key: 人民政府 → 政府, 办公室 → 办, …
        self.kinds = kinds
        self.year = year
        self.template = template
        self.agency_span = agency_span
        self.year_span = year_span
        self.reason = reason  # why the kinds (or why no agency), in Chinese
        self.rows = rows  # "table/row" → the row's cells, encoded
        self.sentences = sentences
        self.lines = lines  # the short lines the cells and sentences rules point at are on
        self.digest = digest  # the result cache's key of what it was made from ("" when not cached)

    def _row(self, table: str, row: str) -> dict[str, CellFact]:
        """A row's cells, read from their string each time (rules read a few rows of each
        report once or twice; keeping them read would hold thousands of spans a report)."""
        cells = {}
        for item in filter(None, self.rows.get(f"{table}/{row}", "").split(_CELL_SEPARATOR)):
            column, _, rest = item.partition("=")
            value, _, rest = rest.partition("@")
            span, _, origin = rest.partition("#")
            cells[column] = CellFact(value or None, Span(*map(int, span.split(","))), origin or None)
        return cells

    def cell(self, table: str, row: str | None = None, column: str | None = None) -> CellFact | None:
        """A cell by table, row and column keys, or by its "table/row/column" key alone."""
        if row is None:
            table, row, column = table.split("/")
        return self._row(table, row).get(column)

    def number(self, table: str, row: str | None = None, column: str | None = None):
        """The cell's value as a Decimal, or None when it is not bound or not a number."""
        from decimal import Decimal

        cell = self.cell(table, row, column)
        return Decimal(cell.value) if cell is not None and cell.value is not None else None

    def values(self) -> dict[str, str | None]:
        """Every cell's value, by "table/row/column" (without reading where each cell is)."""
        return {f"{name}/{column}": value or None for name, row in self.rows.items() for column, value in _VALUE.findall(row)}

    def cells(self) -> dict[str, CellFact]:
        """Every cell, by "table/row/column"."""
        found = {}
        for name in self.rows:
            table, row = name.split("/", 1)
            found.update({f"{name}/{column}": cell for column, cell in self._row(table, row).items()})
        return found

    @property
    def anchor(self) -> Span | None:
        """Where a finding about the whole report sits: the agency's name, else the year."""
        return self.agency_span or self.year_span

    @property
    def name(self) -> str:
        return self.path or "<stdin>"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "agency": self.agency, "key": self.key, "kinds": list(self.kinds), "year": self.year,
            "template": self.template, "agency_span": _span_out(self.agency_span), "year_span": _span_out(self.year_span),
            "reason": self.reason, "rows": self.rows,
            "sentences": [list(sentence) for sentence in self.sentences],
            "lines": {str(number): line for number, line in self.lines.items()},
            "digest": self.digest,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportSummary:
        return cls(
            data["path"], data["agency"], data["key"], tuple(data["kinds"]), data["year"], data["template"],
            _span_in(data["agency_span"]), _span_in(data["year_span"]), data["reason"],
            {sys.intern(name): row for name, row in data["rows"].items()},  # the same few dozen names in every report
            tuple(Sentence(sys.intern(item[0]), item[1], item[2]) for item in data["sentences"]),
            {int(number): line for number, line in data["lines"].items()},
            data.get("digest", ""),
        )

    def __getstate__(self):  # pickled as its JSON form (slots have no __dict__)
        return self.to_json()

    def __setstate__(self, state) -> None:
        restored = ReportSummary.from_json(state)
        for name in self.__slots__:
            setattr(self, name, getattr(restored, name))


def _span_out(span: Span | None) -> list[int] | None:
    return list(span) if span is not None else None


def _span_in(data: list[int] | None) -> Span | None:
    return Span(*data) if data else None


def _encode(column: str, value: str | None, span: Span, origin: str | None) -> str:
    text = f"{column}={value or ''}@{','.join(map(str, span))}"
    return f"{text}#{origin}" if origin else text


def summarise(report: BoundReport) -> ReportSummary:
    identity = report.identity
    source = report.source
    rows: dict[str, list[str]] = {}
    wanted: set[int] = set()
    for key in report.tables:
        table = report.table(key)
        if table is None:
            continue
        for cell in table.cells.values():
            value = cell.value
            span = cell.span
            name = f"{cell.table}/{cell.row}"
            rows.setdefault(name, []).append(_encode(cell.column, _plain(value.value) if value.is_number else None, span,
                                                     source.origin(span) if source.origins else None))
            if _SHOWN_CELLS.search(cell.key):
                wanted.add(span.line)
    sentences = tuple(_sentences(report))
    wanted.update(sentence.span.line for sentence in sentences)
    lines = {}
    if wanted:
        for number, line in enumerate(source.original_lines(), start=1):
            if number in wanted and len(line) <= MAX_KEPT_LINE:
                lines[number] = line
    return ReportSummary(
        source.path,
        identity.agency if identity else None,
        identity.key if identity else None,
        identity.kinds if identity else (),
        report.year,
        report.template.id if report.template else None,
        identity.agency_span if identity else None,
        identity.year_span if identity else None,
        identity.reason if identity else "",
        {name: _CELL_SEPARATOR.join(cells) for name, cells in rows.items()},
        sentences,
        lines,
    )


def _plain(number) -> str:
    """A Decimal in plain notation (1E+3 → 1000): the form JSON keeps and Decimal reads back."""
    return format(number, "f")


def _sentences(report: BoundReport) -> Iterator[Sentence]:
    """The prose of the body, a sentence at a time: the preamble and every section, without the
    tables' text (a crawler runs a table into the paragraph around it) and without the sentences
    every report carries by the format's convention (the template's ``boilerplate``)."""
    tables = [table.span for instances in report.tables.values() for table in instances]
    tables += [table.span for table in report.unreadable]
    boilerplate = [re.compile(pattern) for pattern in (report.template.boilerplate if report.template else ())]
    blocks: list[tuple[str, Paragraph]] = [("preamble", block) for block in report.document.preamble
                                           if isinstance(block, Paragraph)]
    for match in report.body_sections():
        key = match.spec.key if match.spec else "other"
        blocks.extend((key, block) for block in match.section.paragraphs())
    for section, paragraph in blocks:
        for found in _SENTENCE.finditer(paragraph.text):
            text = found.group().strip()
            if len(significant(text)) < MIN_SENTENCE_CHARACTERS or any(pattern.search(text) for pattern in boilerplate):
                continue
            span = paragraph.span_of(found.start(), found.end())
            if any(span.start < table.end and table.start < span.end for table in tables):
                continue
            yield Sentence.at(section, text, span)
