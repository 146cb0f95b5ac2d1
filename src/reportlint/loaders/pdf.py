"""PDF files with a text layer: text lines and tables from the page layout.

PDFium (pypdfium2) reads each page's characters and ruling lines (loaders/pdfium_page.py);
pdfplumber's layout analysis turns them into table cells and lines of text. Tables are found by their ruling lines and read cell by cell; the text outside them is read line
by line, and lines that run to the right margin are joined with the next (a wrapped paragraph).
Findings point at 第N页, and in a table at 第N页 表K 第M行 第J列.
"""

from __future__ import annotations

import re
import zlib

from reportlint.loaders import DEFAULT_LIMITS, MB, Limits, check_text_size, missing_extra
from reportlint.loaders.rendition import Rendition, cell_text, write_row
from reportlint.source import InputError, Source

# How close (in points) to the right margin a line must end to count as wrapped.
WRAP_TOLERANCE = 12.0


def _inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


_SENTENCE_END = ("。", "；", ";", "：", ":")
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
# pdfplumber's table finder grows faster than the number of cells (a 100 × 100 ruled grid takes
# seconds, 200 × 200 minutes); a report's densest page has a few hundred crossings of its
# horizontal and vertical ruling lines.
MAX_GRID_CROSSINGS = 10_000


def _check_grid(page, page_number: int) -> None:
    rows = {round(edge["top"]) for edge in page.edges if edge["orientation"] == "h" and edge["width"] >= 3}
    columns = {round(edge["x0"]) for edge in page.edges if edge["orientation"] == "v" and edge["height"] >= 3}
    if len(rows) * len(columns) > MAX_GRID_CROSSINGS:
        raise InputError(f"PDF 第{page_number}页表格线过多 (page {page_number}: {len(rows)} × {len(columns)} ruling lines, "
                         f"more than {MAX_GRID_CROSSINGS:,} crossings)")


# A row spanning the whole table with this much text is a paragraph caught in the page frame.
PROSE_LENGTH = 20


def _frame_text(row: list) -> str | None:
    """The text of a row that is really a line of prose or a heading inside a page frame that
    pdfplumber took for part of the table; None for a genuine table row."""
    if not row or any(cell is not None for cell in row[1:]):
        return None
    text = cell_text(row[0] or "")
    if len(text) >= PROSE_LENGTH or text.endswith(_SENTENCE_END) or _SECTION_HEADING.match(text):
        return text
    return None


def _write_table(rendition: Rendition, rows: list[list], page_number: int, table_number: int) -> None:
    in_table = False
    for number, row in enumerate(rows, start=1):
        rendition.set_origin(f"第{page_number}页 表{table_number} 第{number}行")
        prose = _frame_text(row)
        if prose is not None:
            if in_table:
                rendition.newline(2)
                in_table = False
            rendition.write(prose)
            # A wrapped line of a paragraph runs on into the next row.
            if len(prose) < PROSE_LENGTH or prose.endswith(_SENTENCE_END) or _SECTION_HEADING.match(prose):
                rendition.newline()
            continue
        cells = [cell_text(cell or "") for cell in row]
        if not any(cells):
            continue
        if not in_table:
            rendition.newline(2)
            in_table = True
        write_row(rendition, cells)
    rendition.newline(2)


# Where a stream's data starts; its dictionary is the text before, back to its "obj" keyword,
# looked at for the filter and the declared decoded length. Images are left alone: their data is
# never inflated to read text.
_STREAM_START = re.compile(rb">>\s*stream\r?\n")
_DECODED_LENGTH = re.compile(rb"/DL\s+(\d{1,15})")
MAX_DICTIONARY = 4096


def check_streams(data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose Flate streams would inflate past ``limits.inflated_bytes`` in all: by
    their declared decoded length (/DL) first, then by inflating each one here, in pieces that
    are counted and thrown away, so a bomb costs time linear in its size and no memory. (The PDF
    libraries inflate a stream whole, in memory, when they read it.)"""
    total = 0
    position = 0
    while True:
        match = _STREAM_START.search(data, position)
        if match is None:
            return
        dictionary = data[max(position, match.start() - MAX_DICTIONARY) : match.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        position = match.end()
        if b"/FlateDecode" not in dictionary or b"/Image" in dictionary:
            continue
        declared = _DECODED_LENGTH.search(dictionary)
        if declared and total + int(declared.group(1)) > limits.inflated_bytes:
            raise _bomb(limits)
        end = data.find(b"endstream", position)
        inflater = zlib.decompressobj()
        piece_start = position
        stop = end if end >= 0 else len(data)
        try:
            while piece_start < stop and not inflater.eof:
                piece = data[piece_start : min(stop, piece_start + 65536)]
                piece_start += len(piece)
                while piece:  # at most 1 MB out at a time: counted, then dropped
                    total += len(inflater.decompress(piece, MB))
                    if total > limits.inflated_bytes:
                        raise _bomb(limits)
                    piece = inflater.unconsumed_tail
        except zlib.error:
            pass  # damaged: the PDF library reports it, or skips it
        position = max(position, stop)


def _bomb(limits: Limits) -> InputError:
    return InputError(f"PDF 内容过大 (its streams inflate past {limits.inflated_bytes / MB:.0f} MB)")


def load_pdf(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Source:
    try:
        import pdfplumber.table
        import pdfplumber.utils
        import pypdfium2
    except ImportError:
        raise missing_extra("pdf", "pdfplumber") from None
    from reportlint.loaders.pdfium_page import PdfiumPage

    check_streams(data, limits)
    try:
        pdf = pypdfium2.PdfDocument(data)
        page_count = len(pdf)
    except Exception as error:  # PdfiumError, with what PDFium says of the file
        raise InputError(f"PDF 文件已损坏或不完整 (damaged or truncated PDF): {type(error).__name__}: {error}") from None
    if page_count > limits.pdf_pages:
        pdf.close()
        raise InputError(f"PDF 页数过多 (too many pages: {page_count} > {limits.pdf_pages})")
    rendition = Rendition()
    tables_seen = 0
    doctop = 0.0
    settings = pdfplumber.table.TableSettings.resolve(None)
    try:
        for page_number in range(1, page_count + 1):
            page = PdfiumPage(pdf, page_number - 1, doctop)
            doctop += page.height
            _check_grid(page, page_number)
            # Each table's cells extracted once (pdfplumber recomputes them on every call).
            extracted = [(table, table.extract()) for table in pdfplumber.table.TableFinder(page, settings).tables]
            tables = [(table, rows) for table, rows in extracted if rows and max(len(row) for row in rows) >= 2]
            boxes = [table.bbox for table, _ in tables]
            text_chars = [char for char in page.chars if not any(_inside(char, box) for box in boxes)]
            lines = pdfplumber.utils.chars_to_textmap(
                text_chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height,
            ).extract_text_lines(strip=True, return_chars=True)
            items = [(line["top"], 0, line) for line in lines] + [(table.bbox[1], 1, rows) for table, rows in tables]
            items.sort(key=lambda item: (item[0], item[1]))
            right = max((line["x1"] for line in lines), default=page.width)
            left = min((line["x0"] for line in lines), default=0)
            for index, (_, kind, item) in enumerate(items):
                if kind == 1:
                    tables_seen += 1
                    _write_table(rendition, item, page_number, tables_seen)
                    continue
                rendition.set_origin(f"第{page_number}页")
                rendition.write(item["text"].replace("\t", " "))
                following = items[index + 1][2] if index + 1 < len(items) and items[index + 1][1] == 0 else None
                wrapped = item["x1"] >= right - WRAP_TOLERANCE
                indented = following is not None and following["x0"] > left + WRAP_TOLERANCE
                if not (wrapped and following is not None and not indented):
                    rendition.newline()
            rendition.newline()
            check_text_size(rendition.text if page_number % 20 == 0 else "", limits)
    except InputError:
        raise
    except Exception as error:
        raise InputError(f"PDF 文件无法读取 (cannot read the PDF): {type(error).__name__}: {error}") from None
    finally:
        pdf.close()
    if not rendition.text.strip():
        raise InputError("PDF 没有文字层，可能是扫描件 (the PDF has no text layer; a scanned image?)")
    check_text_size(rendition.text, limits)
    return Source.from_text(rendition.text, path, "pdf", kind="pdf", origins=rendition.line_origins())
