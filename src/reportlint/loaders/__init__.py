"""Loaders: a report file as published (text, web page, Word, PDF) → :class:`Source`.

Every format is rendered into the same line layout the grammar reads — paragraphs one per line,
table rows as tab-separated cells — so HTML, DOCX and PDF reach the same AST and the same rules
as text copied out of Word. What is lost in each format is listed in docs/inputs.md.
"""

from __future__ import annotations

import os
import re

from reportlint.source import InputError, Source, decode_bytes

# A report is a few dozen KB as text and a few MB as PDF; past this it is not worth reading.
MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf")


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    """A report file's bytes. Raises :class:`InputError` with one line for every way it can fail."""
    if os.path.isdir(path):
        raise InputError("是文件夹，不是文件 (is a folder, not a file)")
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"文件过大 (file too large: {size / 1024 / 1024:.0f} MB > {MAX_FILE_BYTES // (1024 * 1024)} MB)"
            )
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise InputError("文件不存在 (no such file)") from None
    except PermissionError:
        raise InputError("没有读取权限 (permission denied)") from None
    except OSError as error:
        raise InputError(f"无法读取 (cannot read): {error.strerror or error}") from None
    if not data.strip():
        raise InputError("文件为空 (empty file)")
    return data


def load_bytes(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Load a report from its bytes; the name's suffix (or the content) says the format."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        from reportlint.loaders.pdf import load_pdf

        return load_pdf(data, path)
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and suffix not in TEXT_SUFFIXES + HTML_SUFFIXES):
        from reportlint.loaders.docx import load_docx

        return load_docx(data, path)
    text, used = decode_bytes(data, encoding)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        from reportlint.loaders.html import load_html

        return load_html(text, path, used)
    if _holds_html_tables(text):
        from reportlint.loaders.html import load_html

        return load_html(text, path, used, whole=True)
    return Source.from_text(text, path, used)


_HTML_TABLE = re.compile(r"<table\b[^>]*>.*?<td\b", re.IGNORECASE | re.DOTALL)


def _holds_html_tables(text: str) -> bool:
    """Markdown or text whose tables are HTML (a converter keeps merged cells that way): read
    as a web page, so that the tables are tables."""
    start = text.find("<table")
    if start < 0:
        start = text.find("<TABLE")
    return start >= 0 and _HTML_TABLE.search(text, start, start + 20000) is not None


def load_path(path: str | os.PathLike[str], encoding: str | None = None) -> Source:
    """Read a report file of any supported format. Raises :class:`InputError` with one line."""
    return load_bytes(read_file_bytes(path), os.fspath(path), encoding)


def missing_extra(extra: str, module: str) -> InputError:
    return InputError(
        f"读取此格式需要可选组件 {extra}：pip install 'reportlint[{extra}]' "
        f"(reading this format needs the '{extra}' extra; module {module} is not installed)"
    )
