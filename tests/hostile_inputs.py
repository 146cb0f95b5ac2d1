"""Inputs an attacker or an unlucky user can produce, each built at any size.

Shared by the test suite (small sizes: no crash, the right exit code) and by benchmarks/run.py
(two sizes each: the ratio of their times shows whether the work grows linearly). Each builder
takes a size and returns ``(file name, bytes)``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

SEED = Path(__file__).resolve().parent / "fixtures" / "seeds" / "004_a83be51b8a790224.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _in_prose(piece: str) -> str:
    """The seed with ``piece`` as a paragraph of its first section."""
    lines = seed_text().split("\n")
    index = next(number for number, line in enumerate(lines) if line.startswith("一、"))
    lines.insert(index + 1, piece)
    return "\n".join(lines)


def _in_cell(piece: str) -> str:
    """The seed (one table cell per line) with its first value cell replaced by ``piece``."""
    lines = seed_text().split("\n")
    number = next(number for number, line in enumerate(lines) if line.startswith("\t") and line[1:].strip().isdigit())
    lines[number] = "\t" + piece
    return "\n".join(lines)


# -- text -------------------------------------------------------------------------------------------

def prose_digits(size: int) -> tuple[str, bytes]:
    return "prose-digits.txt", _in_prose("本年度共公开文件" + "7" * size + "。").encode()


def cell_digits(size: int) -> tuple[str, bytes]:
    return "cell-digits.txt", _in_cell("7" * size).encode()


def applications_digits(size: int) -> tuple[str, bytes]:
    return "applications.txt", _in_prose("本年度收到申请" + "3" * size + "件。").encode()


def fullwidth_digits(size: int) -> tuple[str, bytes]:
    return "fullwidth.txt", _in_prose("本年度共公开文件" + "７" * size + "件。").encode()


def phone_like(size: int) -> tuple[str, bytes]:
    run = ("0571-8888888-" * (size // 13 + 1))[:size]
    return "phone-like.txt", _in_prose("联系电话" + run).encode()


def attachment_spaces(size: int) -> tuple[str, bytes]:
    return "attachment.txt", (seed_text() + "\n附件" + " " * size + "x\n").encode()


def repeated_seed(size: int) -> tuple[str, bytes]:
    """The seed repeated to ``size`` bytes."""
    data = seed_text().encode()
    return "repeated.txt", data * max(1, size // len(data))


def crlf_seed(_size: int = 0) -> tuple[str, bytes]:
    return "crlf.txt", seed_text().replace("\n", "\r\n").encode()


# -- HTML -------------------------------------------------------------------------------------------

def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><title>报告</title></head><body>{body}</body></html>".encode()


def html_cdata(size: int) -> tuple[str, bytes]:
    return "cdata.html", _page("<![CDATA[" * size)


def html_end_tags(size: int) -> tuple[str, bytes]:
    return "end-tags.html", _page("<p>一、总体情况</p>" + "</p></div></span>" * (size // 3))


def html_nested(size: int) -> tuple[str, bytes]:
    return "nested.html", _page("<div>" * size + "一、总体情况" + "</div>" * size)


# -- DOCX -------------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(body_chunks, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal Word file whose body is the concatenation of ``body_chunks`` (XML text),
    streamed into the archive so a large part never sits in memory whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            for chunk in body_chunks:
                part.write(chunk.encode())
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def text_to_docx(text: str) -> bytes:
    """A report as Word would hold it: a paragraph per line, tab-separated rows as a table."""
    from xml.sax.saxutils import escape

    chunks, rows = [], []

    def flush():
        if rows:
            width = max(len(row) for row in rows)
            chunks.append("<w:tbl>" + "".join(
                "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(cell.strip())}</w:t></w:r></w:p></w:tc>"
                                   for cell in row + [""] * (width - len(row))) + "</w:tr>" for row in rows) + "</w:tbl>")
            rows.clear()

    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        chunks.append(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
    flush()
    return make_docx(chunks)


def docx_spaces(size: int) -> tuple[str, bytes]:
    """A paragraph of ``size`` spaces: a small archive that inflates to ``size`` bytes."""
    chunk = " " * (1 << 20)
    chunks = ['<w:p><w:r><w:t xml:space="preserve">', *(chunk for _ in range(size >> 20)), " " * (size % (1 << 20)),
              "x</w:t></w:r></w:p>"]
    return "spaces.docx", make_docx(chunks)


def docx_empty_paragraphs(size: int) -> tuple[str, bytes]:
    """``<w:p/>`` repeated to ``size`` bytes of XML."""
    chunk = "<w:p/>" * 10_000
    return "paragraphs.docx", make_docx(chunk for _ in range(max(1, size // len(chunk))))


# -- PDF --------------------------------------------------------------------------------------------

def make_pdf(contents: list[bytes], compress: bool = False) -> bytes:
    """A minimal PDF: one page per content stream, Helvetica as /F1."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * index for index in range(len(contents))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % number for number in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for index, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_ids[index] + 1))
        if compress:
            data = zlib.compress(content, 9)
            objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
        else:
            objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _text_ops(lines: list[str], top: float = 800) -> bytes:
    ops = [b"BT /F1 11 Tf"]
    for number, line in enumerate(lines):
        ops.append(b"1 0 0 1 60 %.1f Tm (%s) Tj" % (top - 16 * number, line.encode("latin-1")))
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_pages(size: int) -> tuple[str, bytes]:
    """``size`` pages of a few lines of text each."""
    page = _text_ops([f"Line {number} of a long document with some words on it." for number in range(40)])
    return "pages.pdf", make_pdf([page] * size)


def pdf_flate_bomb(size: int) -> tuple[str, bytes]:
    """One page whose content stream inflates to ``size`` bytes of spaces (after a line of text)."""
    compressor = zlib.compressobj(9)
    head = _text_ops(["A page with a very large content stream"]) + b"\n"
    data = compressor.compress(head)
    block = b" " * (1 << 20)
    for _ in range(size >> 20):
        data += compressor.compress(block)
    data += compressor.compress(b" " * (size % (1 << 20))) + compressor.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
    pdf = make_pdf([b"PLACEHOLDER"])
    return "bomb.pdf", _replace_stream(pdf, stream)


def _replace_stream(pdf: bytes, stream: bytes) -> bytes:
    """``pdf`` with its one content stream replaced, and its cross-reference table rebuilt."""
    start = pdf.index(b"<< /Length 11 >>")
    end = pdf.index(b"endstream", start) + len(b"endstream")
    body = pdf[:start] + stream + pdf[end:]
    body = body[: body.index(b"xref\n")]
    offsets, position = [], 0
    while True:
        position = body.find(b" 0 obj\n", position)
        if position < 0:
            break
        offsets.append(body.rfind(b"\n", 0, position) + 1)
        position += 1
    out = body + b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, len(body))
    return out


def pdf_grid(size: int) -> tuple[str, bytes]:
    """A ruled table of ``size`` × ``size`` cells, each holding a digit."""
    step = min(12.0, 500.0 / size)
    ops = [b"0.5 w"]
    for index in range(size + 1):
        position = 40 + index * step
        ops.append(b"%.2f 800 m %.2f %.2f l S" % (position, position, 800 - size * step))
        ops.append(b"40 %.2f m %.2f %.2f l S" % (800 - index * step, 40 + size * step, 800 - index * step))
    ops.append(b"BT /F1 %.1f Tf" % max(2.0, step * 0.6))
    for row in range(size):
        for column in range(size):
            ops.append(b"1 0 0 1 %.2f %.2f Tm (%d) Tj" % (41 + column * step, 800 - (row + 1) * step + 1, (row + column) % 10))
    ops.append(b"ET")
    return "grid.pdf", make_pdf([b"\n".join(ops)], compress=True)


# -- configuration ----------------------------------------------------------------------------------

def yaml_alias_mapping(levels: int = 30) -> str:
    lines = ["a0: &a0 {x: 1, y: 2}"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} {{x: *a{level - 1}, y: *a{level - 1}}}")
    return "\n".join(lines) + "\n"


def yaml_alias_list(levels: int = 30) -> str:
    lines = ["a0: &a0 [x, x]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]")
    return "\n".join(lines) + "\n"


def yaml_nested(size: int) -> str:
    return "rules: " + "[" * size + "]" * size + "\n"


def toml_nested(size: int) -> str:
    return "[tool.reportlint]\nselect = " + "[" * size + "]" * size + "\n"


def yaml_big_integer(size: int) -> str:
    return "lang: " + "9" * size + "\n"


def toml_big_integer(size: int) -> str:
    return "[tool.reportlint]\nfail-on = " + "9" * size + "\n"
