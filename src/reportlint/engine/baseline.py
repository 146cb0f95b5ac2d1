"""Baselines, as eslint's bulk suppressions do it: record the findings of a run, and later runs
report only what is new.

The file lists, for each report (its path relative to the baseline file) and each rule, the
fingerprints of the findings accepted. A fingerprint is made of the rule, the place in the
report's structure and the text the finding points at, never of line numbers: a report edited
above a finding keeps its fingerprint. Findings that are alike count: two identical findings in
one report need two entries.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import replace

from reportlint.findings import FileResult, Finding

BASELINE_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be used (missing, unreadable, not a baseline)."""


def fingerprint(finding: Finding, lines: dict[int, str]) -> str:
    """What identifies a finding across edits that move it: the rule, the structural place (the
    table cell, the fact), and the text it covers (the cell's value, the words) — not the rest of
    its line, so an edit elsewhere in a sentence keeps it; the whole line only for a finding that
    covers no text, and the message for one about the whole report."""
    span = finding.span
    if span is not None and span.line in lines:
        line = lines[span.line]
        end = span.end_column - 1 if span.end_line == span.line else len(line)
        anchor = line[span.column - 1 : max(end, span.column - 1)].strip() or " ".join(line.split())
    else:
        anchor = finding.message.zh
    parts = (finding.code, *(key or "" for key in finding.location), anchor)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:16]


class Baseline:
    def __init__(self, path: str, files: dict[str, dict[str, list[str]]] | None = None):
        self.path = path
        self.folder = os.path.dirname(os.path.abspath(path))
        self.files = files or {}  # report → rule → fingerprints (sorted, repeated when alike)
        self.seen: set[str] = set()
        self.unmatched = 0  # recorded findings that did not occur in this run

    @classmethod
    def load(cls, path: str, *, create: bool = False) -> Baseline:
        """The baseline at ``path``; with ``create``, an empty one when there is no file yet."""
        if not os.path.exists(path):
            if create:
                return cls(path)
            raise BaselineError(f"{path}: 基线文件不存在，请先用 --update-baseline 生成 "
                                "(no baseline file; make one with --update-baseline)")
        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
            if data.get("version") != BASELINE_VERSION or not isinstance(data.get("files"), dict):
                raise ValueError(f"not a reportlint baseline of version {BASELINE_VERSION}")
            files = {str(report): {str(code): [str(item) for item in entry["fingerprints"]]
                                   for code, entry in rules.items()}
                     for report, rules in data["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise BaselineError(f"{path}: 基线文件无效 (invalid baseline file): {error}") from None
        return cls(path, files)

    def key(self, path: str) -> str:
        """A report's name in the file: relative to the baseline, with forward slashes, so the
        baseline works from any folder and on any system."""
        if path == "-" or path.startswith("<"):
            return path
        return os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")

    def apply(self, result: FileResult) -> FileResult:
        """The result with the findings the baseline holds taken out and counted as suppressed."""
        key = self.key(result.path)
        self.seen.add(key)
        recorded = self.files.get(key)
        if result.error or not recorded:
            return result
        remaining = {code: Counter(prints) for code, prints in recorded.items()}
        new = []
        for finding in result.findings:
            prints = remaining.get(finding.code)
            mark = fingerprint(finding, result.source_lines)
            if prints and prints[mark] > 0:
                prints[mark] -= 1
            else:
                new.append(finding)
        self.unmatched += sum(sum(prints.values()) for prints in remaining.values())
        suppressed = len(result.findings) - len(new)
        return replace(result, findings=new, suppressed=result.suppressed + suppressed) if suppressed else result

    def record(self, result: FileResult) -> None:
        """Accept a file's findings of this run: its entry becomes exactly them (findings that no
        longer occur are dropped). A file that could not be checked keeps its entry."""
        key = self.key(result.path)
        self.seen.add(key)
        if result.error:
            return
        rules: dict[str, list[str]] = {}
        for finding in result.findings:
            rules.setdefault(finding.code, []).append(fingerprint(finding, result.source_lines))
        if rules:
            self.files[key] = {code: sorted(prints) for code, prints in sorted(rules.items())}
        else:
            self.files.pop(key, None)

    def save(self) -> None:
        """Write the file; reports that no longer exist are dropped, and so are their entries."""
        for key in list(self.files):
            if key not in self.seen and not os.path.exists(os.path.join(self.folder, key)):
                del self.files[key]
        data = {
            "version": BASELINE_VERSION,
            "files": {report: {code: {"count": len(prints), "fingerprints": prints} for code, prints in rules.items()}
                      for report, rules in sorted(self.files.items())},
        }
        temporary = f"{self.path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)
            file.write("\n")
        os.replace(temporary, self.path)
