"""Load bytes, decode them, and normalise the text while keeping a map back to the original.

Everything downstream (grammar, AST, rules) works on the normalised text; every position it
reports is translated back through :class:`SourceMap` so a finding points at the line and column
a person sees in the file they opened.
"""

from __future__ import annotations

from typing import NamedTuple

import bisect
import codecs
import re

__all__ = [
    "DEBRIS_PATTERN",
    "InputError",
    "Source",
    "SourceMap",
    "Span",
    "decode_bytes",
    "normalise",
]


class InputError(Exception):
    """A file that cannot be read as a report at all (missing, binary, undecodable)."""


class Span(NamedTuple):
    """A range in the *original* text: 1-based line and column, and 0-based offsets."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


# Word and web copies leave these behind; they are removed before parsing and reported by a
# hygiene rule that reads the original text with the same pattern.
DEBRIS_PATTERN = re.compile(
    r"\[bookmark:[^\]\n]{0,80}\]"  # Word bookmarks exported as text
    r"|\?!\?/p>"  # mangled closing tags from CMS exports
    r"|</?(?:p|span|br|div|td|tr)\b[^>\n]{0,80}>"  # stray HTML tags
)

_SPACE_CHARS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"

# One pass over the text. Alternatives are tried left to right at each position, so the order
# matters: line ends first, then whole-line trims, then single characters.
_NORMALISE = re.compile(
    rf"(?P<eol>\r\n|\r|[\x0b\x0c\u2028\u2029])"
    rf"|(?P<lead>(?:(?m:^)|(?<=\A\ufeff))[ {_SPACE_CHARS}]+)"
    rf"|(?P<trail>[ {_SPACE_CHARS}]+(?=\r|\n|$))"
    rf"|(?P<inner>[ {_SPACE_CHARS}]+)"  # dropped only between CJK characters: see _joins
    rf"|(?P<space>[{_SPACE_CHARS}])"
    rf"|(?P<zw>[{_ZERO_WIDTH}])"
    rf"|(?P<debris>{DEBRIS_PATTERN.pattern})"
    # A pinyin reading after a character, 國(guó): some 繁簡 gateways gloss the characters they
    # convert. A syllable with a tone mark is never report text.
    rf"|(?P<gloss>[(（][a-zü]{{0,5}}[{_TONE_MARKS}][a-z{_TONE_MARKS}ü]{{0,5}}[)）])"
)
# Every edit above starts at one of these characters, so the regex is only tried there: most
# lines of Chinese text hold none of them, and a character-class scan is far cheaper than trying
# the alternation at every position.
_TRIGGER = re.compile(rf"[\r\x0b\x0c\u2028\u2029 {_SPACE_CHARS}{_ZERO_WIDTH}\[?<(（]")
_REPLACEMENT = {
    "eol": "\n",
    "lead": "",
    "trail": "",
    "inner": "",
    "space": " ",
    "zw": "",
    "debris": "",
    "gloss": "",
}


class SourceMap:
    """Maps offsets in the normalised text back to offsets, lines and columns in the original.

    Stored as runs in which the two texts advance together, so memory stays proportional to the
    number of edits, not to the size of the file.
    """

    __slots__ = ("_norm_starts", "_orig_starts", "_line_starts", "_orig_len", "_then", "_root")

    def __init__(self, original: str, norm_starts: list[int], orig_starts: list[int],
                 then: SourceMap | None = None):
        """``then`` maps further, when ``original`` is itself a rendition of another text
        (a web page rendered to lines): offsets end up in ``then``'s original."""
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self._orig_len = len(original)
        self._then = then
        # The text spans finally point into (a reference, not a copy): a span must not end on a
        # line break, which on a CRLF file would put its end a column past the line.
        self._root: str = original if then is None else then._root
        if then is None:
            starts = [0]
            for match in re.finditer(r"\r\n|\r|\n", original):
                starts.append(match.end())
            self._line_starts = starts
        else:
            self._line_starts = then._line_starts

    def _own_offset(self, norm_offset: int) -> int:
        index = bisect.bisect_right(self._norm_starts, norm_offset) - 1
        if index < 0:
            return 0
        offset = self._orig_starts[index] + (norm_offset - self._norm_starts[index])
        # An offset inside a replaced run maps to the run's start; never past the text.
        if index + 1 < len(self._orig_starts):
            offset = min(offset, self._orig_starts[index + 1])
        return min(offset, self._orig_len)

    def original_offset(self, norm_offset: int) -> int:
        offset = self._own_offset(norm_offset)
        return self._then.original_offset(offset) if self._then is not None else offset

    def line_column(self, orig_offset: int) -> tuple[int, int]:
        line_index = bisect.bisect_right(self._line_starts, orig_offset) - 1
        return line_index + 1, orig_offset - self._line_starts[line_index] + 1

    def span(self, norm_start: int, norm_end: int) -> Span:
        start = self.original_offset(norm_start)
        # The end is just after the last character inside the span, so characters that
        # normalisation dropped right after it (a space, a bookmark) stay outside.
        if norm_end > norm_start:
            last = self.original_offset(norm_end - 1)
            # The newline normalisation added after the last line maps to the end of the text,
            # and a CRLF maps to its CR: neither belongs inside a span.
            end = last if last >= len(self._root) or self._root[last] in "\r\n" else last + 1
        else:
            end = start
        return self.original_span(start, end)

    def original_span(self, start: int, end: int) -> Span:
        length = len(self._root)
        start = min(start, length)
        end = max(start, min(end, length))
        line, column = self.line_column(start)
        end_line, end_column = self.line_column(end)
        return Span(start, end, line, column, end_line, end_column)


class Source(NamedTuple):
    """A report's text: the original as decoded, the normalised text the parser reads, the map.

    For a Word or PDF file, ``original`` is the text reportlint rendered from it and ``origins``
    says, for each of its lines, where in the document that line came from (page, table, row);
    for a web page, ``original`` is the page's HTML and spans point into it.
    """

    original: str
    text: str
    map: SourceMap
    path: str | None = None
    encoding: str = "utf-8"
    kind: str = "text"  # text | html | docx | pdf
    origins: tuple[str | None, ...] | None = None
    # The visible text before normalisation: the original itself for text files, the text
    # rendered from the page for HTML. Rules that look for debris or personal data read this.
    rendition: str = ""
    rendition_map: SourceMap | None = None

    @classmethod
    def from_text(cls, original: str, path: str | None = None, encoding: str = "utf-8", *,
                  kind: str = "text", origins: tuple[str | None, ...] | None = None) -> Source:
        text, source_map = normalise(original)
        if is_traditional(text):
            text = to_simplified(text)
        return cls(original, text, source_map, path, encoding, kind, origins, original, None)

    @classmethod
    def from_rendition(cls, page: str, rendition: str, rendition_map: SourceMap, path: str | None = None,
                       encoding: str = "utf-8", kind: str = "html",
                       origins: tuple[str | None, ...] | None = None) -> Source:
        """A text rendered from ``page`` (e.g. HTML); spans map through to ``page``."""
        text, own = normalise(rendition)
        if is_traditional(text):
            text = to_simplified(text)
        composed = SourceMap(rendition, own._norm_starts, own._orig_starts, then=rendition_map)
        return cls(page, text, composed, path, encoding, kind, origins, rendition, rendition_map)

    def rendition_span(self, start: int, end: int) -> Span:
        """The span in the original of ``rendition[start:end]``."""
        if self.rendition_map is None:
            return self.map.original_span(start, end)
        first = self.rendition_map.original_offset(start)
        last = self.rendition_map.original_offset(max(start, end - 1)) + 1
        return self.map.original_span(first, max(first, last))

    def origin(self, span: Span | None) -> str | None:
        """Where a span is in the document, for formats without meaningful lines (page, cell)."""
        if span is None or not self.origins or not 0 < span.line <= len(self.origins):
            return None
        label = self.origins[span.line - 1]
        if label and label.endswith("行"):  # a table row: name the cell by counting tabs
            line = self.original_lines()[span.line - 1]
            label += f" 第{line[: span.column - 1].count(chr(9)) + 1}列"
        return label

    def original_lines(self) -> list[str]:
        return re.split(r"\r\n|\r|\n", self.original)


# Characters found only in traditional writing, common in every report (報告, 公開, 資訊, 處理 …).
_TRADITIONAL = frozenset("報開與處體機關會應條務辦請況總數項結實於們當對這說為將經過區縣鄉鎮級發網統計議類權規費書見現門問題")
_SIMPLIFIED = frozenset("报开与处体机关会应条务办请况总数项结实于们当对这说为将经过区县乡镇级发网统计议类权规费书见现门问题")
# How many such characters, and what share of the pair, make a text traditional.
MIN_TRADITIONAL = 20


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (a 繁體 mirror of a report)."""
    traditional = sum(1 for char in text if char in _TRADITIONAL)
    if traditional < MIN_TRADITIONAL:
        return False
    simplified = sum(1 for char in text if char in _SIMPLIFIED)
    return traditional > simplified


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, character for character, so that every offset into it
    is an offset into the original too. OpenCC does the conversion (it knows which traditional
    characters have one simplified form); a line whose conversion changes its length (a phrase
    rule) is converted one character at a time instead."""
    import opencc  # only for traditional text: most runs never load it

    converter = opencc.OpenCC("t2s")
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        simple = converter.convert(line)
        if len(simple) != len(line):
            simple = "".join(part if len(part := converter.convert(char)) == 1 else char for char in line)
        lines.append(simple)
    return "\n".join(lines)


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _is_cjk_or_mark(char: str) -> bool:
    """A CJK character or CJK punctuation (、。《》「」 and the full-width forms ，：；（）)."""
    return _is_cjk(char) or "\u3000" < char <= "\u303f" or "\uff01" <= char <= "\uff5e"


def _joins(before: str, after: str) -> bool:
    """Whether spaces between ``before`` and ``after`` are typing noise (``2020 年``, ``信息 公开``).

    Written as a test rather than as character classes in _NORMALISE: a class spanning the CJK
    block costs CPython ~1.5 ms to compile, three times over, in every process."""
    if not before or not after:
        return False
    # A PDF's text layer spaces out justified lines: 三 、本 年 度办 理 结果, 号 ， 邮 编 ：
    if (_is_cjk_or_mark(before) or before in "0123456789.:)") and (_is_cjk_or_mark(after) or after in "("):
        return True
    return _is_cjk(before) and after in "0123456789"


def normalise(original: str) -> tuple[str, SourceMap]:
    """Return the normalised text and the map back to ``original``.

    Line ends become ``\\n``; leading and trailing spaces of every line are dropped (tabs are
    kept: they separate table cells); exotic spaces become plain spaces; spaces between CJK
    characters and digits (``2020 年``) are dropped; zero-width characters and conversion debris
    are removed. The result always ends with a newline.
    """
    pieces: list[str] = []
    norm_starts = [0]
    orig_starts = [0]
    norm_pos = 0
    orig_pos = 0
    resume = 0

    def edit(start: int, end: int, replacement: str) -> None:
        nonlocal norm_pos, orig_pos
        if start > orig_pos:
            pieces.append(original[orig_pos:start])
            norm_pos += start - orig_pos
        pieces.append(replacement)
        norm_pos += len(replacement)
        orig_pos = end
        # A new run starts after every edit; the characters of a replacement map to its start.
        norm_starts.append(norm_pos)
        orig_starts.append(orig_pos)

    for trigger in _TRIGGER.finditer(original):
        start = trigger.start()
        if start < orig_pos or start < resume:
            continue  # inside the previous edit or space run
        match = _NORMALISE.match(original, start)
        if match is None:
            continue
        end = match.end()
        if start == end:
            continue
        kind = match.lastgroup or "space"
        if kind == "gloss" and not (start and _is_cjk(original[start - 1])):
            continue
        if kind == "inner" and not _joins(original[start - 1] if start else "", original[end : end + 1]):
            # Spaces between words stay; an exotic space among them still becomes a plain one.
            for position in range(start, end):
                if original[position] != " ":
                    edit(position, position + 1, " ")
            resume = end
            continue
        edit(start, end, _REPLACEMENT[kind])
    if orig_pos < len(original):
        pieces.append(original[orig_pos:])
        norm_pos += len(original) - orig_pos
    if not pieces or not pieces[-1].endswith("\n"):
        pieces.append("\n")
        norm_starts.append(norm_pos + 1)
        orig_starts.append(len(original))
    return "".join(pieces), SourceMap(original, norm_starts, orig_starts)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: nearly every other byte of ASCII and CJK text is a NUL or not."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a report's bytes, returning ``(text, encoding used)``.

    Order: an explicit ``encoding``; a BOM; UTF-16 without BOM; strict UTF-8; GB18030 (a
    superset of GBK and GB2312, the usual encodings of Chinese government pages).
    Raises :class:`InputError` for binary or undecodable data.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as error:
            raise InputError(f"cannot decode as {encoding}: {error}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise InputError(f"invalid {name} text: {error.reason} at byte {error.start}") from None
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise InputError("binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                f"undecodable bytes at offset {utf8_error.start} (neither UTF-8 nor GB18030); "
                "use --encoding to name the encoding"
            ) from None
