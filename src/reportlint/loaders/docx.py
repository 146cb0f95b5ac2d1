"""Word files (.docx): paragraphs and tables read from the document structure (python-docx).

Horizontally merged cells are read once; vertically merged cells once, in their first row (as a
text copy shows them). Findings point at 段落N or 表N 第M行 第K列.
"""

from __future__ import annotations

import io

from reportlint.loaders import missing_extra
from reportlint.loaders.rendition import Rendition, cell_text, write_row
from reportlint.source import InputError, Source


def load_docx(data: bytes, path: str | None = None) -> Source:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table, _Cell
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise missing_extra("docx", "python-docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # zipfile, lxml and python-docx each raise their own
        raise InputError(f"DOCX 文件已损坏或不完整 (damaged or truncated .docx): {type(error).__name__}: {error}") from None
    rendition = Rendition()
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs += 1
            text = Paragraph(child, document).text
            if text.strip():
                rendition.set_origin(f"段落{paragraphs}")
                rendition.write(text.replace("\t", " "))
                rendition.newline()
        elif child.tag == qn("w:tbl"):
            tables += 1
            rendition.newline(2)
            table = Table(child, document)
            for number, row in enumerate(table.rows, start=1):
                rendition.set_origin(f"表{tables} 第{number}行")
                # The row's own cells (<w:tc>): a horizontally merged cell is one of them; the
                # lower parts of a vertical merge are empty, as in a text copy.
                cells = ["" if tc.vMerge == "continue" else cell_text(_Cell(tc, table).text) for tc in row._tr.tc_lst]
                write_row(rendition, cells)
            rendition.set_origin(None)
            rendition.newline(2)
    if not rendition.text.strip():
        raise InputError("DOCX 文件中没有文字 (the .docx holds no text)")
    return Source.from_text(rendition.text, path, "docx", kind="docx", origins=rendition.line_origins())
