"""Words the reviewers' formats (HTML, workbook) share: severities, categories, a finding's
place in words, a file's worst category. Generic to findings: nothing here knows a report."""

from __future__ import annotations

from collections import Counter

from reportlint.findings import FileResult, Finding, Related, Severity

SEVERITY_WORDS = {Severity.ERROR: ("错误", "error"), Severity.WARNING: ("警告", "warning"), Severity.INFO: ("提示", "info")}
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
CATEGORY_WORDS = {
    "parse": ("读取", "parse"),
    "structure": ("结构", "structure"),
    "arithmetic": ("计算", "arithmetic"),
    "date": ("日期", "date"),
    "unit": ("单位", "unit"),
    "consistency": ("一致性", "consistency"),
    "privacy": ("隐私", "privacy"),
    "hygiene": ("文字清理", "hygiene"),
}
UNKNOWN = ("—", "—")


def pick(words: tuple[str, str], lang: str) -> str:
    return words[1] if lang == "en" else words[0]


def severity_word(severity: Severity, lang: str) -> str:
    return pick(SEVERITY_WORDS[severity], lang)


def category_word(category: str, lang: str) -> str:
    return pick(CATEGORY_WORDS.get(category, (category, category)), lang)


def severity_counts(result: FileResult) -> tuple[int, int, int]:
    counts = Counter(finding.severity for finding in result.findings)
    return counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]


def worst_category(findings: list[Finding]) -> str | None:
    """The category of the most severe findings (the most frequent one among them)."""
    if not findings:
        return None
    worst = max(finding.severity.rank for finding in findings)
    counts = Counter(finding.category for finding in findings if finding.severity.rank == worst)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def place_in_words(finding: Finding, lang: str) -> str:
    """Where a finding is, as a person reads it: the document's own place (page, table, row) for
    Word and PDF files, else line and column; then the structural keys the rule named."""
    span = finding.span
    if finding.origin:
        place = finding.origin
    elif span:
        place = f"line {span.line}, column {span.column}" if lang == "en" else f"第{span.line}行第{span.column}列"
    else:
        place = "whole report" if lang == "en" else "全文"
    keys = [key for key in finding.location if key]
    # Section and table are often the same key: say it once.
    keys = [key for position, key in enumerate(keys) if key not in keys[:position]]
    return place + (" · " + " / ".join(keys) if keys else "")


def text_at(finding: Finding, lines: dict[int, str]) -> str:
    """The text a finding's span covers on its first line (the cell, the words), from the lines
    a result keeps."""
    span = finding.span
    if span is None or span.line not in lines:
        return ""
    line = lines[span.line]
    end = span.end_column - 1 if span.end_line == span.line else len(line)
    return line[span.column - 1 : max(end, span.column - 1)].strip()


def agency_of(result: FileResult) -> str | None:
    return result.metadata.get("agency") or None


def related_place(item: Related, lang: str) -> str:
    """The other place a finding names: another file's path and line, or a line of this one."""
    line = item.span.line if item.span else None
    if item.path:
        return f"{item.path}:{line}" if line else item.path
    if line is None:
        return ""
    return f"line {line}" if lang == "en" else f"第{line}行"
