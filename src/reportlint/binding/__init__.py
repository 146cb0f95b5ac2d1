"""Binding: give the parsed tables meaning by mapping every cell to a template key.

A cell is bound to ``(table, row, column)`` only when the text says so without guessing. Where
the text does not fit the template (a row with 14 values where 7 are expected, a row label under
the wrong group, a missing column, a table given twice), the binder binds what it can and records
a :class:`Misfit`; rules turn misfits into findings. Values are never shifted into other cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

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

    @property
    def span(self) -> Span:
        return self.raw_tables[0].span

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


def title_year(document: Document) -> int | None:
    if document.title is None:
        return None
    match = _YEAR.search(document.title.text)
    return int(match.group(1)) if match else None


def _template_scores(templates: Sequence[TemplateSpec], tables: Iterable[Table]) -> dict[str, list[str]]:
    keys = {label_key(cell.text) for table in tables for row in table.rows for cell in row.cells
            if cell.text and not is_value_text(cell.text)}
    # A label counts as itself or followed by a note or unit (采购总金额（单位：万元）), never
    # inside a longer label (处理决定数量 is not 本年处理决定数量).
    bases = keys | {label_base(key) for key in keys}
    return {spec.id: [label for label in spec.signature if label_key(label) in bases] for spec in templates}


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


def _split_labels(cells: Sequence[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Label cells (the leading text, spacer blanks dropped) and the value cells after them."""
    last_label = -1
    for index, cell in enumerate(cells):
        if cell.text and not is_value_text(cell.text):
            last_label = index
        elif cell.text:  # a number or placeholder: labels are over
            break
    labels = [cell for cell in cells[: last_label + 1] if cell.text]
    return labels, list(cells[last_label + 1 :])


def _fit(values: list[Cell], expected: int) -> list[Cell] | None:
    """Drop surplus blank cells at either end; None if the count still does not fit."""
    values = list(values)
    while len(values) > expected and not values[0].text:
        values.pop(0)
    while len(values) > expected and not values[-1].text:
        values.pop()
    return values if len(values) == expected else None


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


class _TableBinder:
    def __init__(self, bound: BoundTable):
        self.bound = bound
        self.spec = bound.spec

    def misfit(self, kind: str, span: Span, **detail: Any) -> None:
        self.bound.misfits.append(Misfit(kind, self.spec.key, span, detail))

    def put(self, row_key: str, columns: Sequence[str | None], values: Sequence[Cell], label: Cell | Row) -> None:
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
        if isinstance(label, Cell):
            self.bound.rows_found.setdefault(row_key, label)

    def put_values(self, row_key: str, columns: Sequence[str | None], values: list[Cell], label: Cell) -> None:
        fitted = _fit(values, len(columns))
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

    def logical_rows(self) -> Iterator[Row]:
        """Rows as the binder reads them: physical rows, split where a known row label follows
        values in the same physical row (one-cell-per-line tables that lost their blank lines)."""
        for table in self.bound.raw_tables:
            for row in table.rows:
                start = 0
                seen_value = False
                for index, cell in enumerate(row.cells):
                    if cell.text and is_value_text(cell.text):
                        seen_value = True
                    elif cell.text and seen_value and self.spec.row_index.find(cell.text):
                        yield Row(row.cells[start:index], row.start, row.end, row.source_map)
                        start, seen_value = index, False
                yield row if start == 0 else Row(row.cells[start:], row.start, row.end, row.source_map)


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

    def bind(self) -> None:
        spec = self.spec
        marker = spec.header_note_marker
        found_columns: list[str] = []
        header_span: Span | None = None
        data_rows: list[tuple[list[Cell], list[Cell]]] = []
        for row in self.logical_rows():
            if _is_rule_row(row.cells):
                continue
            labels, values = _split_labels(row.cells)
            if marker and any(marker in cell.text for cell in row.cells):
                self.bound.header_note = True
                labels = [cell for cell in labels if marker not in cell.text]
            if labels and self.is_header(labels):
                header_span = header_span or row.span
                for cell in labels:
                    match = spec.column_index.find(cell.text)
                    if match and match[0] not in found_columns:
                        found_columns.append(match[0])
                continue
            data_rows.append((labels, values))
        if not found_columns:
            columns = [column.key for column in spec.columns]
            if data_rows:
                self.misfit("missing-header", self.bound.span)
        else:
            columns = [column.key for column in spec.columns if column.key in found_columns]
            missing = [column.label for column in spec.columns if column.key not in found_columns]
            if missing:
                self.misfit("missing-columns", header_span or self.bound.span, columns=missing)
        self.bound.columns_found = tuple(columns)
        for labels, values in data_rows:
            self.bind_row(labels, values, columns)

    def is_header(self, labels: list[Cell]) -> bool:
        """Column and group labels only; a label that names a row too (总计) counts for the
        header only beside a label that can only be a column."""
        groups = {label_key(text) for text in self.spec.column_groups}
        only_column = False
        for cell in labels:
            column = self.spec.column_index.find(cell.text)
            row = self.spec.row_index.find(cell.text)
            if row and not column:
                return False
            if (column and not row) or label_key(cell.text) in groups:
                only_column = True
        return only_column

    def bind_row(self, labels: list[Cell], values: list[Cell], columns: list[str]) -> None:
        spec = self.spec
        if not labels:
            if any(cell.text for cell in values):
                self.misfit("unknown-row", values[0].span, label="", values=[cell.text for cell in values if cell.text])
            return
        leaf_cell = None
        leaf_key = None
        for cell in reversed(labels):
            match = _find_glued(spec, cell.text) or spec.row_index.find(cell.text)
            if match:
                leaf_cell, leaf_key = cell, match[0]
                break
        if leaf_cell is not None and leaf_cell is not labels[-1] and spec.row(leaf_key).group:
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

    def bind(self) -> None:
        spec = self.spec
        header_key = label_key(spec.header_label or "信息内容")
        block = None
        block_columns: dict[str, list[str]] = {}
        for row in self.logical_rows():
            if _is_rule_row(row.cells):
                continue
            labels, values = _split_labels(row.cells)
            if not labels:
                if any(cell.text for cell in values):
                    self.misfit("unknown-row", row.span, label="", values=[cell.text for cell in values if cell.text])
                continue
            block_match = spec.block_index.find(labels[0].text)
            if block_match:
                block = spec.block(block_match[0])
                continue
            if block is not None and not any(cell.text for cell in values) and self.names_columns(block, labels):
                # A header row whose 信息内容 cell was lost (merged, or split across a page).
                block_columns[block.key] = self.read_header(block.key, labels)
                continue
            if label_key(labels[0].text) == header_key:
                if block is None:
                    # No 第二十条 row before it (a PDF page frame ate it): the block is the one
                    # whose columns this header names.
                    block = self.block_from_header(labels[1:])
                if block is not None:
                    block_columns[block.key] = self.read_header(block.key, labels[1:])
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
        label = labels[-1]
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
    """Table 4: a header of groups and outcome labels over one row of 15 values."""

    def bind(self) -> None:
        columns = [column.key for column in self.spec.columns]
        header_seen = False
        data_row: Row | None = None
        for row in self.logical_rows():
            if _is_rule_row(row.cells):
                continue
            labels, values = _split_labels(row.cells)
            if labels:
                header_seen = True
                continue
            if not any(cell.text for cell in values):
                continue
            if data_row is not None:
                self.misfit("extra-data-row", row.span, values=[cell.text for cell in values if cell.text])
                continue
            data_row = row
            first = next(cell for cell in values if cell.text)
            fitted = _fit(values, len(columns))
            if fitted is None:
                non_empty = [cell for cell in values if cell.text]
                self.misfit("row-width", first.span, row="cases", label="", expected=len(columns), found=len(non_empty),
                            values=[cell.text for cell in non_empty])
                continue
            self.put("cases", columns, fitted, row)
        self.bound.columns_found = tuple(columns) if data_row is not None else ()
        if not header_seen and data_row is not None:
            self.misfit("missing-header", self.bound.span)


_BINDERS = {"grid": _GridBinder, "blocks": _BlockBinder, "single_row": _SingleRowBinder}


def _classify(spec: TemplateSpec, table: Table) -> tuple[str | None, int]:
    keys = [label_key(cell.text) for row in table.rows for cell in row.cells if cell.text and not is_value_text(cell.text)]
    best, best_score = None, 0
    for table_spec in spec.tables.values():
        score = sum(1 for key in keys if key in table_spec.all_labels)
        if score > best_score:
            best, best_score = table_spec.key, score
    return (best, best_score) if best_score >= 2 else (None, best_score)


def _match_section(spec: TemplateSpec | None, section: Section) -> tuple[SectionSpec | None, float]:
    if spec is None:
        return None, 0.0
    title = _TRAILING_NOTE.sub("", section.title) or section.title
    match = spec.section_index.find(title)
    if match is None:
        # A title with extra words around a known one ("政府信息公开行政法复议…" typos included)
        best = None
        for candidate in spec.sections:
            for text in candidate.titles:
                if label_key(text) in label_key(title):
                    best = (candidate, 0.7)
        return best if best else (None, 0.0)
    return spec.section(match[0]), match[1]


def bind(source: Source, document: Document, templates: Sequence[TemplateSpec]) -> BoundReport:
    raw_tables = [(attachment, section, block) for attachment, section, block in document.blocks() if isinstance(block, Table)]
    scores = _template_scores(templates, (table for _, _, table in raw_tables))
    t_year = title_year(document)
    period = find_period(document)
    year = t_year or (period[1].year if period and period[1] else None)
    earliest = min((spec.first_year for spec in templates), default=0)
    legacy = year is not None and year < earliest and not any(scores.values())
    template = None if legacy else choose_template(templates, scores, year)

    sections = []
    section_keys: dict[int, str] = {}
    for attachment, section in document.all_sections():
        section_spec, score = _match_section(template, section)
        sections.append(SectionMatch(section, attachment, section_spec, score))
        if section_spec is not None:
            section_keys[id(section)] = section_spec.key

    tables: dict[str, list[BoundTable]] = {}
    unbound: list[Table] = []
    if template is not None:
        previous: tuple[int, int, str] | None = None  # (attachment id, section id, table key)
        current: BoundTable | None = None
        pending: list[tuple[BoundTable, list[Table]]] = []
        for attachment, section, table in raw_tables:
            key, _ = _classify(template, table)
            container = (id(attachment), id(section))
            if key is None and section is not None and id(section) in section_keys:
                key = template.table_for_section(section_keys[id(section)])
            if key is None and previous is not None and previous[:2] == container:
                key = previous[2]
            if key is None:
                unbound.append(table)
                previous = None
                continue
            if current is not None and previous == (*container, key):
                pending[-1][1].append(table)
            else:
                current = BoundTable(key, template.tables[key], (), section, attachment)
                pending.append((current, [table]))
            previous = (*container, key)
        for bound_table, parts in pending:
            bound_table.raw_tables = tuple(parts)
            _BINDERS[bound_table.spec.layout](bound_table).bind()
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
    )
