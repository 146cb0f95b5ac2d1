"""What the cross-report rules know of a report: who wrote it and for which year, its table
cells, its prose cut into sentences. Small, plain data, made once when the report is linted and
kept in the result cache beside its findings, so that pairing a report with last year's never
parses either of them again.
"""

from __future__ import annotations

import re
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
    """A bound table cell: its value as a number (in plain decimal form) or None, as printed,
    and where it is."""

    value: str | None
    raw: str
    span: Span
    origin: str | None = None  # page and cell, for Word and PDF files


class Sentence(NamedTuple):
    section: str  # the template's section key ("overview", "problems"), or "preamble"
    text: str
    span: Span


class ReportSummary(NamedTuple):
    path: str | None
    agency: str | None  # as printed
    key: str | None  # identity.agency_key: 人民政府 → 政府, 办公室 → 办, …
    kinds: tuple[str, ...]
    year: int | None
    template: str | None
    agency_span: Span | None
    year_span: Span | None
    reason: str  # why the kinds (or why no agency), in Chinese
    cells: dict[str, CellFact]  # "table/row/column" → cell
    sentences: tuple[Sentence, ...]
    lines: dict[int, str]  # the short lines the cells and sentences are on

    def number(self, table: str, row: str, column: str):
        """The cell's value as a Decimal, or None when it is not bound or not a number."""
        from decimal import Decimal

        cell = self.cells.get(f"{table}/{row}/{column}")
        return Decimal(cell.value) if cell is not None and cell.value is not None else None

    def cell(self, table: str, row: str, column: str) -> CellFact | None:
        return self.cells.get(f"{table}/{row}/{column}")

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
            "reason": self.reason,
            "cells": {key: [cell.value, cell.raw, *cell.span, cell.origin] for key, cell in self.cells.items()},
            "sentences": [[sentence.section, sentence.text, *sentence.span] for sentence in self.sentences],
            "lines": {str(number): line for number, line in self.lines.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportSummary:
        return cls(
            data["path"], data["agency"], data["key"], tuple(data["kinds"]), data["year"], data["template"],
            _span_in(data["agency_span"]), _span_in(data["year_span"]), data["reason"],
            {key: CellFact(item[0], item[1], Span(*item[2:8]), item[8]) for key, item in data["cells"].items()},
            tuple(Sentence(item[0], item[1], Span(*item[2:8])) for item in data["sentences"]),
            {int(number): line for number, line in data["lines"].items()},
        )


def _span_out(span: Span | None) -> list[int] | None:
    return list(span) if span is not None else None


def _span_in(data: list[int] | None) -> Span | None:
    return Span(*data) if data else None


def summarise(report: BoundReport) -> ReportSummary:
    identity = report.identity
    source = report.source
    cells: dict[str, CellFact] = {}
    for key in report.tables:
        table = report.table(key)
        if table is None:
            continue
        for cell in table.cells.values():
            value = cell.value
            span = cell.span
            cells[cell.key] = CellFact(_plain(value.value) if value.is_number else None, value.raw, span,
                                       source.origin(span) if source.origins else None)
    sentences = tuple(_sentences(report))
    wanted = {cell.span.line for cell in cells.values()} | {sentence.span.line for sentence in sentences}
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
        cells,
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
            yield Sentence(section, text, span)
