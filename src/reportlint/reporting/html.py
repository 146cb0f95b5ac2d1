"""One HTML file for the people who review reports: it opens offline in any browser (styles,
script and charts inline, nothing fetched), with an overview of the run, a sortable table of
files, a filterable table of findings, and each report shown in full with its findings marked.

Built for thousands of files: each report's view is stored in the page as inert text (a
``<script type="text/html">``, which the browser does not parse) and turned into elements only
when a person opens it; the tables hold their rows as data and draw one page at a time. While
the results stream in, the views go to a temporary file, so the reporter keeps only the tables'
data.
"""

from __future__ import annotations

import datetime
import html
import json
import re
import shutil
import tempfile
from collections import Counter
from importlib import resources

from reportlint.findings import FileResult, Finding, Severity
from reportlint.reporting import Reporter
from reportlint.reporting.words import (
    SEVERITIES,
    agency_of,
    category_word,
    place_in_words,
    related_place,
    severity_counts,
    severity_word,
    worst_category,
)

# Bars drawn per chart; the rest are summed into one bar.
CHART_BARS = 15
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# The page's own words; the script gets the same table.
WORDS = {
    "title": ("reportlint 检查结果", "reportlint results"),
    "generated": ("生成于", "Generated"),
    "overview": ("概览", "Overview"),
    "files": ("文件", "Files"),
    "findings": ("问题", "Findings"),
    "files_checked": ("检查的文件", "files checked"),
    "with_findings": ("有问题的文件", "with findings"),
    "unreadable": ("无法检查的文件", "unreadable"),
    "suppressed": ("基线已屏蔽的问题", "suppressed by the baseline"),
    "by_category": ("按类别", "By category"),
    "by_rule": ("按规则", "By rule"),
    "by_agency": ("按机关", "By agency"),
    "others": ("其他 {n} 项", "{n} others"),
    "unknown": ("未知", "unknown"),
    "file": ("文件", "file"),
    "agency": ("机关", "agency"),
    "year": ("年度", "year"),
    "template": ("模板", "template"),
    "worst": ("最严重的类别", "worst category"),
    "line": ("行", "line"),
    "code": ("代码", "code"),
    "rule": ("规则", "rule"),
    "severity": ("级别", "severity"),
    "category": ("类别", "category"),
    "message": ("说明", "message"),
    "all": ("全部", "all"),
    "search": ("搜索文字…", "search text…"),
    "shown": ("显示 {shown} / {total}", "showing {shown} of {total}"),
    "page": ("第 {page} / {pages} 页", "page {page} of {pages}"),
    "previous": ("上一页", "previous"),
    "next": ("下一页", "next"),
    "back": ("← 返回总览", "← back to the overview"),
    "fix": ("建议", "fix"),
    "related": ("另一处", "see also"),
    "whole_report": ("关于整篇报告的问题", "Findings about the whole report"),
    "cannot_check": ("无法检查", "cannot check"),
    "no_findings": ("没有发现问题", "no findings"),
    "none_match": ("没有符合条件的问题", "no finding matches"),
    "rendered_note": ("网页按显示的文字展示；问题的行号指 HTML 源文件。",
                      "The web page is shown as its visible text; the findings' line numbers refer to its HTML source."),
    "origin_note": ("Word / PDF 文件按提取的文字展示，每个问题注明其在文档中的位置。",
                    "Word and PDF files are shown as the text extracted from them; each finding names its place in the document."),
    "reset": ("清除筛选", "clear filters"),
}


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _script_json(data: object) -> str:
    """JSON to sit inside a <script> element: nothing in it may close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class HtmlReporter(Reporter):
    name = "html"
    description = "one HTML file for reviewers: overview, charts, tables, each report marked (-o 结果.html)"
    needs_source_text = True

    def word(self, key: str, **values: object) -> str:
        zh, en = WORDS[key]
        return (en if self.lang == "en" else zh).format(**values)

    # -- collecting ------------------------------------------------------------------------------

    def start(self) -> None:
        # Each file's view is written here as it comes, and copied into the page at the end.
        self._views = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._files: list[list] = []
        self._findings: list[list] = []
        self._by_severity: Counter = Counter()
        self._by_category: Counter = Counter()  # (category, severity) → count
        self._by_rule: Counter = Counter()  # (code, severity)
        self._by_agency: Counter = Counter()  # (agency, severity)
        self._rule_names: dict[str, str] = {}
        self._suppressed = 0

    def file(self, result: FileResult) -> None:
        index = len(self._files)
        agency = agency_of(result)
        errors, warnings, infos = severity_counts(result)
        worst = worst_category(result.findings)
        self._files.append([
            result.path, agency, result.metadata.get("year"), result.metadata.get("template"),
            errors, warnings, infos, worst, result.error, result.suppressed,
        ])
        self._suppressed += result.suppressed
        for number, finding in enumerate(result.findings):
            span = finding.span
            self._findings.append([
                index, number, finding.severity.value, finding.code, finding.rule, finding.category,
                span.line if span else None, finding.message.in_language(self.lang),
            ])
            self._by_severity[finding.severity] += 1
            self._by_category[(finding.category, finding.severity)] += 1
            self._by_rule[(finding.code, finding.severity)] += 1
            self._by_agency[(agency or "", finding.severity)] += 1
            self._rule_names[finding.code] = finding.rule
        self._views.write(f'<script type="text/html" id="view-{index}">')
        self._views.write(self.view(index, result))
        self._views.write("</script>\n")

    # -- one report's view -----------------------------------------------------------------------

    def view(self, index: int, result: FileResult) -> str:
        """The report as text, every finding marked at its span with its note below the line
        where the span ends; findings with no span listed first."""
        head = self._view_head(result)
        if result.error:
            return head + f'<p class="error">{self.word("cannot_check")}: {_escape(result.error)}</p>'
        whole = [number for number, finding in enumerate(result.findings) if finding.span is None]
        parts = [head]
        if whole:
            parts.append(f'<section class="whole"><h3>{self.word("whole_report")}</h3>')
            parts += [self._note(index, number, result.findings[number]) for number in whole]
            parts.append("</section>")
        text = result.source_text
        if text is None:  # a reporter run without the whole text (a plugin's engine): the lines kept
            parts.append(self._kept_lines(index, result))
            return "".join(parts)
        if text.kind == "html":
            parts.append(f'<p class="hint">{self.word("rendered_note")}</p>')
        elif text.kind in ("docx", "pdf"):
            parts.append(f'<p class="hint">{self.word("origin_note")}</p>')
        parts.append(self._marked_text(index, result, text.text, text.offsets, numbered=text.kind != "html"))
        return "".join(parts)

    def _view_head(self, result: FileResult) -> str:
        facts = [(self.word("agency"), agency_of(result) or "—"), (self.word("year"), result.metadata.get("year") or "—"),
                 (self.word("template"), result.metadata.get("template") or "—")]
        counts = " · ".join(f"{count} {severity_word(severity, self.lang)}"
                            for severity, count in zip(SEVERITIES, severity_counts(result)))
        return (f'<div class="view-head"><h2>{_escape(result.path)}</h2><p>'
                + " · ".join(f"{_escape(label)}: {_escape(value)}" for label, value in facts)
                + f" · {counts}</p></div>")

    def _note(self, index: int, number: int, finding: Finding) -> str:
        severity = finding.severity.value
        parts = [f'<div class="note s-{severity}" id="n-{index}-{number}" data-k="{number}">',
                 f'<b class="badge s-{severity}">{finding.code} {severity_word(finding.severity, self.lang)}</b> ',
                 f'<span class="msg">{_escape(finding.message.in_language(self.lang))}</span>',
                 f' <span class="rule">({_escape(finding.rule)} · {_escape(place_in_words(finding, self.lang))})</span>']
        if finding.suggestion:
            parts.append(f'<div class="fix">{self.word("fix")}: {_escape(finding.suggestion.in_language(self.lang))}</div>')
        for position, item in enumerate(finding.related):
            line = item.span.line if item.span else ""
            label = related_place(item, self.lang)
            target = f' data-path="{_escape(item.path)}"' if item.path else f' data-rel="r-{index}-{number}-{position}"'
            parts.append(f'<div class="rel">{self.word("related")}: <a href="#" data-line="{line}"{target}>{_escape(label)}</a>'
                         f' {_escape(item.message.in_language(self.lang))}</div>')
        parts.append("</div>")
        return "".join(parts)

    def _marked_text(self, index: int, result: FileResult, text: str, offsets, numbered: bool) -> str:
        starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
        lines = _LINE_BREAK.split(text)
        # Per line: the ranges to mark (start, end, id, severity rank, finding number or None).
        marks: dict[int, list[tuple[int, int, str, str]]] = {}
        notes: dict[int, list[int]] = {}

        def mark(start: int, end: int, anchor: str, css: str) -> int:
            """Mark text[start:end] line by line; return the line (0-based) where it ends."""
            first = _line_of(starts, start)
            last = _line_of(starts, max(start, end - 1))
            for line in range(first, last + 1):
                line_start = starts[line]
                low = max(start, line_start) - line_start
                high = min(end, line_start + len(lines[line])) - line_start
                marks.setdefault(line, []).append((low, max(low, high), anchor if line == first else "", css))
            return last

        for number, finding in enumerate(result.findings):
            if finding.span is None:
                continue
            start, end = offsets(finding.span)
            start = min(start, len(text))
            last = mark(start, max(end, start), f"m-{index}-{number}", f"s-{finding.severity.value} k{number}")
            notes.setdefault(last, []).append(number)
            for position, item in enumerate(finding.related):
                if item.path is None and item.span is not None:
                    rel_start, rel_end = offsets(item.span)
                    mark(min(rel_start, len(text)), max(rel_end, rel_start), f"r-{index}-{number}-{position}", "rel")
        out = [f'<div class="src{"" if numbered else " plain"}">']
        for line, content in enumerate(lines):
            if line == len(lines) - 1 and not content and line not in marks:
                break  # the empty piece after a final line break
            out.append(f'<div class="l">{_marked_line(content, marks.get(line, []))}</div>')
            for number in notes.get(line, ()):
                out.append(self._note(index, number, result.findings[number]))
        out.append("</div>")
        return "".join(out)

    def _kept_lines(self, index: int, result: FileResult) -> str:
        out = ['<div class="src">']
        for number, finding in enumerate(result.findings):
            if finding.span and finding.span.line in result.source_lines:
                out.append(f'<div class="l" data-n="{finding.span.line}">{_escape(result.source_lines[finding.span.line])}</div>')
                out.append(self._note(index, number, finding))
        out.append("</div>")
        return "".join(out)

    # -- the page --------------------------------------------------------------------------------

    def finish(self) -> None:
        write = self.stream.write
        lang = "en" if self.lang == "en" else "zh-CN"
        write(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
              '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
              # Nothing is loaded from anywhere: the page holds its styles, script and charts.
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
              f"<title>{self.word('title')}</title>\n<style>{_asset('report.css')}</style>\n</head>\n<body>\n")
        write(self._overview())
        write(self._tables())
        write('<main id="view" hidden></main>\n')
        data = {
            "lang": self.lang,
            "words": {key: self.word(key) if "{" not in WORDS[key][0] else WORDS[key][1 if self.lang == "en" else 0]
                      for key in WORDS},
            "severity": {severity.value: severity_word(severity, self.lang) for severity in SEVERITIES},
            "categories": {category: category_word(category, self.lang) for category, _ in self._by_category},
            "rules": {code: self._rule_title(code) for code in self._rule_names},
            "files": self._files,
            "findings": self._findings,
        }
        write(f'<script type="application/json" id="rl-data">{_script_json(data)}</script>\n')
        self._views.seek(0)
        shutil.copyfileobj(self._views, self.stream)
        self._views.close()
        write(f"<script>{_asset('report.js')}</script>\n</body>\n</html>\n")

    def _rule_title(self, code: str) -> str:
        info = self.rules.get(code)
        name = self._rule_names.get(code, "")
        return f"{code} {name}" + (f" — {info.summary.in_language(self.lang)}" if info else "")

    def _overview(self) -> str:
        total = len(self._files)
        unreadable = sum(1 for entry in self._files if entry[8])
        with_findings = sum(1 for entry in self._files if not entry[8] and sum(entry[4:7]))
        cards = [("files", self.word("files_checked"), total), ("with_findings", self.word("with_findings"), with_findings),
                 ("unreadable", self.word("unreadable"), unreadable)]
        cards += [(severity.value, severity_word(severity, self.lang), self._by_severity[severity]) for severity in SEVERITIES]
        if self._suppressed:
            cards.append(("suppressed", self.word("suppressed"), self._suppressed))
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        out = [f'<header><h1>{self.word("title")}</h1><p class="meta">{self.word("generated")} {stamp}'
               f' · reportlint {_escape(self.version)}</p>'
               f'<nav><a href="#overview">{self.word("overview")}</a> <a href="#files">{self.word("files")}</a> '
               f'<a href="#findings">{self.word("findings")}</a></nav></header>\n',
               '<div id="main"><section id="overview"><div class="cards">']
        for key, label, count in cards:
            css = f" s-{key}" if key in ("error", "warning", "info") else ""
            out.append(f'<div class="card{css}" data-count="{key}"><b>{count}</b><span>{_escape(label)}</span></div>')
        out.append('</div><p class="legend">' + "".join(f'<i class="s-{severity.value}"></i>{severity_word(severity, self.lang)}'
                                                         for severity in SEVERITIES) + '</p><div class="charts">')
        unknown = self.word("unknown")
        out.append(self._chart("category", self.word("by_category"), self._by_category,
                               lambda key: category_word(key, self.lang)))
        out.append(self._chart("rule", self.word("by_rule"), self._by_rule,
                               lambda key: f"{key} {self._rule_names.get(key, '')}"))
        out.append(self._chart("agency", self.word("by_agency"), self._by_agency, lambda key: key or unknown))
        out.append("</div></section>\n")
        return "".join(out)

    def _chart(self, name: str, title: str, counts: Counter, label) -> str:
        """A horizontal bar chart as inline SVG: one bar per key, stacked by severity, the
        largest first; past CHART_BARS the rest are one bar."""
        totals: Counter = Counter()
        for (key, _severity), count in counts.items():
            totals[key] += count
        ordered = sorted(totals, key=lambda key: (-totals[key], key))
        bars = [(key, label(key), {severity: counts[(key, severity)] for severity in SEVERITIES}) for key in ordered[:CHART_BARS]]
        rest = ordered[CHART_BARS:]
        if rest:  # key None: not one thing a filter can choose
            bars.append((None, self.word("others", n=len(rest)),
                         {severity: sum(counts[(key, severity)] for key in rest) for severity in SEVERITIES}))
        if not bars:
            return f'<figure class="chart" data-chart="{name}"><figcaption>{_escape(title)}</figcaption><p class="empty">—</p></figure>'
        row, label_width, bar_width = 24, 200, 380
        largest = max(sum(values.values()) for _, _, values in bars)
        height = row * len(bars) + 8
        out = [f'<figure class="chart" data-chart="{name}"><figcaption>{_escape(title)}</figcaption>'
               f'<svg viewBox="0 0 {label_width + bar_width + 60} {height}" role="img" aria-label="{_escape(title)}">']
        for position, (key, text, values) in enumerate(bars):
            y = 4 + position * row
            total = sum(values.values())
            shown = text if len(text) <= 18 else text[:17] + "…"
            key_attribute = f' data-key="{_escape(key)}"' if key is not None else ""
            out.append(f'<g class="bar"{key_attribute} data-value="{total}"><title>{_escape(text)}: {total}</title>'
                       f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end">{_escape(shown)}</text>')
            x = float(label_width)
            for severity in SEVERITIES:
                if values[severity]:
                    width = bar_width * values[severity] / largest
                    out.append(f'<rect class="s-{severity.value}" x="{x:.1f}" y="{y + 3}" width="{max(width, 1):.1f}" height="{row - 6}"/>')
                    x += width
            out.append(f'<text class="value" x="{x + 5:.1f}" y="{y + 16}">{total}</text></g>')
        out.append("</svg></figure>")
        return "".join(out)

    def _tables(self) -> str:
        columns = ["file", "agency", "year", "template"]
        files_head = "".join(f'<th data-col="{column}">{self.word(column)}</th>' for column in columns)
        files_head += "".join(f'<th data-col="{severity.value}" class="num">{severity_word(severity, self.lang)}</th>'
                              for severity in SEVERITIES)
        files_head += f'<th data-col="worst">{self.word("worst")}</th>'
        filters = "".join(f'<label>{self.word(key)} <select data-filter="{key}"><option value="">{self.word("all")}</option></select></label>'
                          for key in ("severity", "category", "rule", "agency"))
        findings_head = "".join(f'<th data-col="{column}">{self.word(column)}</th>'
                                for column in ("file", "line", "severity", "code", "category", "message"))
        return (f'<section id="files"><h2>{self.word("files")}</h2>'
                f'<div class="tools"><input type="search" data-filter="text" placeholder="{self.word("search")}">'
                f'<span class="shown"></span></div>'
                f'<table class="grid" id="files-table"><thead><tr>{files_head}</tr></thead><tbody></tbody></table>'
                f'<div class="pager"></div></section>\n'
                f'<section id="findings"><h2>{self.word("findings")}</h2>'
                f'<div class="tools">{filters}<input type="search" data-filter="text" placeholder="{self.word("search")}">'
                f'<button type="button" class="reset">{self.word("reset")}</button><span class="shown"></span></div>'
                f'<table class="grid" id="findings-table"><thead><tr>{findings_head}</tr></thead><tbody></tbody></table>'
                f'<div class="pager"></div></section></div>\n')


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


def _marked_line(content: str, marks: list[tuple[int, int, str, str]]) -> str:
    """One line with its marked ranges as <mark> elements; overlapping ranges are cut at every
    boundary, each piece carrying the classes of all the ranges over it. An empty range (a place
    where something is missing) is a narrow marker."""
    if not marks:
        return _cell_text(content)
    bounds = sorted({0, len(content), *(low for low, _, _, _ in marks), *(high for _, high, _, _ in marks)})
    out = []
    anchored: set[str] = set()

    def anchors_at(position: int) -> str:
        ids = [anchor for low, _, anchor, _ in marks if anchor and low == position and anchor not in anchored]
        anchored.update(ids)
        return "".join(f'<a class="anchor" id="{anchor}"></a>' for anchor in ids)

    for low, high in zip(bounds, bounds[1:] + [None]):
        out.append(anchors_at(low))
        for start, end, _, css in marks:
            if start == end == low:
                out.append(f'<mark class="{css} point"></mark>')
        if high is None:
            break
        covering = [css for start, end, _, css in marks if start <= low and high <= end and start < end]
        piece = _cell_text(content[low:high])
        out.append(f'<mark class="{" ".join(covering)}">{piece}</mark>' if covering else piece)
    return "".join(out)


def _cell_text(text: str) -> str:
    """Escaped text with each tab drawn as a cell boundary."""
    return _escape(text).replace("\t", '<span class="t">\t</span>')


def _asset(name: str) -> str:
    return resources.files("reportlint.reporting").joinpath("assets", name).read_text(encoding="utf-8")
