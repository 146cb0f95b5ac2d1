from __future__ import annotations

import os
import unicodedata
from collections import Counter
from typing import Union

from reportlint.findings import FileResult, Finding, Severity
from reportlint.reporting import Reporter

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORD = {Severity.ERROR: ("错误", "error"), Severity.WARNING: ("警告", "warning"), Severity.INFO: ("提示", "info")}
# Lines of context shown above the finding's first line.
CONTEXT_LINES = 1
MAX_SHOWN_LINES = 3
WINDOW = 100  # characters of a long source line shown around a finding
MAX_FILES_LISTED = 20  # past this many files with findings, list only the worst
WORST_FILES = 10


# A line of output is a sequence of pieces: plain text, or (text, style) for rich to colour.
Piece = Union[str, tuple[str, str]]


class TerminalReporter(Reporter):
    """For people: each finding with its place, code, severity and message, the source lines with
    the cell marked, then the totals, with tables per file, category and rule when more than
    one file was checked. Plain text when the output is not a terminal or ``NO_COLOR`` is set;
    rich draws only what needs it (colours, and the summary tables), so a plain run of one file
    — a pre-commit hook — does not import it."""

    name = "text"
    description = "for people (default)"

    def start(self) -> None:
        color = self.color
        if color is None:
            color = self.stream.isatty() and not os.environ.get("NO_COLOR")
        self._color = bool(color)
        self._console = None  # made on first use
        # What the summary needs, and no more: the results themselves are not kept.
        self._files = 0
        self._per_file: list[tuple[str, Counter | None]] = []  # files with findings; None: not checked
        self._by_rule: Counter = Counter()
        self._by_category: Counter = Counter()
        self._by_severity: Counter = Counter()
        self._suppressed = 0  # findings a baseline left out

    def _rich_console(self):
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stream,
                color_system="auto" if self._color else None,
                force_terminal=self._color,
                no_color=not self._color,
                highlight=False,
                soft_wrap=True,
                emoji=False,
            )
        return self._console

    def _line(self, *pieces: Piece) -> None:
        if not self._color:
            self.stream.write("".join(piece if isinstance(piece, str) else piece[0] for piece in pieces) + "\n")
            return
        from rich.text import Text

        self._rich_console().print(Text.assemble(*pieces))

    def file(self, result: FileResult) -> None:
        self._files += 1
        self._suppressed += result.suppressed
        if result.error:
            self._line(f"{result.path}: ", (self.text("无法检查", "cannot check"), "bold red"), f": {result.error}")
            self._per_file.append((result.path, None))
            return
        for finding in result.findings:
            self._finding(result.path, finding, result.source_lines)
        if result.findings:
            self._per_file.append((result.path, Counter(finding.severity for finding in result.findings)))
            self._by_rule.update((finding.code, finding.rule) for finding in result.findings)
            self._by_category.update(finding.category for finding in result.findings)
            self._by_severity.update(finding.severity for finding in result.findings)

    def finish(self) -> None:
        self._summary()

    def _finding(self, path: str, finding: Finding, lines: dict[int, str]) -> None:
        span = finding.span
        where = f"{path}:{span.line}:{span.column}" if span else path
        if finding.origin:
            where += f" ({finding.origin})"
        word = self.text(*_WORD[finding.severity])
        style = _STYLE[finding.severity]
        self._line((where, "bold"), ": ", (f"{finding.code} {word}", style), " ",
                   finding.message.in_language(self.lang), " ", (f"({finding.rule})", "dim"))
        if span and lines:
            first = max(1, span.line - CONTEXT_LINES)
            last = min(span.end_line, span.line + MAX_SHOWN_LINES - 1)
            width = len(str(last))
            for number in range(first, last + 1):
                if number not in lines:
                    continue
                raw = lines[number]
                # Long lines (a web page's markup) are shown as a window around the finding.
                offset = max(0, span.column - 1 - WINDOW // 2) if number == span.line and len(raw) > WINDOW else 0
                shown = raw[offset : offset + WINDOW] if len(raw) > WINDOW else raw
                prefix = "…" if offset else ""
                self._line("  ", (f"{number:>{width}} │", "dim"), f" {prefix}{shown.replace(chr(9), '    ')}")
                if number == span.line:
                    start = _display_width(prefix + raw[offset : span.column - 1])
                    end_column = span.end_column if span.end_line == span.line else len(raw) + 1
                    end_column = min(end_column, offset + len(shown) + 1)
                    length = max(1, _display_width(raw[span.column - 1 : end_column - 1]))
                    self._line("  ", (f"{'':>{width}} │", "dim"), f" {' ' * start}", ("^" * length, style))
        for related in finding.related:  # the other place it speaks of (last year's report)
            where = related.path or path
            if related.span:
                where += f":{related.span.line}:{related.span.column}"
            self._line("  ", (self.text("参见", "see"), "cyan"), f": {where} {related.message.in_language(self.lang)}")
        if finding.suggestion:
            self._line("  ", (self.text("建议", "fix"), "green"), f": {finding.suggestion.in_language(self.lang)}")

    def _summary(self) -> None:
        if not self._per_file:
            self._line((self.text("未发现问题", "No problems found"), "green"),
                       f" ({self._files} {self.text('个文件', 'file(s)')}{self._suppressed_note()})")
            return
        self._line()
        # For one file the tables would repeat what was just listed; the totals line says it all.
        if self._files > 1:
            self._tables(self._rich_console())
        errors = sum(1 for _, counts in self._per_file if counts is None)
        parts = ", ".join(f"{self._by_severity.get(severity, 0)} {self.text(*_WORD[severity])}" for severity in Severity)
        with_findings = len(self._per_file) - errors
        self._line(
            f"{self.text('共', 'Total')}: {parts} · {self._files} {self.text('个文件', 'file(s)')}"
            + self.text(f"（有问题的 {with_findings}，无法检查的 {errors}{self._suppressed_note()}）",
                        f" ({with_findings} with findings, {errors} not checked{self._suppressed_note()})")
        )

    def _suppressed_note(self) -> str:
        if not self._suppressed:
            return ""
        return self.text(f"，基线已屏蔽 {self._suppressed} 个问题", f", {self._suppressed} suppressed by the baseline")

    def _tables(self, console) -> None:
        from rich.table import Table

        def badness(entry):
            counts = entry[1]
            return (0, 0, 0) if counts is None else tuple(-counts.get(severity, 0) for severity in Severity)

        many = len(self._per_file) > MAX_FILES_LISTED
        shown = sorted(self._per_file, key=badness)[:WORST_FILES] if many else self._per_file
        title = self.text(f"问题最多的 {WORST_FILES} 个文件", f"The {WORST_FILES} worst files") if many else self.text("按文件", "By file")
        files = Table(title=title, title_justify="left", show_edge=False)
        files.add_column(self.text("文件", "file"))
        for severity in Severity:
            files.add_column(self.text(*_WORD[severity]), justify="right")
        for path, counts in shown:
            if counts is None:
                files.add_row(_escape(path), self.text("无法检查", "not checked"), "", "")
            else:
                files.add_row(_escape(path), *(str(counts.get(severity, 0)) for severity in Severity))
        console.print(files)
        categories = Table(title=self.text("按类别", "By category"), title_justify="left", show_edge=False)
        categories.add_column(self.text("类别", "category"))
        categories.add_column(self.text("数量", "count"), justify="right")
        for category, count in sorted(self._by_category.items()):
            categories.add_row(category, str(count))
        console.print(categories)
        rules = Table(title=self.text("按规则", "By rule"), title_justify="left", show_edge=False)
        rules.add_column(self.text("规则", "rule"))
        rules.add_column(self.text("名称", "name"))
        rules.add_column(self.text("数量", "count"), justify="right")
        for (code, name), count in sorted(self._by_rule.items()):
            rules.add_row(code, name, str(count))
        console.print(rules)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# Characters a terminal draws with no width: marks that combine with the one before, and
# invisible format and control characters (a zero-width space copied out of Word).
_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Mc", "Cf", "Cc"})


def _display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    width = 0
    for char in text.replace("\t", "    "):
        if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width
