"""The typed syntax tree of a report: immutable named tuples, each node with its span in the original.

(Named tuples rather than frozen dataclasses: CPython compiles a dataclass's generated methods in
every process, ~0.8 ms a class, which a one-file run pays for each node type before it reads a line.)

The tree says what the text *is* (a heading, a paragraph, a table row); it knows nothing about
templates. Giving the tables meaning is the binder's job (``reportlint.binding``).
"""

from __future__ import annotations

import bisect
import datetime as _dt
from typing import Iterator, Literal, NamedTuple, Union

from reportlint.source import SourceMap, Span

TableLayout = Literal["cells", "pipe", "tabs"]


class Paragraph(NamedTuple):
    text: str
    span: Span
    kind: Literal["paragraph"] = "paragraph"
    # Where the text starts in the normalised source, so a finding can point at words in it.
    start: int = -1
    source_map: SourceMap | None = None
    # A paragraph a PDF's text layer wrapped over lines is read as one: where in ``text`` each
    # removed line break stood (the first character of the next line).
    breaks: tuple[int, ...] = ()

    def span_of(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` in the original file (the whole paragraph's, when
        the paragraph was assembled from several lines)."""
        if self.source_map is None or self.start < 0:
            return self.span
        if self.breaks:
            start += bisect.bisect_right(self.breaks, start)
            end += bisect.bisect_right(self.breaks, end - 1) if end > 0 else 0
        return self.source_map.span(self.start + start, self.start + end)


class DateLine(NamedTuple):
    """A line that holds nothing but a date, as in a signature block."""

    text: str
    date: _dt.date | None
    span: Span
    kind: Literal["date"] = "date"


class Cell(NamedTuple):
    """A table cell. Reports hold hundreds of cells and findings name a few, so the span is
    worked out when asked for, from offsets in the normalised text. (A named tuple rather than
    a frozen dataclass: just as immutable, and several times cheaper to create.)"""

    text: str
    start: int
    end: int
    source_map: SourceMap

    @property
    def span(self) -> Span:
        return self.source_map.span(self.start, self.end)


class Row(NamedTuple):
    cells: tuple[Cell, ...]
    start: int
    end: int
    source_map: SourceMap

    @property
    def span(self) -> Span:
        return self.source_map.span(self.start, self.end)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell.text for cell in self.cells)


class Table(NamedTuple):
    layout: TableLayout
    rows: tuple[Row, ...]
    span: Span
    kind: Literal["table"] = "table"


Block = Union[Paragraph, DateLine, Table]


class Section(NamedTuple):
    """A numbered top-level section (``一、总体情况``)."""

    number: int
    numeral: str
    title: str
    heading_span: Span
    blocks: tuple[Block, ...]
    span: Span
    # The heading line as printed and where it starts in the normalised text (for a binder that
    # finds the "heading" is really a table row label).
    heading_text: str = ""
    heading_start: int = -1

    def paragraphs(self) -> Iterator[Paragraph]:
        return (block for block in self.blocks if isinstance(block, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (block for block in self.blocks if isinstance(block, Table))

    @property
    def text(self) -> str:
        return "\n".join(paragraph.text for paragraph in self.paragraphs())


class Attachment(NamedTuple):
    """``附件2:`` and what follows it: its own blocks and, often, its own numbered sections."""

    label: str
    heading_span: Span
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    span: Span


class Signature(NamedTuple):
    """The signature block at the end of the body: the issuing organ (when it has a line of its
    own, or stands before the date on the same line) and the date."""

    organ: str | None
    date: _dt.date | None
    date_text: str
    span: Span


class ParseIssue(NamedTuple):
    """Text the grammar could not read; the line was skipped and the rest parsed."""

    message: str
    span: Span
    text: str


class Document(NamedTuple):
    title: Paragraph | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    attachments: tuple[Attachment, ...]
    issues: tuple[ParseIssue, ...]
    span: Span
    signature: Signature | None = None

    def all_sections(self) -> Iterator[tuple[Attachment | None, Section]]:
        """Every section, body first, then those inside attachments, with their attachment."""
        for section in self.sections:
            yield None, section
        for attachment in self.attachments:
            for section in attachment.sections:
                yield attachment, section

    def blocks(self) -> Iterator[tuple[Attachment | None, Section | None, Block]]:
        """Every block in reading order with the attachment and section that hold it."""
        for block in self.preamble:
            yield None, None, block
        for section in self.sections:
            for block in section.blocks:
                yield None, section, block
        for attachment in self.attachments:
            for block in attachment.blocks:
                yield attachment, None, block
            for section in attachment.sections:
                for block in section.blocks:
                    yield attachment, section, block

    def paragraphs(self) -> Iterator[Paragraph]:
        if self.title is not None:
            yield self.title
        for _, _, block in self.blocks():
            if isinstance(block, Paragraph):
                yield block

    def dates(self) -> Iterator[DateLine]:
        return (block for _, _, block in self.blocks() if isinstance(block, DateLine))
