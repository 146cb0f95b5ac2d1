"""Who wrote a report and for which year: the agency as printed, a key to match it across
reports, its kind (which sets its deadline), and where each was read.

The agency is read from the title (``平潭综合实验区2023年度政府信息公开工作年度报告``,
``2023年洪泽区人民政府政府信息公开工作年度报告``), else from the signature (the organ above the
date), else from a page's 发布机构 line. Its kind comes from how the name ends (街道办事处, 镇,
管委会, 县人民政府, …); where the name does not settle it (a 市 can be prefecture- or
county-level; a zone may report as a department or as a government) every plausible kind is
kept, so that a rule can give the agency the benefit of the doubt.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reportlint.parsing.ast import Document, Paragraph
from reportlint.source import Span

# The organ before the year, or between the year and 政府信息公开 / 政务公开.
_ORGAN_BEFORE_YEAR = re.compile(r"^(?:标题[:：]\s*)?(.{2,40}?)[（(]?(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")
_ORGAN_AFTER_YEAR = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年度?\s*(.{2,40}?)(?:关于)?(?:政府信息公开|政务公开|信息公开)")
# A page's publisher line; the name ends where the page's next field (时间：…) runs into it.
_PUBLISHER = re.compile(r"(?:发布机构|发文机关|来源|信息来源)[:：]\s*(\S{2,40}?)(?=\s|(?:发布)?(?:时间|日期)[:：]|浏览|$)")
# A report's title printed as a line of its own below a page's header (a web page converted to
# Markdown, whose first line is the site's logo).
_MARKUP = re.compile(r"\*{2,}|_{2,}|^#+\s*")
_TITLE_LINE = re.compile(r"(?:政府信息公开|政务公开|信息公开).{0,10}(?:年度报告|年报)\s*$")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

_STREET = ("街道办事处", "街道办", "街道")
_TOWNSHIP = ("乡人民政府", "镇人民政府", "乡政府", "镇政府", "苏木", "乡", "镇")
_ZONE = ("管理委员会", "管委会", "开发区", "高新区", "实验区", "新区", "园区", "示范区", "保税区", "自贸区")
_GOVERNMENT_OFFICE = ("人民政府办公厅", "人民政府办公室", "政府办公厅", "政府办公室")
_GOVERNMENT = ("人民政府", "政府", "行政公署")
_DEPARTMENT = ("部", "委", "署", "总局", "局", "厅", "委员会", "办公室", "办", "中心", "院", "所", "站", "队", "会", "处")


def _level(place: str) -> tuple[str, ...]:
    """The levels a place name may be: a 市 is prefecture-level or a county-level city."""
    if place in _MUNICIPALITIES or place.endswith(("省", "自治区")):
        return ("province",)
    if place.endswith(("县", "区", "旗")):
        return ("county",)
    if place.endswith(("州", "盟", "地区")):
        return ("prefecture",)
    if place.endswith("市"):
        return ("prefecture", "county")
    return ()


class Identity(NamedTuple):
    agency: str | None  # as printed
    key: str | None  # for matching the same agency across reports
    year: int | None
    kinds: tuple[str, ...]  # plausible kinds, likeliest first; () when the name says nothing
    reason: str  # why those kinds (Chinese, for messages)
    agency_span: Span | None
    year_span: Span | None

    @property
    def kind(self) -> str | None:
        return self.kinds[0] if len(self.kinds) == 1 else None


def agency_key(name: str) -> str:
    """A name in the form that the same body's names share: 人民政府 → 政府, 办公室 → 办, no
    brackets, spaces or 中共 prefix."""
    key = re.sub(r"\s|[（(][^）)]*[）)]", "", name)
    key = key.removeprefix("中共")
    key = key.replace("人民政府", "政府").replace("办公室", "办").replace("管理委员会", "管委会")
    key = key.replace("街道办事处", "街道").replace("办事处", "")
    return key


def kinds_of(name: str) -> tuple[tuple[str, ...], str]:
    """The kinds of agency a name may be, likeliest first, and why (for messages)."""
    def ending(endings: tuple[str, ...]) -> str | None:
        return next((end for end in endings if name.endswith(end)), None)

    if any(name.startswith(city) and name[len(city):] in ("", "人民政府", "政府") for city in _MUNICIPALITIES):
        return ("province",), f"“{name}”是直辖市"
    if found := ending(_STREET):
        return ("street",), f"机关名“{name}”以“{found}”结尾"
    if found := ending(_TOWNSHIP):
        return ("township",), f"机关名“{name}”以“{found}”结尾"
    if found := ending(_ZONE):
        # A zone's administration reports as a department in some places, as a government in others.
        return ("zone", "department", "county", "prefecture"), f"机关名“{name}”以“{found}”结尾（开发区、管委会类机关，层级不定）"
    if found := ending(_GOVERNMENT_OFFICE):
        level = _level(name[: -len(found)])
        return ("government-office", *level), f"机关名“{name}”是政府办公厅（室），可能是本机关报告，也可能代本级政府发布"
    if found := ending(_GOVERNMENT):
        level = _level(name[: -len(found)])
        if level:
            return level, f"机关名“{name}”是{'、'.join(_LEVEL_NAMES[kind] for kind in level)}人民政府（本级政府报告）"
    if found := ending(_DEPARTMENT):
        return ("department",), f"机关名“{name}”以“{found}”结尾（政府部门）"
    level = _level(name)
    if level:
        return level, f"报告以地名“{name}”署名（本级政府报告）"
    return (), f"无法从机关名“{name}”判断机关类别"


_LEVEL_NAMES = {"province": "省级", "prefecture": "地市级", "county": "县级"}


def _clean(organ: str) -> str:
    organ = organ.strip(" ：:　\t“”\"《》")
    return re.sub(r"^(?:关于)", "", organ)


def _organ_in_title(text: str) -> str | None:
    text = _MARKUP.sub("", text).strip()  # a converter's emphasis and heading marks (**标题：** …)
    for pattern in (_ORGAN_BEFORE_YEAR, _ORGAN_AFTER_YEAR):
        match = pattern.search(text)
        if match and not re.fullmatch(r"[\d年度]*", match.group(1)):
            return _clean(match.group(1))
    return None


def identify(document: Document, year: int | None, year_span: Span | None = None, text: str = "") -> Identity:
    """The report's identity, read from its title, its signature, or a page's 发布机构 line."""
    candidates: list[tuple[str, Span | None]] = []
    titles = [document.title] if document.title is not None else []
    titles += [block for block in document.preamble  # before the first section: below a page's header
               if isinstance(block, Paragraph) and len(block.text) <= 80 and _TITLE_LINE.search(block.text)]
    for title in titles:
        organ = _organ_in_title(title.text)
        if organ:
            candidates.append((organ, title.span))
            break
    signature = document.signature
    if signature is not None and signature.organ:
        candidates.append((_clean(signature.organ), signature.span))
    publisher = _PUBLISHER.search(text[:2000])
    if publisher:
        candidates.append((_clean(publisher.group(1)), None))
    for name, span in candidates:
        if len(name) >= 2:
            kinds, reason = kinds_of(name)
            return Identity(name, agency_key(name), year, kinds, reason, span, year_span)
    return Identity(None, None, year, (), "报告没有写明机关名称", None, year_span)
