"""A PDF page's characters and ruling lines read by PDFium (pypdfium2), in the form pdfplumber's
table finder and text extraction take them.

Where a PDF's time went: pdfminer, under pdfplumber, interprets every content stream in Python
(~85 % of a 6-page report's 0.9 s), while PDFium does the same in C in a few milliseconds per
page. The layout analysis that follows (ruling lines to cells, characters to lines of text) is
pdfplumber's, unchanged: only its input comes from PDFium. The objects are built as pdfminer
would describe them — a character's box is its advance by the font size, standing on the font's
descent; a path becomes a line, a rectangle or a curve by the same tests — so the corpus PDFs
give the same cells and lines as before (the test suite compares the renditions).

PDFium is Apache-2.0/BSD-3-Clause, pypdfium2 likewise; pdfplumber (MIT) already depends on it.
"""

from __future__ import annotations

import ctypes
from typing import Any

# Forms nest; real documents a few levels deep.
MAX_FORM_DEPTH = 8


class PdfiumPage:
    """What pdfplumber's TableFinder, Table.extract and chars_to_textmap read from a page."""

    def __init__(self, pdf: Any, index: int, doctop: float):
        import pypdfium2.raw as pdfium

        page = pdf[index]
        try:
            left, bottom, right, top = page.get_mediabox()
            self.width, self.height = right - left, top - bottom
            self.bbox = (0, 0, self.width, self.height)
            self._origin = (left, bottom)
            self.doctop = doctop
            self.chars = self._chars(page, pdfium)
            self.edges = self._edges(page, pdfium)
        finally:
            page.close()

    def _to_top(self, y: float) -> float:
        return self.height - (y - self._origin[1])

    def _chars(self, page: Any, pdfium: Any) -> list[dict]:
        text_page = page.get_textpage()
        try:
            raw = text_page.raw
            box = pdfium.FS_RECTF()
            matrix = pdfium.FS_MATRIX()
            origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
            chars = []
            x_origin = self._origin[0]
            for index in range(pdfium.FPDFText_CountChars(raw)):
                if pdfium.FPDFText_IsGenerated(raw, index) == 1:
                    continue  # spaces and line ends PDFium adds itself; pdfminer has none
                code = pdfium.FPDFText_GetUnicode(raw, index)
                if code in (0x0D, 0x0A, 0xFFFE) or not pdfium.FPDFText_GetLooseCharBox(raw, index, box):
                    continue
                pdfium.FPDFText_GetMatrix(raw, index, matrix)
                pdfium.FPDFText_GetCharOrigin(raw, index, origin_x, origin_y)
                upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6
                size = pdfium.FPDFText_GetFontSize(raw, index) * (abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5)
                baseline = self._to_top(origin_y.value)
                loose_top, loose_bottom = self._to_top(box.top), self._to_top(box.bottom)
                if not upright:
                    x0, x1, top, bottom = box.left, box.right, loose_top, loose_bottom
                elif loose_top <= baseline + 0.01 and baseline <= loose_bottom + 0.01 and box.right - box.left <= 2 * size + 1:
                    # pdfminer's box: the advance wide, the font size high, standing on the
                    # descent (PDFium's loose box reaches up to the ascent instead).
                    x0, x1, bottom = box.left, box.right, loose_bottom
                    top = bottom - size
                else:  # vertical writing: PDFium's box runs along the column, pdfminer's is an em at the origin
                    x0, x1, bottom = origin_x.value, origin_x.value + size, baseline
                    top = bottom - size
                x0, x1 = x0 - x_origin, x1 - x_origin
                chars.append({
                    "object_type": "char", "text": chr(code), "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                    "doctop": top + self.doctop, "width": x1 - x0, "height": bottom - top, "size": size,
                    "upright": upright, "matrix": (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f),
                    "fontname": "",
                })
            return chars
        finally:
            text_page.close()

    def _edges(self, page: Any, pdfium: Any) -> list[dict]:
        """Edges as pdfplumber's page.edges lists them: lines', then rectangles', then curves'."""
        found: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}
        self._walk(pdfium, page.raw, pdfium.FPDFPage_CountObjects, pdfium.FPDFPage_GetObject, (1, 0, 0, 1, 0, 0), 0, found)
        return found["line"] + found["rect"] + found["curve"]

    def _walk(self, pdfium: Any, parent: Any, count, get, outer: tuple, depth: int, found: dict) -> None:
        matrix = pdfium.FS_MATRIX()
        for index in range(count(parent)):
            obj = get(parent, index)
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind not in (pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM):
                continue
            if not pdfium.FPDFPageObj_GetMatrix(obj, matrix):
                continue
            own = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == pdfium.FPDF_PAGEOBJ_FORM:
                if depth < MAX_FORM_DEPTH:
                    self._walk(pdfium, obj, pdfium.FPDFFormObj_CountObjects, pdfium.FPDFFormObj_GetObject, own, depth + 1, found)
                continue
            fill, stroke = ctypes.c_int(), ctypes.c_int()
            if not pdfium.FPDFPath_GetDrawMode(obj, fill, stroke) or (fill.value == 0 and not stroke.value):
                continue  # a path that paints nothing: pdfminer makes no object of it
            for subpath in self._subpaths(pdfium, obj, own):
                self._classify(subpath, found)

    def _subpaths(self, pdfium: Any, obj: Any, matrix: tuple):
        """Each subpath as pdfminer's paint_path sees it: operators ("m", "l", "c", "h") and the
        end point of each, in pdfplumber's page coordinates."""
        x, y = ctypes.c_float(), ctypes.c_float()
        shape: list[str] = []
        points: list[tuple[float, float]] = []
        segments = pdfium.FPDFPath_CountSegments(obj)
        bezier_run = 0
        for index in range(segments):
            segment = pdfium.FPDFPath_GetPathSegment(obj, index)
            kind = pdfium.FPDFPathSegment_GetType(segment)
            pdfium.FPDFPathSegment_GetPoint(segment, x, y)
            point = self._point(matrix, x.value, y.value)
            if kind == pdfium.FPDF_SEGMENT_MOVETO:
                if shape:
                    yield shape, points
                shape, points, bezier_run = ["m"], [point], 0
                continue
            if not shape:
                continue
            if kind == pdfium.FPDF_SEGMENT_BEZIERTO:
                bezier_run += 1  # PDFium gives a Bézier as three points; pdfminer keeps its end point
                if bezier_run % 3:
                    continue
                shape.append("c")
            else:
                shape.append("l")
            points.append(point)
            if pdfium.FPDFPathSegment_GetClose(segment):
                shape.append("h")
                points.append(points[0])
        if shape:
            yield shape, points

    def _point(self, matrix: tuple, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = matrix
        page_x, page_y = a * x + c * y + e, b * x + d * y + f
        return page_x - self._origin[0], self._to_top(page_y)

    def _classify(self, subpath: tuple[list[str], list[tuple[float, float]]], found: dict) -> None:
        shape, points = list(subpath[0]), list(subpath[1])
        if len(shape) > 3 and shape[-2:] == ["l", "h"] and points[-2] == points[0]:
            shape[-2:] = ["h"]  # a redundant lineto back to the start before closing
            del points[-2]
        text = "".join(shape)
        if text in ("mlh", "ml"):
            (x0, y0), (x1, y1) = points[0], points[1]
            edge = _box("line", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), self.doctop)
            edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"
            found["line"].append(edge)
            return
        if text in ("mlllh", "mllll") and len(points) == 5:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if points[0] == points[4] and square:
                left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
                for edge in (_box("rect_edge", left, top, right, top, self.doctop, "h"),
                             _box("rect_edge", left, bottom, right, bottom, self.doctop, "h"),
                             _box("rect_edge", left, top, left, bottom, self.doctop, "v"),
                             _box("rect_edge", right, top, right, bottom, self.doctop, "v")):
                    found["rect"].append(edge)
                return
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            orientation = "v" if x0 == x1 else ("h" if y0 == y1 else None)
            edge = _box("curve_edge", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), self.doctop, orientation)
            found["curve"].append(edge)


def _box(kind: str, x0: float, top: float, x1: float, bottom: float, doctop: float, orientation: str | None = None) -> dict:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top + doctop,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def _multiply(inner: tuple, outer: tuple) -> tuple:
    """The matrix that applies ``inner`` then ``outer`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
