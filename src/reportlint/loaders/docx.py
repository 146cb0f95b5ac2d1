"""Word files (.docx): paragraphs and tables read from the document structure.

Read with the standard library (zipfile, ElementTree's pull parser) as a stream: each paragraph
and table row is rendered and dropped as soon as it ends, so memory holds one row, not the
document, and the main part is refused by its declared and by its actual inflated size before
it can fill memory (a small archive can inflate to gigabytes). The text is what python-docx
gives: runs and hyperlinks directly in a paragraph, tabs and breaks as characters.

Horizontally merged cells are read once; vertically merged cells once, in their first row (as a
text copy shows them). Findings point at 段落N or 表N 第M行 第K列.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree

from reportlint.loaders import DEFAULT_LIMITS, MB, Limits, check_text_size
from reportlint.loaders.rendition import Rendition, cell_text, write_row
from reportlint.source import InputError, Source

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _TBL, _TR, _TC = (f"{_W}{name}" for name in ("p", "r", "t", "tbl", "tr", "tc"))
_BODY, _HYPERLINK = f"{_W}body", f"{_W}hyperlink"
_BR, _CR, _TAB, _PTAB, _HYPHEN = (f"{_W}{name}" for name in ("br", "cr", "tab", "ptab", "noBreakHyphen"))
_TCPR, _VMERGE, _VAL, _BR_TYPE = f"{_W}tcPr", f"{_W}vMerge", f"{_W}val", f"{_W}type"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CHUNK = 64 * 1024


def _damaged(error: Exception) -> InputError:
    return InputError(f"DOCX 文件已损坏或不完整 (damaged or truncated .docx): {type(error).__name__}: {error}")


def _run_text(run: ElementTree.Element) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag == _CR or (tag == _BR and child.get(_BR_TYPE, "textWrapping") == "textWrapping"):
            parts.append("\n")
        elif tag == _HYPHEN:
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph: ElementTree.Element) -> str:
    """Runs directly in the paragraph and in its hyperlinks (python-docx's Paragraph.text)."""
    parts = []
    for child in paragraph:
        if child.tag == _R:
            parts.append(_run_text(child))
        elif child.tag == _HYPERLINK:
            parts.extend(_run_text(run) for run in child if run.tag == _R)
    return "".join(parts)


def _cell(cell: ElementTree.Element) -> str:
    properties = cell.find(_TCPR)
    merge = properties.find(_VMERGE) if properties is not None else None
    if merge is not None and merge.get(_VAL, "continue") == "continue":
        return ""  # the lower part of a vertical merge: empty, as in a text copy
    return cell_text("\n".join(paragraph_text(child) for child in cell if child.tag == _P))


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (word/document.xml as a rule)."""
    try:
        with archive.open("_rels/.rels") as file:
            relations = ElementTree.fromstring(file.read(MB))
        for relation in relations.iter(_RELATIONSHIP):
            if relation.get("Type") == _OFFICE_DOCUMENT:
                return posixpath.normpath(relation.get("Target", "").lstrip("/"))
    except (KeyError, ElementTree.ParseError):
        pass
    return "word/document.xml"


class _Reader:
    """Renders body-level paragraphs and table rows as the parser hands them over."""

    def __init__(self, limits: Limits):
        self.out = Rendition()
        self.paragraphs = self.tables = self.rows = 0
        self.limits = limits
        self.elements = 0
        self.characters = 0
        self.stack: list[ElementTree.Element] = []

    def start(self, element: ElementTree.Element) -> None:
        self.stack.append(element)
        self.elements += 1
        if self.elements > self.limits.text_chars // 2:  # half a million empty paragraphs are no report
            raise InputError(f"DOCX 元素过多 (more than {self.limits.text_chars // 2:,} XML elements)")
        if element.tag == _TBL and self._in_body(element):
            self.tables += 1
            self.rows = 0
            self.out.newline(2)

    def _in_body(self, element: ElementTree.Element) -> bool:
        return len(self.stack) >= 2 and self.stack[-2].tag == _BODY and self.stack[-1] is element

    def end(self, element: ElementTree.Element) -> None:
        parent = self.stack[-2] if len(self.stack) >= 2 else None
        tag = element.tag
        if parent is not None and parent.tag == _BODY:
            if tag == _P:
                self.paragraphs += 1
                text = paragraph_text(element)
                if text.strip():
                    self.out.set_origin(f"段落{self.paragraphs}")
                    self._write(text.replace("\t", " "))
                    self.out.newline()
            elif tag == _TBL:
                self.out.set_origin(None)
                self.out.newline(2)
            parent.remove(element)  # rendered: nothing of it is kept
        elif tag == _TR and parent is not None and parent.tag == _TBL and len(self.stack) >= 3 and self.stack[-3].tag == _BODY:
            self.rows += 1
            self.out.set_origin(f"表{self.tables} 第{self.rows}行")
            cells = [_cell(child) for child in element if child.tag == _TC]
            self.characters += sum(len(cell) for cell in cells)
            self._check_size()
            write_row(self.out, cells)
            parent.remove(element)
        self.stack.pop()

    def _write(self, text: str) -> None:
        self.characters += len(text)
        self._check_size()
        self.out.write(text)

    def _check_size(self) -> None:
        if self.characters > self.limits.text_chars:
            raise InputError(f"文本过长 (text too long: more than {self.limits.text_chars:,} characters)")


def load_docx(data: bytes, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Source:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        name = _main_part(archive)
        info = archive.getinfo(name)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise _damaged(error) from None
    if info.file_size > limits.inflated_bytes:  # declared: refused before anything is inflated
        raise InputError(f"DOCX 内容过大 (the document part inflates to {info.file_size / MB:.0f} MB "
                         f"> {limits.inflated_bytes / MB:.0f} MB)")
    reader = _Reader(limits)
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    inflated = 0
    try:
        with archive.open(info) as part:
            while chunk := part.read(CHUNK):
                inflated += len(chunk)
                if inflated > limits.inflated_bytes:  # actual: zipfile stops at the declared size, but be sure
                    raise InputError(f"DOCX 内容过大 (the document part inflates past {limits.inflated_bytes / MB:.0f} MB)")
                parser.feed(chunk)
                for event, element in parser.read_events():
                    (reader.start if event == "start" else reader.end)(element)
        parser.close()
        for event, element in parser.read_events():
            (reader.start if event == "start" else reader.end)(element)
    except InputError:
        raise
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError, EOFError, RuntimeError) as error:
        raise _damaged(error) from None
    text = reader.out.text
    if not text.strip():
        raise InputError("DOCX 文件中没有文字 (the .docx holds no text)")
    check_text_size(text, limits)
    return Source.from_text(text, path, "docx", kind="docx", origins=reader.out.line_origins())
