from __future__ import annotations

import json

from reportlint.findings import FileResult, Severity
from reportlint.reporting import Reporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(Reporter):
    """SARIF 2.1.0: the rules' metadata and help text in ``tool.driver.rules``, one result per
    finding, unreadable files as tool execution notifications."""

    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning dashboards"

    def start(self) -> None:
        rules = sorted(self.rules.values(), key=lambda rule: rule.code)
        self._index = {rule.code: position for position, rule in enumerate(rules)}
        self._notifications: list[dict] = []
        self._count = 0
        driver = {
            "name": "reportlint",
            "version": self.version or "0",
            "informationUri": "https://pypi.org/project/reportlint/",
            "rules": [
                {
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary.in_language(self.lang)},
                    "fullDescription": {"text": rule.summary.in_language(self.lang)},
                    "help": {"text": rule.docs, "markdown": rule.docs},
                    "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                    "properties": {"category": rule.category, "tags": [rule.category]},
                }
                for rule in rules
            ],
        }
        # The log is written as the results come, so a run over thousands of files keeps none.
        head = {"$schema": SARIF_SCHEMA, "version": "2.1.0"}
        self.stream.write(json.dumps(head, ensure_ascii=False)[:-1])
        self.stream.write(', "runs": [{"tool": ' + json.dumps({"driver": driver}, ensure_ascii=False) + ', "results": [')

    def file(self, result: FileResult) -> None:
        from pathlib import Path  # imported by the format that needs it, not by every run

        uri = Path(result.path).as_posix()
        if result.error:
            self._notifications.append({"level": "error", "message": {"text": f"{result.path}: {result.error}"}})
        for finding in result.findings:
            location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
            if finding.span:
                span = finding.span
                location["physicalLocation"]["region"] = {
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": max(span.end_column, span.column),
                }
            entry = {
                "ruleId": finding.code,
                "level": _LEVEL[finding.severity],
                "message": {"text": finding.message.in_language(self.lang)},
                "locations": [location],
                "properties": {"category": finding.category, "evidence": finding.evidence,
                               **({"origin": finding.origin} if finding.origin else {})},
            }
            if finding.related:
                entry["relatedLocations"] = [self._related(index, item, uri) for index, item in enumerate(finding.related)]
            if finding.code in self._index:
                entry["ruleIndex"] = self._index[finding.code]
            self.stream.write(("," if self._count else "") + "\n" + json.dumps(entry, ensure_ascii=False, default=str))
            self._count += 1

    def _related(self, index: int, item, uri: str) -> dict:
        from pathlib import Path

        location: dict = {"id": index, "message": {"text": item.message.in_language(self.lang)},
                          "physicalLocation": {"artifactLocation": {"uri": Path(item.path).as_posix() if item.path else uri}}}
        if item.span:
            location["physicalLocation"]["region"] = {
                "startLine": item.span.line, "startColumn": item.span.column,
                "endLine": item.span.end_line, "endColumn": max(item.span.end_column, item.span.column),
            }
        return location

    def finish(self) -> None:
        invocations = [{"executionSuccessful": True, "toolExecutionNotifications": self._notifications}]
        self.stream.write('], "invocations": ' + json.dumps(invocations, ensure_ascii=False)
                          + ', "columnKind": "unicodeCodePoints"}]}\n')
