"""Web pages as saved from a government site: the article, its tables, its metadata.

Read by a small tokenizer of its own rather than the standard library's ``html.parser``: that one
rescans the rest of the page for every construct it cannot finish (``<![CDATA[`` repeated is
quadratic), and charrefs with thousands of digits make it raise. This one looks for each
construct's end once, and an unfinished construct takes the rest of the page, so every page
is read in linear time; every piece of text keeps its offset in the page, so findings point at
the cell's text in the HTML file. Nesting deeper than :data:`MAX_DEPTH` is flattened, so nothing
downstream recurses deeper than that.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from reportlint.loaders import DEFAULT_LIMITS, Limits, check_text_size
from reportlint.loaders.rendition import Rendition, cell_text
from reportlint.source import InputError, Source

_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button", "select", "option", "head"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"})
_BLOCK = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "form", "fieldset", "address", "figure", "nav", "aside",
    "caption",
})
# The metadata government sites put in <meta> (the site metadata standard names them this way).
_TITLE_META = ("articletitle", "title", "og:title")
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time")
# The article is the deepest element holding at least this share of the page's visible text.
ARTICLE_SHARE = 0.6
# Real pages nest a few dozen elements deep; deeper elements become part of the one above.
MAX_DEPTH = 200
# Elements and pieces of text per character of the text limit: a page of a million empty
# elements is not a report, and each element costs a few hundred bytes.
NODES_PER_TEXT_CHAR = 0.2


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    offset: int
    children: list = field(default_factory=list)  # Node | Text
    text_length: int = 0


@dataclass
class Text:
    text: str
    offset: int  # where the text starts in the page
    raw: bool = False  # an entity: all characters map to its start


# Charrefs are bounded: html.unescape turns the digits into an int, which refuses 4,300 of them.
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_SPACE = re.compile(r"\s+")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=][^\s"'<>/=]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*))?""")
# Elements whose content is not markup (html.parser's CDATA_CONTENT_ELEMENTS).
_RAW_TEXT = {name: re.compile(rf"</{name}\b", re.IGNORECASE) for name in ("script", "style")}


def _unescape(text: str) -> str:
    return _ENTITY.sub(lambda match: html.unescape(match.group()), text) if "&" in text else text


class _TreeBuilder:
    """The page as a tree of :class:`Node` and :class:`Text`, and its metadata."""

    def __init__(self, page: str, max_nodes: int):
        self.page = page
        self.root = Node("#root", {}, 0)
        self.stack = [self.root]
        self.open_counts: dict[str, int] = {}  # tag → elements of that tag on the stack
        self.meta: dict[str, tuple[str, int]] = {}
        self.title: tuple[str, int] | None = None
        self._in_title = False
        self._nodes = 0
        self._max_nodes = max_nodes

    def _add(self, child) -> None:
        self._nodes += 1
        if self._nodes > self._max_nodes:
            raise InputError(f"网页元素过多 (the page has more than {self._max_nodes:,} elements and texts)")
        self.stack[-1].children.append(child)

    def feed(self, page: str) -> None:
        length = len(page)
        position = 0
        while position < length:
            start = page.find("<", position)
            if start < 0:
                self.data(position, length)
                return
            if start > position:
                self.data(position, start)
            position = self._markup(page, start)

    def _markup(self, page: str, start: int) -> int:
        """Read the construct at ``page[start] == "<"``; return where reading goes on."""
        if page.startswith("<!--", start):
            return self._past(page, "-->", start + 4)
        if page.startswith("<![CDATA[", start):
            end = page.find("]]>", start + 9)
            self.data(start + 9, end if end >= 0 else len(page))
            return end + 3 if end >= 0 else len(page)
        if page.startswith(("<!", "<?"), start):  # a declaration, or a processing instruction
            return self._past(page, ">", start + 2)
        name = _TAG_NAME.match(page, start)
        if name is None:
            if page.startswith("</", start):  # </ and no name: a bogus comment, as browsers read it
                return self._past(page, ">", start + 2)
            self.data(start, start + 1)  # a lone "<" is text
            return start + 1
        tag = name.group(1).lower()
        attributes, position, self_closing = self._attributes(page, name.end())
        if page.startswith("</", start):
            self.end_tag(tag)
            return position
        if self_closing:
            self.start_end_tag(tag, attributes, start)
        else:
            self.start_tag(tag, attributes, start)
        raw_end = _RAW_TEXT.get(tag)
        if raw_end is not None and not self_closing:
            closing = raw_end.search(page, position)
            end = closing.start() if closing else len(page)
            self.data(position, end)
            return end
        return position

    @staticmethod
    def _past(page: str, terminator: str, position: int) -> int:
        end = page.find(terminator, position)
        return len(page) if end < 0 else end + len(terminator)

    def _attributes(self, page: str, position: int) -> tuple[dict[str, str], int, bool]:
        """A tag's attributes from ``position``; where the tag ends; whether it ends with />.
        Every step consumes at least one character, and no pattern scans past what it consumes."""
        attributes: dict[str, str] = {}
        length = len(page)
        while position < length:
            space = _SPACE.match(page, position)
            if space:
                position = space.end()
                continue
            char = page[position]
            if char == ">":
                return attributes, position + 1, False
            if page.startswith("/>", position):
                return attributes, position + 2, True
            match = _ATTRIBUTE.match(page, position)
            if match is None:
                position += 1  # a stray quote, "/" or "<": skipped, as browsers do
                continue
            value = match.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            attributes.setdefault(match.group(1).lower(), _unescape(value))
            position = match.end()
        return attributes, length, False

    def data(self, start: int, end: int) -> None:
        """The text ``page[start:end]``, entities as pieces of their own."""
        text = self.page[start:end]
        if self._in_title:
            self.title = (_unescape(text).strip(), start)
        if "&" not in text:
            self._add(Text(text, start))
            return
        position = 0
        for entity in _ENTITY.finditer(text):
            if entity.start() > position:
                self._add(Text(text[position : entity.start()], start + position))
            self._add(Text(html.unescape(entity.group()), start + entity.start(), raw=True))
            position = entity.end()
        if position < len(text):
            self._add(Text(text[position:], start + position))

    def start_tag(self, tag: str, attributes: dict[str, str], offset: int) -> None:
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key:
                self.meta[key] = (attributes.get("content", ""), offset)
            return
        if tag == "title":
            self._in_title = True
        node = Node(tag, attributes, offset)
        self._add(node)
        if tag not in _VOID and len(self.stack) <= MAX_DEPTH:
            self.stack.append(node)
            self.open_counts[tag] = self.open_counts.get(tag, 0) + 1

    def start_end_tag(self, tag: str, attributes: dict[str, str], offset: int) -> None:
        depth = len(self.stack)
        self.start_tag(tag, attributes, offset)
        if len(self.stack) > depth:
            self._pop_to(depth)

    def end_tag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if not self.open_counts.get(tag):
            return  # nothing open to close: ignored, without a look down the stack
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                self._pop_to(index)
                return

    def _pop_to(self, depth: int) -> None:
        for node in self.stack[depth:]:
            self.open_counts[node.tag] -= 1
        del self.stack[depth:]


def _measure(node: Node) -> int:
    if node.tag in _SKIP:
        node.text_length = 0
        return 0
    total = 0
    for child in node.children:
        total += _measure(child) if isinstance(child, Node) else len(child.text.strip())
    node.text_length = total
    return total


def _article(root: Node) -> Node:
    """The deepest element that still holds most of the page's text: the article, not the
    navigation, the footer and the share buttons around it."""
    total = _measure(root)
    node = root
    while True:
        heavy = [child for child in node.children if isinstance(child, Node) and child.text_length >= ARTICLE_SHARE * total]
        if not heavy:
            return node
        node = heavy[0]


class _Renderer:
    def __init__(self, rendition: Rendition):
        self.out = rendition
        self.tables = 0
        self.paragraphs = 0

    def inline(self, node: Node, pieces: list[tuple[str, int, bool]]) -> None:
        """Collect a subtree's text as (text, offset, raw) pieces, for a cell."""
        for child in node.children:
            if isinstance(child, Text):
                pieces.append((child.text, child.offset, child.raw))
            elif child.tag not in _SKIP:
                if child.tag in ("br", "p", "div") and pieces:
                    pieces.append(("\n", child.offset, True))
                self.inline(child, pieces)

    def write_text(self, text: str, offset: int, raw: bool) -> None:
        # Runs of white space in HTML are one space; the normaliser drops it between CJK text.
        if raw:
            self.out.write(text.replace("\u00a0", " "), offset)
            return
        position = 0
        for match in re.finditer(r"\s+", text):
            if match.start() > position:
                self.out.write(text[position : match.start()], offset + position)
            self.out.write(" ", offset + match.start())
            position = match.end()
        if position < len(text):
            self.out.write(text[position:], offset + position)

    def block(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Text):
                self.write_text(child.text, child.offset, child.raw)
                continue
            if child.tag in _SKIP:
                continue
            if child.tag == "table":
                self.table(child)
            elif child.tag == "br":
                self.out.newline()
            elif child.tag in _BLOCK:
                self.out.newline()
                self.paragraphs += 1
                self.out.set_origin(f"段落{self.paragraphs}")
                self.block(child)
                self.out.newline()
            else:
                self.block(child)

    def table(self, node: Node) -> None:
        self.tables += 1
        self.out.newline(2)
        rows = list(_descendants(node, "tr"))
        for number, row in enumerate(rows, start=1):
            self.out.set_origin(f"表{self.tables} 第{number}行")
            cells = [child for child in row.children if isinstance(child, Node) and child.tag in ("td", "th")]
            for index, cell in enumerate(cells):
                pieces: list[tuple[str, int, bool]] = []
                self.inline(cell, pieces)
                if index:
                    self.out.write("\t")
                self._write_cell(pieces)
            if len(cells) == 1:
                self.out.write("\t")
            self.out.newline()
        self.out.set_origin(None)
        self.out.newline(2)

    def _write_cell(self, pieces: list[tuple[str, int, bool]]) -> None:
        if not cell_text("".join(piece for piece, _, _ in pieces)):
            return
        # Write the pieces one by one so each character keeps its place in the page.
        for piece, offset, raw in pieces:
            clean = cell_text(piece) if not raw else piece.replace("\n", "").replace("\u00a0", " ")
            if not raw:
                leading = len(piece) - len(piece.lstrip())
                offset += leading
            if clean:
                self.out.write(clean, offset)


def _descendants(node: Node, tag: str):
    """``tag`` elements below ``node``, not looking into nested tables."""
    for child in node.children:
        if isinstance(child, Node):
            if child.tag == tag:
                yield child
            elif child.tag != "table":
                yield from _descendants(child, tag)


def _meta(builder: _TreeBuilder, names: tuple[str, ...]) -> tuple[str, int] | None:
    for name in names:
        if name in builder.meta and builder.meta[name][0].strip():
            return builder.meta[name]
    return None


def load_html(page: str, path: str | None = None, encoding: str = "utf-8", limits: Limits = DEFAULT_LIMITS) -> Source:
    """A web page rendered to lines: its article."""
    builder = _TreeBuilder(page, max(1000, int(limits.text_chars * NODES_PER_TEXT_CHAR)))
    builder.feed(page)
    rendition = Rendition()
    title = _meta(builder, _TITLE_META) or builder.title
    if title:
        rendition.set_origin("网页标题")
        rendition.write(title[0].strip(), title[1])
        rendition.newline(2)
    published = _meta(builder, _DATE_META)
    if published:
        rendition.set_origin("网页发布日期")
        date = re.match(r"\s*(\d{4}-\d{1,2}-\d{1,2})", published[0])
        if date:
            rendition.write("发布日期：")
            rendition.write(date.group(1), published[1])
            rendition.newline(2)
    rendition.set_origin(None)
    renderer = _Renderer(rendition)
    renderer.block(_article(builder.root))
    rendition.newline()
    check_text_size(rendition.text, limits)
    return Source.from_rendition(page, rendition.text, rendition.source_map(page), path, encoding, "html")


_TABLE_FRAGMENT = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)


def load_text_with_tables(text: str, path: str | None = None, encoding: str = "utf-8",
                          limits: Limits = DEFAULT_LIMITS) -> Source:
    """Text (Markdown) whose tables a converter kept as HTML (pandoc keeps merged cells that way):
    the text as it is, each ``<table>`` rendered row by row, spans in the file as written."""
    rendition = Rendition()
    position = 0
    for match in _TABLE_FRAGMENT.finditer(text):
        _write_without_tags(rendition, text, position, match.start())
        rendition.newline(2)
        builder = _TreeBuilder(match.group(), max(1000, int(limits.text_chars * NODES_PER_TEXT_CHAR)))
        builder.feed(match.group())
        table = Rendition()
        _Renderer(table).block(builder.root)
        rendition.extend(table, match.start())
        rendition.newline(2)
        position = match.end()
    _write_without_tags(rendition, text, position, len(text))
    rendition.newline()
    check_text_size(rendition.text, limits)
    return Source.from_rendition(text, rendition.text, rendition.source_map(text), path, encoding, "text")


# A converter that keeps tables as HTML keeps the page's other markup too (pandoc writes every
# <div> it cannot express); that markup is the converter's, not the report's debris.
_MARKUP = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,2000})?/?>", re.DOTALL)


def _write_without_tags(rendition: Rendition, text: str, start: int, end: int) -> None:
    position = start
    for tag in _MARKUP.finditer(text, start, end):
        rendition.write(text[position:tag.start()], position)
        position = tag.end()
    rendition.write(text[position:end], position)
