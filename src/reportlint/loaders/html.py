"""Web pages as saved from a government site: the article, its tables, its metadata.

Parsed with the standard library's ``html.parser`` (no dependency, and it reports the source
position of every piece of text, so findings point at the cell's text in the HTML file).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reportlint.loaders.rendition import Rendition, cell_text
from reportlint.source import Source

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


class _TreeBuilder(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", page)]
        self.root = Node("#root", {}, 0)
        self.stack = [self.root]
        self.meta: dict[str, tuple[str, int]] = {}
        self.title: tuple[str, int] | None = None
        self._in_title = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key:
                self.meta[key] = (attributes.get("content", ""), self._offset())
            return
        if tag == "title":
            self._in_title = True
        node = Node(tag, attributes, self._offset())
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self._in_title:
            self.title = (data.strip(), self._offset())
        self.stack[-1].children.append(Text(data, self._offset()))

    def handle_entityref(self, name):
        self.stack[-1].children.append(Text(html.unescape(f"&{name};"), self._offset(), raw=True))

    def handle_charref(self, name):
        self.stack[-1].children.append(Text(html.unescape(f"&#{name};"), self._offset(), raw=True))


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


def load_html(page: str, path: str | None = None, encoding: str = "utf-8", *, whole: bool = False) -> Source:
    """A web page rendered to lines: its article (or, with ``whole``, everything: Markdown whose
    tables a converter kept as HTML)."""
    builder = _TreeBuilder(page)
    try:
        builder.feed(page)
        builder.close()
    except Exception as error:  # html.parser is lenient; anything it still rejects is not a page
        from reportlint.source import InputError

        raise InputError(f"无法解析网页 (cannot parse the HTML page): {error}") from None
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
    renderer.block(builder.root if whole else _article(builder.root))
    rendition.newline()
    return Source.from_rendition(page, rendition.text, rendition.source_map(page), path, encoding, "html")
