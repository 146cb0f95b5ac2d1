"""An Excel workbook for the people who review reports, readable in Excel and WPS: an overview
sheet, a sheet of files (one row each) and a sheet of findings (one row each), with filters and
frozen headers.

Written with XlsxWriter (the ``xlsx`` extra) in its constant-memory mode: each row goes to disk
as it comes, so a run over thousands of files keeps no more than the overview's counts.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from reportlint.findings import FileResult, Finding
from reportlint.reporting import Reporter
from reportlint.reporting.words import (
    SEVERITIES,
    agency_of,
    category_word,
    pick,
    place_in_words,
    related_place,
    severity_counts,
    severity_word,
    text_at,
    worst_category,
)

# Characters XML 1.0 cannot carry: a report with control characters (RL001) must not make the
# workbook unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL = 32767  # Excel's limit on the characters in a cell

SHEETS = {"overview": ("概况", "Overview"), "files": ("文件", "Files"), "findings": ("问题", "Findings")}
FILE_COLUMNS = (
    ("file", ("文件", "file"), 48), ("agency", ("机关", "agency"), 24), ("year", ("年度", "year"), 8),
    ("template", ("模板", "template"), 9), ("error", ("错误", "errors"), 8), ("warning", ("警告", "warnings"), 8),
    ("info", ("提示", "info"), 8), ("worst", ("最严重的类别", "worst category"), 14),
    ("suppressed", ("基线已屏蔽", "suppressed"), 11), ("problem", ("无法检查的原因", "not checked because"), 40),
)
FINDING_COLUMNS = (
    ("file", ("文件", "file"), 40), ("agency", ("机关", "agency"), 20), ("year", ("年度", "year"), 7),
    ("code", ("代码", "code"), 8), ("rule", ("规则", "rule"), 22), ("category", ("类别", "category"), 10),
    ("severity", ("级别", "severity"), 8), ("message", ("说明", "message"), 70),
    ("location", ("位置", "location"), 36), ("line", ("行", "line"), 7), ("text", ("原文", "text"), 24),
    ("evidence", ("依据", "evidence"), 40), ("suggestion", ("建议", "suggestion"), 36),
    ("related", ("另一处", "see also"), 40),
)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)[:MAX_CELL]


class XlsxReporter(Reporter):
    name = "xlsx"
    description = "an Excel/WPS workbook: overview, files, findings (-o 结果.xlsx; pip install 'reportlint[xlsx]')"
    binary = True

    @classmethod
    def unavailable(cls) -> str | None:
        import importlib.util

        if importlib.util.find_spec("xlsxwriter") is None:
            return ("--format xlsx 需要可选组件 xlsx：pip install 'reportlint[xlsx]' "
                    "(the xlsx format needs the 'xlsx' extra: XlsxWriter is not installed)")
        return None

    def start(self) -> None:
        import xlsxwriter

        self._book = xlsxwriter.Workbook(self.stream, {"constant_memory": True, "strings_to_numbers": False,
                                                        "strings_to_formulas": False, "strings_to_urls": False})
        self._head = self._book.add_format({"bold": True, "bg_color": "#E8ECF1", "border": 1, "text_wrap": True,
                                            "valign": "top"})
        self._wrap = self._book.add_format({"text_wrap": True, "valign": "top"})
        self._top = self._book.add_format({"valign": "top"})
        self._overview = self._book.add_worksheet(pick(SHEETS["overview"], self.lang))
        self._files = self._sheet("files", FILE_COLUMNS)
        self._findings = self._sheet("findings", FINDING_COLUMNS)
        self._file_row = self._finding_row = 0
        self._counts: Counter = Counter()
        self._by_category: Counter = Counter()
        self._by_rule: Counter = Counter()

    def _sheet(self, key: str, columns) -> object:
        sheet = self._book.add_worksheet(pick(SHEETS[key], self.lang))
        for position, (_, words, width) in enumerate(columns):
            sheet.set_column(position, position, width, self._wrap if width >= 24 else self._top)
        sheet.set_row(0, 20)
        sheet.write_row(0, 0, [pick(words, self.lang) for _, words, _ in columns], self._head)
        sheet.freeze_panes(1, 0)
        return sheet

    def _write(self, sheet, row: int, values: list) -> None:
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, column, value)
            else:  # as a string: a message starting with = is not a formula
                sheet.write_string(row, column, _clean(str(value)))

    def file(self, result: FileResult) -> None:
        agency = agency_of(result)
        year = result.metadata.get("year")
        counts = severity_counts(result)
        worst = worst_category(result.findings)
        self._file_row += 1
        self._write(self._files, self._file_row, [
            result.path, agency or "—", year, result.metadata.get("template"), *counts,
            category_word(worst, self.lang) if worst else None, result.suppressed, result.error])
        self._counts["files"] += 1
        self._counts["unreadable"] += bool(result.error)
        self._counts["with_findings"] += bool(result.findings) and not result.error
        self._counts["suppressed"] += result.suppressed
        for finding in result.findings:
            self._finding_row += 1
            self._write(self._findings, self._finding_row, self._finding_values(result, finding, agency, year))
            self._counts[finding.severity.value] += 1
            self._by_category[finding.category] += 1
            self._by_rule[(finding.code, finding.rule)] += 1

    def _finding_values(self, result: FileResult, finding: Finding, agency: str | None, year) -> list:
        related = "; ".join(f"{related_place(item, self.lang)} {item.message.in_language(self.lang)}".strip()
                            for item in finding.related)
        return [
            result.path, agency or "—", year, finding.code, finding.rule, category_word(finding.category, self.lang),
            severity_word(finding.severity, self.lang), finding.message.in_language(self.lang),
            place_in_words(finding, self.lang), finding.span.line if finding.span else None,
            text_at(finding, result.source_lines),
            json.dumps(finding.evidence, ensure_ascii=False, default=str) if finding.evidence else None,
            finding.suggestion.in_language(self.lang) if finding.suggestion else None, related,
        ]

    def finish(self) -> None:
        self._files.autofilter(0, 0, self._file_row, len(FILE_COLUMNS) - 1)
        self._findings.autofilter(0, 0, self._finding_row, len(FINDING_COLUMNS) - 1)
        sheet, text = self._overview, self.text
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 2, 14)
        rows: list[list] = [
            [text("reportlint 检查结果", "reportlint results"), self.version],
            [],
            [text("检查的文件", "files checked"), self._counts["files"]],
            [text("有问题的文件", "files with findings"), self._counts["with_findings"]],
            [text("无法检查的文件", "files not checked"), self._counts["unreadable"]],
            *([severity_word(severity, self.lang), self._counts[severity.value]] for severity in SEVERITIES),
            [text("基线已屏蔽的问题", "suppressed by the baseline"), self._counts["suppressed"]],
            [],
            [text("类别", "category"), text("数量", "count")],
            *([category_word(category, self.lang), count] for category, count in sorted(self._by_category.items())),
            [],
            [text("规则", "rule"), text("名称", "name"), text("数量", "count")],
            *([code, name, count] for (code, name), count in sorted(self._by_rule.items())),
        ]
        headings = {0, 9, 11 + len(self._by_category)}
        for number, values in enumerate(rows):
            if number in headings:
                sheet.write_row(number, 0, values, self._head)
            else:
                self._write(sheet, number, values)
        self._book.close()
