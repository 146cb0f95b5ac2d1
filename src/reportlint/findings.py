"""Findings: what a rule reports. Plain data, shared by the engine and every reporter."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from reportlint.source import Span

CATEGORIES = ("parse", "structure", "arithmetic", "date", "unit", "consistency", "privacy", "hygiene")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}; use error, warning or info") from None


class Location(NamedTuple):
    """Where in the report's structure a finding sits (template keys where known)."""

    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"section": self.section, "table": self.table, "row": self.row, "column": self.column}


class Message(NamedTuple):
    """A user-facing text in Chinese (the default) and English."""

    zh: str
    en: str

    def in_language(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Related(NamedTuple):
    """Another place a finding speaks of: a cell of last year's report, a passage another
    report repeats. ``path`` is None for a place in the same file."""

    path: str | None
    span: Span | None
    message: Message

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        span = self.span
        return {
            "path": self.path,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
            "message": self.message.in_language(lang),
        }


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    category: str
    severity: Severity
    message: Message
    span: Span | None = None
    location: Location = field(default_factory=Location)
    evidence: dict[str, Any] = field(default_factory=dict)
    suggestion: Message | None = None
    path: str | None = None
    # For Word and PDF files: where the span is in the document (第2页 表1 第5行 第3列).
    origin: str | None = None
    # Other places the finding refers to (cross-report checks: the previous year's cell).
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple:
        return (self.path or "", self.span.start if self.span else -1, self.code)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        span = self.span
        return {
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message.in_language(lang),
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "suggestion": self.suggestion.in_language(lang) if self.suggestion else None,
            **({"origin": self.origin} if self.origin else {}),
            **({"related": [item.to_dict(lang) for item in self.related]} if self.related else {}),
        }


class RuleInfo(NamedTuple):
    """A rule's metadata as reporters see it: no behaviour, nothing about reports."""

    code: str
    name: str
    category: str
    severity: Severity
    summary: Message
    docs: str


class SourceText(NamedTuple):
    """A checked file's whole text, for reporters that show reports in full (HTML). Kept only
    when such a reporter asks for it (``Reporter.needs_source_text``): a batch for any other
    format keeps a few lines per file (``FileResult.source_lines``).

    For a web page the spans point into its markup, and ``text`` is the text rendered from it
    (what a person reads): ``positions`` maps each span's ``(start, end)`` in the markup to
    ``(start, end)`` in ``text``. For every other kind the spans point into ``text`` itself and
    ``positions`` is empty."""

    text: str
    kind: str = "text"  # text | html | docx | pdf
    positions: dict[tuple[int, int], tuple[int, int]] = {}

    def offsets(self, span: Span) -> tuple[int, int]:
        """Where ``span`` (a span of the file) is in ``text``."""
        if self.positions:
            return self.positions.get((span.start, span.end), (span.start, span.end))
        return span.start, span.end


@dataclass
class FileResult:
    """Everything a reporter needs about one checked file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be checked at all
    # The lines of the file the findings show (line number → text): a batch of thousands of
    # files keeps only these, not whole texts.
    source_lines: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)  # e.g. template and year, for JSON
    # The whole text, only for reporters that ask for it (see SourceText).
    source_text: SourceText | None = None
    # Findings of this file left out because a baseline had recorded them (--baseline).
    suppressed: int = 0
    # What the cross-report rules read of the report (rules.cross.summary: its JSON form, or the
    # object once a batch holds it); not shown by reporters.
    summary: dict[str, Any] | None = field(default=None, repr=False)

    @classmethod
    def from_findings(cls, path: str, findings: list[Finding], text: str, metadata: dict[str, Any],
                      context: int = 1, shown: int = 3) -> FileResult:
        """A result keeping the lines around each finding (as the terminal shows them)."""
        wanted: set[int] = set()
        for finding in findings:
            if finding.span:
                first = max(1, finding.span.line - context)
                last = min(finding.span.end_line, finding.span.line + shown - 1)
                wanted.update(range(first, last + 1))
        lines = {}
        if wanted:
            for number, line in enumerate(text.splitlines(), start=1):
                if number in wanted:
                    lines[number] = line
                if number >= max(wanted):
                    break
        return cls(path, findings, source_lines=lines, metadata=metadata)
