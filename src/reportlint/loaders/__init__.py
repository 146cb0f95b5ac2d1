"""Loaders: a report file as published (text, web page, Word, PDF) → :class:`Source`.

Every format is rendered into the same line layout the grammar reads — paragraphs one per line,
table rows as tab-separated cells — so HTML, DOCX and PDF reach the same AST and the same rules
as text copied out of Word. What is lost in each format is listed in docs/inputs.md.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import BinaryIO, NamedTuple

from reportlint.source import InputError, Source, decode_bytes

MB = 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".docx", ".pdf")


class Limits(NamedTuple):
    """How much one input may cost. A report is a few dozen KB of text, a few MB as PDF; every
    default is far above that and far below what would take a machine down. Configurable under
    ``limits:`` (docs/configuration.md); docs/inputs.md lists them."""

    file_bytes: int = 50 * MB  # a file as read from disk, or standard input
    text_chars: int = 1_000_000  # the text a report becomes (a real one: 20,000–100,000)
    inflated_bytes: int = 32 * MB  # all compressed parts of a Word file or streams of a PDF, inflated
    pdf_pages: int = 300
    seconds: float = 60.0  # per file, from reading to findings
    memory_bytes: int = 1024 * MB  # per file, on top of what the process already holds


DEFAULT_LIMITS = Limits()
# Kept for callers of the old constant.
MAX_FILE_BYTES = DEFAULT_LIMITS.file_bytes


def _too_large(size: float, limit: int) -> InputError:
    return InputError(f"文件过大 (file too large: {size / MB:.0f} MB > {limit / MB:.0f} MB)")


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input, a file); InputError past that, so
    an endless stream (``/dev/zero``) costs a bounded read, not all memory."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(MB, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(f"输入过大 (input too large: more than {limit / MB:.0f} MB)")
    return b"".join(chunks)


def _open_error(path: str | os.PathLike[str], error: OSError) -> InputError:
    code = error.errno
    if code == errno.ENOENT:
        if os.path.lexists(path):
            return InputError("符号链接指向的文件不存在 (broken symbolic link)")
        return InputError("文件不存在 (no such file)")
    if code == errno.ELOOP:
        return InputError("符号链接循环 (symbolic link loop)")
    if code in (errno.EACCES, errno.EPERM):
        return InputError("没有读取权限 (permission denied)")
    if code == errno.EISDIR:
        return InputError("是文件夹，不是文件 (is a folder, not a file)")
    return InputError(f"无法读取 (cannot read): {error.strerror or error}")


def read_file_bytes(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A report file's bytes. Raises :class:`InputError` with one line for every way it can fail.

    Only a regular file is read: a FIFO would wait for a writer forever and a device (``/dev/zero``,
    or a ``.txt`` link to it) never ends. The file is opened without blocking and checked on the
    open descriptor, so nothing can be swapped in between the check and the read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _open_error(path, error) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("是文件夹，不是文件 (is a folder, not a file)")
        if not stat.S_ISREG(info.st_mode):
            raise InputError("不是普通文件 (not a regular file: a pipe, device or socket)")
        if info.st_size > limits.file_bytes:
            raise _too_large(info.st_size, limits.file_bytes)
        with open(descriptor, "rb", closefd=False) as file:
            data = read_limited(file, limits.file_bytes)  # a file that grows while it is read stops here
    except OSError as error:
        raise _open_error(path, error) from None
    finally:
        os.close(descriptor)
    if not data.strip():
        raise InputError("文件为空 (empty file)")
    return data


def check_text_size(text: str, limits: Limits) -> None:
    if len(text) > limits.text_chars:
        raise InputError(f"文本过长 (text too long: {len(text):,} characters > {limits.text_chars:,})")


def load_bytes(data: bytes, path: str, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Load a report from its bytes; the name's suffix (or the content) says the format."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        from reportlint.loaders.pdf import load_pdf

        return load_pdf(data, path, limits)
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and suffix not in TEXT_SUFFIXES + HTML_SUFFIXES):
        from reportlint.loaders.docx import load_docx

        return load_docx(data, path, limits)
    text, used = decode_bytes(data, encoding)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        from reportlint.loaders.html import load_html

        return load_html(text, path, used, limits)
    check_text_size(text, limits)
    if _holds_html_tables(text):
        from reportlint.loaders.html import load_text_with_tables

        return load_text_with_tables(text, path, used, limits)
    return Source.from_text(text, path, used)


_HTML_TABLE = re.compile(r"<table\b[^>]*>.*?<td\b", re.IGNORECASE | re.DOTALL)


def _holds_html_tables(text: str) -> bool:
    """Markdown or text whose tables are HTML (a converter keeps merged cells that way): read
    as a web page, so that the tables are tables."""
    start = text.find("<table")
    if start < 0:
        start = text.find("<TABLE")
    return start >= 0 and _HTML_TABLE.search(text, start, start + 20000) is not None


def load_path(path: str | os.PathLike[str], encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read a report file of any supported format. Raises :class:`InputError` with one line."""
    return load_bytes(read_file_bytes(path, limits), os.fspath(path), encoding, limits)


def missing_extra(extra: str, module: str) -> InputError:
    return InputError(
        f"读取此格式需要可选组件 {extra}：pip install 'reportlint[{extra}]' "
        f"(reading this format needs the '{extra}' extra; module {module} is not installed)"
    )
