"""The data export for researchers: every bound cell of every report as one row of a tidy table,
so a province's reports become one data set (CSV, or Parquet with the ``parquet`` extra).

Keys are the template's own (docs/templates.md), the same in every report and every year of one
format version; see docs/outputs.md for the columns.
"""

from __future__ import annotations

import csv
import os
from typing import IO, Callable, Iterable, Iterator, NamedTuple, Sequence

from reportlint.engine.batch import linter_for, report_metadata
from reportlint.engine.config import Config


class ExportRow(NamedTuple):
    file: str
    agency: str | None
    year: int | None
    template: str | None
    table: str  # template key of the table: proactive, applications, reviews
    container: str  # 正文 (the body), or the attachment that repeats the table
    row: str  # template key of the row (art20_9.procurement, outcome.withheld.state_secret)
    column: str  # template key of the column (natural_person, total)
    label: str  # the row's label as printed in the report
    raw: str  # the cell's text as printed
    kind: str  # number | empty | placeholder | text
    value: int | float | None  # the number read (blank and placeholders are never 0)
    unit: str | None  # stated in the cell, else in its column header, else the template's
    line: int  # line of the cell in the file (in the rendered text for Word and PDF)


COLUMNS = ExportRow._fields


def report_rows(report, path: str) -> Iterator[ExportRow]:
    """The rows of one bound report, table by table in the order found, cells in text order."""
    metadata = report_metadata(report)
    agency, year, template = metadata.get("agency"), metadata.get("year"), metadata.get("template")
    for instances in report.tables.values():
        for table in instances:
            for (row, column), cell in table.cells.items():
                label = table.rows_found.get(row)
                value = cell.value
                yield ExportRow(
                    path, agency, year, template, table.key, table.container, row, column,
                    label.text if label is not None else table.extra_rows.get(row, ""),
                    value.raw, value.kind, value.as_json_number(), _unit(table, row, column, value.unit),
                    cell.span.line,
                )


def _unit(table, row: str, column: str, stated: str | None) -> str | None:
    if stated:
        return stated
    header = table.column_units.get((row.partition(".")[0], column))
    if header:
        return header
    spec = table.spec.column(row, column)
    return (spec.unit or None) if spec is not None else None


def export_rows(paths: Iterable[str], config_for: Callable[[str], Config], encoding: str | None = None,
                problems: list[tuple[str, str]] | None = None) -> Iterator[ExportRow]:
    """Rows of every report in ``paths``; a file that cannot be read is added to ``problems``
    (path, reason) and skipped, so one bad file does not stop the export."""
    from reportlint.loaders import load_path
    from reportlint.source import InputError

    for path in paths:
        try:
            source = load_path(path, encoding)
            report = linter_for(config_for(path)).bind(source)
        except InputError as error:
            if problems is not None:
                problems.append((path, str(error)))
            continue
        yield from report_rows(report, path)


def write_csv(rows: Iterable[ExportRow], stream: IO[str]) -> int:
    """CSV with a header row; numbers as numbers, nothing as an empty field. Returns the rows."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
        count += 1
    return count


PARQUET_BATCH = 20_000  # rows held before a row group is written


def write_parquet(rows: Iterable[ExportRow], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"year": pa.int32(), "value": pa.float64(), "line": pa.int32()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in COLUMNS])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[ExportRow] = []

        def flush() -> None:
            columns = list(zip(*batch)) if batch else [[] for _ in COLUMNS]
            writer.write_table(pa.Table.from_arrays([pa.array(column, type=schema.field(name).type)
                                                     for name, column in zip(COLUMNS, columns)], schema=schema))

        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) >= PARQUET_BATCH:
                flush()
                batch = []
        if batch or not count:
            flush()
    return count


def parquet_unavailable() -> str | None:
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:
        return ("Parquet 需要可选组件 parquet：pip install 'reportlint[parquet]' "
                "(Parquet needs the 'parquet' extra: pyarrow is not installed)")
    return None


def export_format(output: str | None, requested: str | None) -> str:
    if requested:
        return requested
    return "parquet" if output and os.path.splitext(output)[1].lower() in (".parquet", ".pq") else "csv"


__all__: Sequence[str] = ("COLUMNS", "ExportRow", "export_rows", "report_rows", "write_csv", "write_parquet")
