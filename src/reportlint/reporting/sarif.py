from __future__ import annotations

import json
from pathlib import Path

from reportlint.findings import FileResult, Severity
from reportlint.reporting import Reporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(Reporter):
    """SARIF 2.1.0: the rules' metadata and help text in ``tool.driver.rules``, one result per
    finding, unreadable files as tool execution notifications."""

    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning dashboards"

    def report(self, results: list[FileResult]) -> None:
        rules = sorted(self.rules.values(), key=lambda rule: rule.code)
        index = {rule.code: position for position, rule in enumerate(rules)}
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
        sarif_results = []
        notifications = []
        for result in results:
            uri = Path(result.path).as_posix()
            if result.error:
                notifications.append({"level": "error", "message": {"text": f"{result.path}: {result.error}"}})
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
                if finding.code in index:
                    entry["ruleIndex"] = index[finding.code]
                sarif_results.append(entry)
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "results": sarif_results,
                    "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
                    "columnKind": "unicodeCodePoints",
                }
            ],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2, default=str)
        self.stream.write("\n")
