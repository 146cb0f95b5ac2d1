"""Binding: give the parsed tables meaning by mapping every cell to a template key.

A cell is bound to ``(table, row, column)`` only when the text says so without guessing. Where
the text does not fit the template (a row with 14 values where 7 are expected, a row label under
the wrong group, a missing column, a table given twice), the binder binds what it can and records
a :class:`Misfit`; rules turn misfits into findings. Values are never shifted into other cells.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from reportlint.binding.digits import split_runs
from reportlint.binding.identity import Identity, identify
from reportlint.binding.outline import fit_outline
from reportlint.binding.stream import find_regions
from reportlint.binding.values import CellValue, is_value_text, read_value
from reportlint.parsing.ast import Attachment, Cell, Document, Row, Section, Table
from reportlint.source import Source, Span
from reportlint.templates import (
    SectionSpec,
    TableSpec,
    TemplateSpec,
    label_base,
    label_key,
)

__all__ = [
    "Identity",
    "BoundCell",
    "BoundReport",
    "BoundTable",
    "CellValue",
    "Misfit",
    "SectionMatch",
    "bind",
    "read_value",
]


class BoundCell(NamedTuple):
    """A value cell placed on the template: a few hundred per report, so a named tuple (as
    :class:`Cell` is) rather than a frozen dataclass, whose constructor is several times slower."""

    table: str
    row: str
    column: str
    value: CellValue
    cell: Cell  # where it is in the text

    @property
    def span(self) -> Span:
        return self.cell.span

    @property
    def key(self) -> str:
        return f"{self.table}/{self.row}/{self.column}"


class Misfit(NamedTuple):
    """A place where the text does not fit the template. ``kind`` names what went wrong:

    ``row-width`` (more or fewer values than columns), ``unknown-row``, ``misplaced-row`` (a leaf
    label beside another group's label), ``duplicate-row``, ``values-on-group-row``,
    ``missing-columns``, ``unknown-column``, ``extra-data-row``, ``missing-header``.
    """

    kind: str
    table: str
    span: Span
    detail: dict[str, Any]


@dataclass
class BoundTable:
    key: str
    spec: TableSpec
    raw_tables: tuple[Table, ...]
    section: Section | None
    attachment: Attachment | None
    cells: dict[tuple[str, str], BoundCell] = field(default_factory=dict)
    rows_found: dict[str, Cell] = field(default_factory=dict)  # row key → the label that named it
    columns_found: tuple[str, ...] = ()
    column_units: dict[tuple[str, str], str] = field(default_factory=dict)  # unit named in a header
    column_decimals: dict[tuple[str, str], int] = field(default_factory=dict)  # 保留N位小数 in a header
    header_note: bool = False
    misfits: list[Misfit] = field(default_factory=list)
    # Rows the template lacks but whose columns are certain (inside a table 2 block): key → label.
    extra_rows: dict[str, str] = field(default_factory=dict)
    region_span: Span | None = None
    # Rows whose figures a crawler ran together (row key → the digits), split by the equations.
    split_runs: dict[str, str] = field(default_factory=dict)
    # Runs still to split: (row key, columns, the run's cell, the row's label cell).
    pending_runs: list = field(default_factory=list)

    @property
    def span(self) -> Span:
        return self.region_span if self.region_span is not None else self.raw_tables[0].span

    def unreliable(self) -> list[str]:
        """Why the cells read from this table cannot be trusted, if they cannot: rows whose
        values fit no template row or column, in numbers that point at a misreading (a PDF
        text layer that lists a table column by column) rather than at one slip of the
        report's. A table whose only trouble is the same doubled or missing cells in every row
        is readable: that is one defect, reported once."""
        signals = [misfit for misfit in self.misfits
                   if misfit.kind in _MISREADING and (misfit.kind != "unknown-row" or misfit.detail.get("values")
                                                      or misfit.detail.get("has_values"))]
        if any(misfit.kind == "stray-values" for misfit in signals):
            # Values that went to a header while a row stayed empty: they were the row's.
            rows: dict[str, list[BoundCell]] = {}
            for cell in self.cells.values():
                rows.setdefault(cell.row, []).append(cell)
            signals += [Misfit("empty-row", self.key, cells[0].span, {"row": row}) for row, cells in rows.items()
                        if all(cell.value.kind == "empty" for cell in cells)]
        shapes = {(misfit.detail.get("expected"), misfit.detail.get("found")) for misfit in signals}
        if len(signals) < MIN_MISREADINGS or (all(m.kind == "row-width" for m in signals) and len(shapes) == 1):
            return []
        counts = Counter(misfit.kind for misfit in signals)
        return [f"{kind}×{count}" for kind, count in sorted(counts.items())]

    @property
    def layout(self) -> str:
        """How the table reached us: cells, tabs or pipe (a parsed table), or text (paragraphs)."""
        return self.raw_tables[0].layout if self.raw_tables else "text"

    @property
    def container(self) -> str:
        return self.attachment.label if self.attachment else "正文"

    def cell(self, row: str, column: str) -> BoundCell | None:
        return self.cells.get((row, column))

    def value(self, row: str, column: str) -> CellValue | None:
        cell = self.cells.get((row, column))
        return cell.value if cell else None

    def number(self, row: str, column: str):
        value = self.value(row, column)
        return value.value if value is not None and value.is_number else None


# Misfits that say the reading went wrong somewhere, and how many make a table unreadable.
_MISREADING = frozenset({"unknown-row", "row-width", "run-together", "duplicate-row", "unknown-column",
                         "stray-values"})
MIN_MISREADINGS = 3


class SectionMatch(NamedTuple):
    section: Section
    attachment: Attachment | None
    spec: SectionSpec | None
    score: float


class BoundReport(NamedTuple):
    """A report read against a template. Built once by :func:`bind`, never changed after."""

    source: Source
    document: Document
    template: TemplateSpec | None
    templates: tuple[TemplateSpec, ...]
    template_scores: dict[str, list[str]]
    year: int | None
    title_year: int | None
    period: tuple[Any, Any, Span] | None  # (start date or None, end date or None, span)
    legacy: bool
    sections: list[SectionMatch]
    tables: dict[str, list[BoundTable]]
    unbound_tables: list[Table]
    # Tables found but not read reliably (see BoundTable.unreliable): no rule checks their cells.
    unreadable: tuple[BoundTable, ...] = ()
    identity: Identity | None = None  # who wrote it, for which year

    def table(self, key: str) -> BoundTable | None:
        """The table's main instance: the first one in the body, else the first anywhere."""
        instances = self.tables.get(key) or []
        body = [instance for instance in instances if instance.attachment is None]
        return (body or instances or [None])[0]

    def body_sections(self) -> list[SectionMatch]:
        return [match for match in self.sections if match.attachment is None]


# ---------------------------------------------------------------------------------------------
# Report-level facts: year, statistics period, template

_YEAR = re.compile(r"(20\d{2}|19\d{2})年")
# 统计期限自2020年1月1日起至2020年12月31日止; also …为2022年1月1日至12月31日 (no year at the end).
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|期间)[^。\n]{0,12}?(\d{4})年(\d{1,2})月(\d{1,2})日[^。\n\d]{0,8}?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
)
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[)）]\s*$")


def _date_or_none(year: str, month: str, day: str):
    import datetime as dt

    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_period(document: Document) -> tuple[Any, Any, Span] | None:
    for paragraph in document.paragraphs():
        match = _PERIOD.search(paragraph.text)
        if match:
            start = _date_or_none(*match.group(1, 2, 3))
            end = _date_or_none(match.group(4) or match.group(1), *match.group(5, 6))
            return start, end, paragraph.span
    return None


def _year_span(document: Document, t_year: int | None, period) -> Span | None:
    """Where the statistics year was read: the title, else the statistics period."""
    if t_year is not None and document.title is not None:
        return document.title.span
    return period[2] if period else None


def title_year(document: Document) -> int | None:
    if document.title is None:
        return None
    match = _YEAR.search(document.title.text)
    return int(match.group(1)) if match else None


def _template_scores(templates: Sequence[TemplateSpec], tables: Iterable[Table], text: str = "") -> dict[str, list[str]]:
    keys = {label_key(cell.text) for table in tables for row in table.rows for cell in row.cells
            if cell.text and not is_value_text(cell.text)}
    # A label counts as itself or followed by a note or unit (采购总金额（单位：万元）), never
    # inside a longer label (处理决定数量 is not 本年处理决定数量). Where no table was parsed (a PDF's
    # text layer, a crawler's text) the signature labels are looked for in the text itself.
    # Also where a table was parsed but another is written as plain lines (规章 | 0 | 0 | 0 |).
    bases = keys | {label_base(key) for key in keys}
    signatures = {label for spec in templates for label in spec.signature}
    as_cells = {label: _times_printed_as_cell(label, text, templates) for label in signatures if len(label) >= 5}

    def printed(label: str) -> bool:
        # Only where it is not just part of a longer label (处理决定数量 in 本年处理决定数量).
        longer = sum(as_cells.get(other, 0) for other in signatures if label in other and other != label)
        return len(label) >= 5 and as_cells[label] > longer
    return {spec.id: [label for label in spec.signature if label_key(label) in bases or printed(label)]
            for spec in templates}


# What may follow a label printed as a cell: a space, a separator, its unit's bracket, a figure.
_CELL_END = frozenset(" \t\n\u3000|（(:：0123456789")


def _times_printed_as_cell(label: str, text: str, templates: Sequence[TemplateSpec]) -> int:
    """How often ``label`` stands in ``text`` as a table cell: followed by a figure, a separator,
    its unit or the next label (a crawler's 本年新制作数量本年新公开数量…), or as the start of a
    longer row label (申请人无正当理由逾期不补正、行政机关…); not where more words follow
    (政府集中采购项目的目录… in the prose of 一、总体情况 is no 2019 table)."""
    def label_at_start(piece: str, length: int) -> bool:
        return any((found := spec.label_scanner.find(piece)) and found[0][0] == 0 and found[0][1] >= length
                   for spec in templates)

    count = 0
    for match in re.finditer(re.escape(label), text):
        after = text[match.end():match.end() + 40]
        if (not after or after[0] in _CELL_END or label_at_start(after, 1)
                or label_at_start(text[match.start():match.start() + 80], len(label) + 1)):
            count += 1
    return count


def choose_template(
    templates: Sequence[TemplateSpec], scores: dict[str, list[str]], year: int | None
) -> TemplateSpec | None:
    by_year = [spec for spec in templates if year is not None and spec.applies_to(year)]
    best = max(templates, key=lambda spec: (len(scores.get(spec.id, [])), spec in by_year), default=None)
    if best is not None and scores.get(best.id):
        return best
    if by_year:
        return by_year[0]
    return max(templates, key=lambda spec: spec.first_year, default=None) if year is None else None


# ---------------------------------------------------------------------------------------------
# Tables


def _fit(values: list[Cell], expected: int) -> list[Cell] | None:
    """Drop surplus blank cells at either end; None if the count still does not fit."""
    values = list(values)
    while len(values) > expected and not values[0].text:
        values.pop(0)
    while len(values) > expected and not values[-1].text:
        values.pop()
    if len(values) > expected and sum(1 for cell in values if cell.text) == expected:
        # As many figures as columns, with empty places among them: a merged cell converted
        # into a figure and an empty cell (colspan). No other reading fits the columns.
        values = [cell for cell in values if cell.text]
    if expected - MAX_LOST_BLANKS <= len(values) < expected and values and not values[-1].text:
        # A row that ends in empty cells, short of one or two: a copy lost trailing empty cells
        # (a browser drops the last &nbsp; of a row); the figures keep their places.
        values = values + [values[-1]] * (expected - len(values))
    return values if len(values) == expected else None


# How many trailing empty cells a conversion may lose from a row ending in empty cells.
MAX_LOST_BLANKS = 1


_RULE_CELL = re.compile(r"[-—:|]{3,}")
# What a money column's header may say about its values: 金额（万元）, 保留2位小数.
_MONEY_UNIT = re.compile(r"(亿元|万元|元)")
_DECIMALS_NOTE = re.compile(r"保留\s*(\d+)\s*位小数")


def _is_rule_row(cells: Sequence[Cell]) -> bool:
    """A row of ``---`` left over from a Markdown conversion."""
    return bool(cells) and all(_RULE_CELL.fullmatch(cell.text or "---") for cell in cells)


def _empty_cell_at(label: Cell | Row) -> Cell:
    """An empty cell of no width just after ``label`` (where a missing value would go)."""
    return Cell("", label.end, label.end, label.source_map)


class LogicalRow(NamedTuple):
    """A row as the template reads it, whatever lines and cells it was spread over: its labels
    (the row's own, a group's before it, stray fragments), then its values."""

    labels: list[Cell]
    values: list[Cell]
    header: bool  # a header row: column labels only
    block: bool = False  # a table-2 block heading (第二十条第（X）项)

    @property
    def span_cell(self) -> Cell:
        return (self.labels or self.values)[0]


# How a label reads in its table (see _TableBinder.kind).
BLOCK, COLUMN, GROUP, ROW, UNKNOWN = "block", "column", "group", "row", "unknown"


class _TableBinder:
    def __init__(self, bound: BoundTable, rows: Sequence[Row] = (), glued: frozenset[int] = frozenset()):
        self.bound = bound
        self.spec = bound.spec
        self.rows = rows
        self.glued = glued

    def misfit(self, kind: str, span: Span, **detail: Any) -> None:
        self.bound.misfits.append(Misfit(kind, self.spec.key, span, detail))

    def put(self, row_key: str, columns: Sequence[str | None], values: Sequence[Cell], label: Cell | Row,
            split_from: Cell | None = None) -> None:
        previous = [self.bound.cells[(row_key, column)] for column in columns if (row_key, column) in self.bound.cells]
        if previous:
            if any(cell.value.kind != "empty" for cell in previous):
                self.misfit("duplicate-row", label.span, row=row_key)
                return
        for column, cell in zip(columns, values):
            if column is None:
                continue
            if not cell.text and cell.end == cell.start:
                cell = _empty_cell_at(label)  # a cell with no width: point just after its row's label
            self.bound.cells[(row_key, column)] = BoundCell(self.spec.key, row_key, column, read_value(cell.text), cell)
        if split_from is not None:
            self.bound.split_runs[row_key] = split_from.text
        if isinstance(label, Cell):
            self.bound.rows_found.setdefault(row_key, label)

    def put_values(self, row_key: str, columns: Sequence[str | None], values: list[Cell], label: Cell) -> None:
        fitted = _fit(values, len(columns))
        if fitted is None and self.runs_together(values, len(columns)):
            self.bound.pending_runs.append((row_key, tuple(columns), tuple(values), label))
            self.bound.rows_found.setdefault(row_key, label)
            return
        if fitted is None:
            non_empty = [cell for cell in values if cell.text]
            if not non_empty:
                fitted = [_empty_cell_at(label)] * len(columns)
            else:
                self.misfit(
                    "row-width",
                    label.span,
                    row=row_key,
                    label=label.text,
                    expected=len(columns),
                    found=len(non_empty),
                    values=[cell.text for cell in non_empty],
                )
                self.bound.rows_found.setdefault(row_key, label)
                return
        self.put(row_key, columns, fitted, label)

    def runs_together(self, values: list[Cell], width: int) -> bool:
        """Fewer figures than columns, all digit runs of a paragraph, with digits enough for
        every column: cells a crawler or converter ran together (801000081; 230 000023)."""
        return (1 < width and 0 < len(values) < width and all(cell.start in self.glued and cell.text.isdigit() for cell in values)
                and sum(len(cell.text) for cell in values) >= width)

    # -- reading the stream ----------------------------------------------------------------------

    def kind(self, cell: Cell, in_header: bool) -> str:  # pragma: no cover - each binder says
        raise NotImplementedError

    def width(self, labels: list[Cell]) -> int | None:
        """How many values a row with these labels holds, where the template says."""
        return None

    def _header_line(self, row: Row) -> bool:
        """A line of column labels only: a header, even after data rows (a Markdown conversion
        gives each part of table 3 a header of its own)."""
        return all(self.kind(cell, True) == COLUMN for cell in row.cells if cell.text)

    def logical_rows(self) -> Iterator[LogicalRow]:
        """The region's cells cut into the template's rows. A label after values starts a row;
        so does a row label after a leaf row's label, a column label after row labels (a header),
        a block heading; a line of figures continues the row above until it is full (a PDF's
        label line with its figures on the next line)."""
        labels: list[Cell] = []
        values: list[Cell] = []
        header = values_seen = False
        last_kind = last_row = None
        for row in self.rows:
            if _is_rule_row(row.cells):
                continue
            width = self.width(labels) if values else None
            if values and width is not None and len(values) >= width:
                yield LogicalRow(labels, values, header)
                labels, values, header, last_kind = [], [], False, None
            blanks: list[Cell] = []  # blank cells: spacers between labels, or values
            for cell in row.cells:
                text = cell.text
                if text and _RULE_CELL.fullmatch(text) and len(text) > 3:
                    continue  # a Markdown separator's dashes, wherever a converter left them
                if not text:
                    blanks.append(cell)
                    continue
                if is_value_text(text) or text.isdigit():  # a wall of digits still stands where a value goes
                    values.extend(blanks)
                    blanks = []
                    values.append(cell)
                    continue
                kind = self.kind(cell, header and not values)
                if values:
                    yield LogicalRow(labels, values, header)
                    labels, values, header, last_kind = [], [], False, None
                    values_seen = True
                blanks = []
                if kind == BLOCK:
                    if labels:
                        yield LogicalRow(labels, [], header)
                    yield LogicalRow([cell], [], False, block=True)
                    labels, header, last_kind = [], False, None
                    continue
                if kind == COLUMN and not header and (values_seen or labels) and not self._header_line(row):
                    kind = UNKNOWN  # a column's word inside a row's label (…不计其他情形）)
                if kind == COLUMN:
                    if labels and not header:
                        yield LogicalRow(labels, [], header)
                        labels = []
                    header = True
                elif kind in (ROW, GROUP):
                    # A leaf row's label on an earlier line, or run on without a break into
                    # this one (a crawler's …申请3.其他（七）总计5000005), with no values after it:
                    # that row is empty. (Two row labels in two cells of one line are one row
                    # with a misplaced label.)
                    if header or (last_kind == ROW and (last_row is not row or labels[-1].end == cell.start)):
                        yield LogicalRow(labels, [], header)
                        labels, header = [], False
                    last_kind, last_row = kind, row
                elif header and labels and labels[-1] not in row.cells:
                    # Text that names nothing, on a line after the header: the header is over.
                    yield LogicalRow(labels, [], header)
                    labels, header = [], False
                labels.append(cell)
            if labels or values:
                values.extend(blanks)
        if labels or values:
            yield LogicalRow(labels, values, header)


# Where a new enumerated label starts inside a cell: （一） (二) 1. 2、 — a copy from a PDF or a
# merged Word cell glues a group label and its row label together (三、本年度办理结果（一）予以公开).
_ENUMERATED_PART = re.compile(r"(?=[（(][一二三四五六七八九十]{1,3}[)）])|(?<!\d)(?=\d{1,2}[.、．](?!\d))")


def _find_glued(spec: TableSpec, text: str):
    """The row named by the last enumerated part of a label, when the whole label names none."""
    parts = [part for part in _ENUMERATED_PART.split(text) if part.strip()]
    if len(parts) < 2:
        return None
    return spec.row_index.find(parts[-1])


class _GridBinder(_TableBinder):
    """Table 3: rows named by labels, a fixed set of columns named in a two-level header."""

    def kind(self, cell: Cell, in_header: bool) -> str:
        spec = self.spec
        text = cell.text
        if spec.has_header_note(text):
            return COLUMN
        column = spec.column_index.find(text)
        row = _find_glued(spec, text) or spec.row_index.find(text)
        if label_key(text) in self._groups:
            return COLUMN
        if column and (not row or in_header):
            return COLUMN
        if row:
            return GROUP if spec.row(row[0]).group else ROW
        return UNKNOWN

    @functools.cached_property
    def _groups(self) -> frozenset[str]:
        return frozenset(label_key(text) for text in self.spec.column_groups)

    def width(self, labels: list[Cell]) -> int | None:
        return len(self.spec.columns)

    def bind(self) -> None:
        spec = self.spec
        found_columns: list[str] = []
        header_span: Span | None = None
        data_rows: list[LogicalRow] = []
        for row in self.logical_rows():
            labels = row.labels
            if any(spec.has_header_note(cell.text) for cell in labels):
                self.bound.header_note = True
                labels = [cell for cell in labels if not spec.has_header_note(cell.text)]
            if row.header:
                header_span = header_span or row.span_cell.span
                if any(cell.text for cell in row.values):
                    self.misfit("stray-values", row.values[0].span, values=[cell.text for cell in row.values if cell.text])
                for cell in labels:
                    match = spec.column_index.find(cell.text)
                    if match and match[0] not in found_columns:
                        found_columns.append(match[0])
                continue
            data_rows.append(row._replace(labels=labels))
        columns = self.columns(found_columns, data_rows, header_span)
        self.bound.columns_found = tuple(columns)
        for row in data_rows:
            self.bind_row(row.labels, row.values, columns)

    def columns(self, found: list[str], data_rows: list[LogicalRow], header_span: Span | None) -> list[str]:
        """The columns the rows hold: those the header names — unless the rows' own widths say
        the header was read only in part (a PDF's text layer mangles two-level headers)."""
        spec = self.spec
        everything = [column.key for column in spec.columns]
        if not found:
            if data_rows and not any(row.values and len(row.values) == len(everything) for row in data_rows):
                self.misfit("missing-header", self.bound.span)
            return everything
        named = [column.key for column in spec.columns if column.key in found]
        if len(named) == len(everything):
            return named
        widths = Counter(len([cell for cell in row.values if cell.text]) for row in data_rows if row.values)
        if widths and widths.most_common(1)[0][0] == len(everything):
            return everything  # the header is garbled, the rows are whole
        missing = [column.label for column in spec.columns if column.key not in found]
        self.misfit("missing-columns", header_span or self.bound.span, columns=missing)
        return named

    def leaf(self, labels: list[Cell]) -> tuple[Cell | None, str | None]:
        """The label that names the row: the last one that names a row, or failing that, a label
        a narrow column wrapped over two or three lines (5.要求行政机关确认或重新出具 / 已获取信息),
        placed at its first part."""
        spec = self.spec
        group = None  # a group heading found on the way: the answer only if no leaf row is named
        for cell in reversed(labels):
            match = _find_glued(spec, cell.text) or spec.row_index.find(cell.text)
            if match:
                if not spec.row(match[0]).group:
                    return cell, match[0]
                group = group or (cell, match[0])
                if cell is labels[-1]:
                    return group
        for size in (2, 3):
            for start in range(len(labels) - size, -1, -1):
                parts = labels[start:start + size]
                match = spec.row_index.find("".join(cell.text for cell in parts))
                if match:
                    first = parts[0]
                    return Cell(first.text, first.start, first.end, first.source_map), match[0]
        for cell in reversed(labels):  # a label's first line, the rest wrapped away
            found = spec.row_index.find_prefix(cell.text)
            if found:
                return cell, found
        return group or (None, None)

    def bind_row(self, labels: list[Cell], values: list[Cell], columns: list[str]) -> None:
        spec = self.spec
        if not labels:
            if any(cell.text for cell in values):
                self.misfit("unknown-row", values[0].span, label="", values=[cell.text for cell in values if cell.text])
            return
        leaf_cell, leaf_key = self.leaf(labels)
        if leaf_cell is not None and leaf_cell is not labels[-1] and spec.row(leaf_key).group:
            if not any(cell.text for cell in values):
                return  # a group heading and a stray fragment (a PDF's wrapped label): nothing to bind
            leaf_key = None  # the row's own label (the last one) is unknown; its group is not its name
        if leaf_key is None:
            has_values = any(cell.text for cell in values)
            self.misfit("unknown-row", labels[-1].span, label="".join(c.text for c in labels), has_values=has_values)
            return
        row_spec = spec.row(leaf_key)
        assert leaf_cell is not None and row_spec is not None
        for cell in labels:
            if cell is leaf_cell:
                continue
            match = spec.row_index.find(cell.text)
            if match and not leaf_key.startswith(match[0] + ".") and match[0] != leaf_key and match[0] not in row_spec.within:
                self.misfit(
                    "misplaced-row",
                    cell.span,
                    row=leaf_key,
                    label=leaf_cell.text,
                    group_label=cell.text,
                    expected_group=(spec.row(row_spec.parent).label if row_spec.parent and spec.row(row_spec.parent) else None),
                )
        if row_spec.group:
            if any(cell.text for cell in values):
                self.misfit("values-on-group-row", leaf_cell.span, row=leaf_key, label=leaf_cell.text)
                self.put_values(leaf_key, columns, values, leaf_cell)
            return
        self.put_values(leaf_key, columns, values, leaf_cell)


class _BlockBinder(_TableBinder):
    """Table 2: blocks headed 第二十条第（X）项, each with its own column header row."""

    def kind(self, cell: Cell, in_header: bool) -> str:
        spec = self.spec
        text = cell.text
        if spec.block_index.find(text):
            return BLOCK
        if label_key(text) == self._header_key:
            return COLUMN
        row = spec.row_index.find(text)
        column = any(block.column_index.find(text) for block in spec.blocks)
        if column and (not row or in_header):
            return COLUMN
        return ROW if row else UNKNOWN

    @functools.cached_property
    def _header_key(self) -> str:
        return label_key(self.spec.header_label or "信息内容")

    def width(self, labels: list[Cell]) -> int | None:
        for cell in reversed(labels):
            found = self.spec.row_index.find(cell.text)
            if found:
                block = self.spec.block(found[0].partition(".")[0])
                return len(block.columns) if block else None
        return None

    def bind(self) -> None:
        spec = self.spec
        block = None
        block_columns: dict[str, list[str]] = {}
        for row in self.logical_rows():
            labels, values = row.labels, row.values
            if row.block:
                block = spec.block(spec.block_index.find(labels[0].text)[0])
                continue
            if not labels:
                if any(cell.text for cell in values):
                    self.misfit("unknown-row", values[0].span, label="", values=[cell.text for cell in values if cell.text])
                continue
            if row.header:
                if any(cell.text for cell in values):
                    self.misfit("stray-values", values[0].span, values=[cell.text for cell in values if cell.text])
                named = [cell for cell in labels if label_key(cell.text) != self._header_key]
                if block is None:
                    # No 第二十条 row before it (a PDF page frame ate it): the block is the one
                    # whose columns this header names.
                    block = self.block_from_header(named)
                if block is not None and named:
                    block_columns[block.key] = self.read_header(block.key, named)
                continue
            if block is None:  # no block header yet: the item names its block
                found = spec.row_index.find(labels[-1].text)
                block = spec.block(found[0].partition(".")[0]) if found else None
            self.bind_item(block, block_columns, labels, values)

    @staticmethod
    def names_columns(block, labels: list[Cell]) -> bool:
        return bool(labels) and all(block.column_index.find(cell.text) for cell in labels)

    def block_from_header(self, labels: list[Cell]):
        return next((block for block in self.spec.blocks if self.names_columns(block, labels)), None)

    def read_header(self, block_key: str, labels: list[Cell]) -> list[str | None]:
        index = self.spec.block(block_key).column_index
        order: list[str | None] = []
        for cell in labels:
            match = index.find(cell.text)
            if match is None:
                # Keep the position: the header says where the known columns are.
                self.misfit("unknown-column", cell.span, block=block_key, label=cell.text)
                order.append(None)
                continue
            order.append(match[0])
            unit = _MONEY_UNIT.search(cell.text)
            if unit:
                self.bound.column_units[(block_key, match[0])] = unit.group(1)
            decimals = _DECIMALS_NOTE.search(cell.text)
            if decimals:
                self.bound.column_decimals[(block_key, match[0])] = int(decimals.group(1))
        return order

    def bind_item(self, block, block_columns, labels: list[Cell], values: list[Cell]) -> None:
        spec = self.spec
        label = next((cell for cell in reversed(labels) if spec.row_index.find(cell.text)), labels[-1])
        match = None
        if block is not None:
            match = block.row_index.find(label.text)
        if match is not None:
            row_key = f"{block.key}.{match[0]}"
        else:
            anywhere = spec.row_index.find(label.text)
            if anywhere is None:
                self.misfit("unknown-row", label.span, label=label.text, block=block.key if block else None,
                            has_values=any(cell.text for cell in values))
                if block is not None:
                    # The block's header says which column each value is in, so the row can be
                    # bound under a key of its own and still be checked row by row.
                    row_key = f"{block.key}.extra{len(self.bound.extra_rows) + 1}"
                    self.bound.extra_rows[row_key] = label.text
                    columns = block_columns.get(block.key) or [column.key for column in block.columns]
                    self.put_values(row_key, columns, values, label)
                return
            row_key = anywhere[0]
            if block is not None:
                self.misfit("misplaced-row", label.span, row=row_key, label=label.text, group_label=block.header)
        own_block = spec.block(row_key.partition(".")[0])
        assert own_block is not None
        columns = block_columns.get(own_block.key) or [column.key for column in own_block.columns]
        self.put_values(row_key, columns, values, label)


class _SingleRowBinder(_TableBinder):
    """Table 4: a header of groups and outcome labels over one row of 15 values — in a PDF or a
    Markdown conversion spread over several lines or three small tables, so every value of the
    region counts, in order."""

    def bind(self) -> None:
        columns = [column.key for column in self.spec.columns]
        header_seen = False
        values: list[Cell] = []
        runs: list[int] = []  # how many values stand together between labels
        for row in self.rows:
            if _is_rule_row(row.cells):
                continue
            data_row = not any(cell.text and not is_value_text(cell.text) for cell in row.cells)
            for cell in row.cells:
                if cell.text and not is_value_text(cell.text):
                    header_seen = True
                    if runs and runs[-1]:
                        runs.append(0)
                elif cell.text or values or data_row:  # a row of values keeps its empty cells in place
                    values.append(cell)
                    if not runs:
                        runs.append(0)
                    runs[-1] += 1
        runs = [run for run in runs if run]
        if len(runs) >= MIN_SCRAMBLED_RUNS and not all(run == len(columns) // 3 for run in runs):
            # Values scattered among the header's labels in runs of no table's shape (one row of 15,
            # or three of 5): a text layer that read the table column by column.
            for run in runs[1:]:
                self.misfit("stray-values", self.bound.span, values=[], run=run)
        if not any(cell.text for cell in values):
            self.bound.columns_found = ()
            return
        self.bound.columns_found = tuple(columns)
        first = next(cell for cell in values if cell.text)
        filled = [cell for cell in values if cell.text]
        if self.runs_together(filled, len(columns)):
            self.bound.pending_runs.append(("cases", tuple(columns), tuple(filled), first))
        else:
            fitted = _fit(values, len(columns))
            if fitted is None:
                non_empty = [cell for cell in values if cell.text]
                self.misfit("row-width", first.span, row="cases", label="", expected=len(columns), found=len(non_empty),
                            values=[cell.text for cell in non_empty])
            else:
                self.put("cases", columns, fitted, first)
        if not header_seen:
            self.misfit("missing-header", self.bound.span)


# Runs of values among table 4's labels that say the order was lost (two may be one label
# printed late, as poppler does with 总计).
MIN_SCRAMBLED_RUNS = 3

_BINDERS = {"grid": _GridBinder, "blocks": _BlockBinder, "single_row": _SingleRowBinder}


def _match_section(spec: TemplateSpec | None, section: Section) -> tuple[SectionSpec | None, float]:
    if spec is None:
        return None, 0.0
    title = _TRAILING_NOTE.sub("", section.title) or section.title
    match = spec.section_index.find(title)
    if match is not None and match[1] >= 1.0:
        return spec.section(match[0]), match[1]
    # A title with words around a known one (政府信息公开总体情况, 本机关主动公开政府信息情况)
    # is that one, before any look-alike: 政府信息公开总体情况 resembles 收到和处理政府信息公开申请情况
    # more than 总体情况 by characters alone.
    key = label_key(title)
    around = [(len(label_key(text)), candidate) for candidate in spec.sections for text in candidate.titles
              if label_key(text) in key]
    if around:
        return max(around, key=lambda item: item[0])[1], 0.7
    return (spec.section(match[0]), match[1]) if match else (None, 0.0)


def bind(source: Source, document: Document, templates: Sequence[TemplateSpec]) -> BoundReport:
    raw_tables = [(attachment, section, block) for attachment, section, block in document.blocks() if isinstance(block, Table)]
    scores = _template_scores(templates, (table for _, _, table in raw_tables), source.text)
    t_year = title_year(document)
    period = find_period(document)
    year = t_year or (period[1].year if period and period[1] else None)
    earliest = min((spec.first_year for spec in templates), default=0)
    # A report on 2018 or earlier followed the 2007 条例, whatever its tables look like.
    legacy = year is not None and year < earliest
    template = None if legacy else choose_template(templates, scores, year)
    document = fit_outline(document, template, source.map)

    sections = []
    section_keys: dict[int, str] = {}
    for attachment, section in document.all_sections():
        section_spec, score = _match_section(template, section)
        sections.append(SectionMatch(section, attachment, section_spec, score))
        if section_spec is not None:
            section_keys[id(section)] = section_spec.key

    tables: dict[str, list[BoundTable]] = {}
    unbound: list[Table] = []
    unreadable: list[BoundTable] = []
    if template is not None:
        section_tables = {section_id: template.table_for_section(key) for section_id, key in section_keys.items()}
        regions = find_regions(template, document, {k: v for k, v in section_tables.items() if v})
        placed = {id(table) for region in regions for table in region.tables}
        unbound = [table for _, _, table in raw_tables if id(table) not in placed]
        for region in regions:
            bound_table = BoundTable(region.key, template.tables[region.key], region.tables, region.section,
                                     region.attachment, region_span=region.span)
            _BINDERS[bound_table.spec.layout](bound_table, region.rows, region.glued).bind()
            if bound_table.pending_runs:
                split_runs(bound_table, template)
            if bound_table.unreliable():
                unreadable.append(bound_table)
            else:
                tables.setdefault(bound_table.key, []).append(bound_table)
    else:
        unbound = [table for _, _, table in raw_tables]

    return BoundReport(
        source=source,
        document=document,
        template=template,
        templates=tuple(templates),
        template_scores=scores,
        year=year,
        title_year=t_year,
        period=period,
        legacy=legacy,
        sections=sections,
        tables=tables,
        unbound_tables=unbound,
        unreadable=tuple(unreadable),
        identity=identify(document, year, _year_span(document, t_year, period), source.text),
    )
