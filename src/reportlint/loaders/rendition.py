"""Building the line rendition of a structured document, with a map back to its source."""

from __future__ import annotations

from reportlint.source import SourceMap


class Rendition:
    """Text written piece by piece; each piece remembers where in the source it came from.

    ``origins`` holds, for each line written, a label such as ``第2页 表1 第5行`` (formats with no
    lines of their own) or None.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._rend_starts: list[int] = [0]
        self._source_starts: list[int] = [0]
        self.origins: list[str | None] = []
        self._line_origin: str | None = None
        self._at_line_start = True

    def write(self, text: str, source_offset: int | None = None) -> None:
        """Append ``text``; with ``source_offset``, its characters map to the source from there."""
        if not text:
            return
        if source_offset is not None:
            self._rend_starts.append(self._length)
            self._source_starts.append(source_offset)
        for index, line in enumerate(text.split("\n")):
            if index:
                self._end_line()
            if line:
                self._at_line_start = False
        self._parts.append(text)
        self._length += len(text)

    def _end_line(self) -> None:
        self.origins.append(self._line_origin)
        self._at_line_start = True

    def newline(self, count: int = 1) -> None:
        """End the current line (if it has text) and add ``count - 1`` blank lines."""
        if not self._at_line_start:
            self.write("\n")
        for _ in range(count - 1):
            self.write("\n")

    def set_origin(self, label: str | None) -> None:
        """The origin label for the lines written from now on."""
        self._line_origin = label

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def line_origins(self) -> tuple[str | None, ...]:
        origins = list(self.origins)
        if not self._at_line_start:
            origins.append(self._line_origin)
        return tuple(origins)

    def extend(self, other: Rendition, shift: int) -> None:
        """Append ``other``, whose source offsets start ``shift`` characters into this one's
        source (a fragment rendered on its own)."""
        base = self._length
        self._rend_starts += [base + start for start in other._rend_starts]
        self._source_starts += [shift + start for start in other._source_starts]
        self._parts += other._parts
        self._length += other._length
        self.origins += other.origins
        self._at_line_start = other._at_line_start

    def source_map(self, source: str) -> SourceMap:
        return SourceMap(source, self._rend_starts, self._source_starts)


def cell_text(text: str) -> str:
    """A table cell's text on one line: wrapped lines joined, tabs and pipes made harmless."""
    joined = "".join(part.strip() for part in text.replace("\r", "\n").split("\n"))
    return joined.replace("\t", " ").replace("|", "｜")


def write_row(rendition: Rendition, cells: list[str]) -> None:
    """One table row as tab-separated cells; a one-cell row keeps a tab so it stays a row."""
    rendition.write("\t".join(cells) + ("\t" if len(cells) == 1 else ""))
    rendition.newline()
