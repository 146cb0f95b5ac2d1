from __future__ import annotations

from reportlint.findings import FileResult, Severity
from reportlint.reporting import Reporter

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding."""

    name = "github"
    description = "GitHub Actions annotations"

    def file(self, result: FileResult) -> None:
        if result.error:
            self.stream.write(f"::error file={_escape_property(result.path)},title=reportlint::{_escape_data(result.error)}\n")
        for finding in result.findings:
            properties = [f"file={_escape_property(result.path)}"]
            if finding.span:
                span = finding.span
                properties += [f"line={span.line}", f"col={span.column}", f"endLine={span.end_line}", f"endColumn={span.end_column}"]
            properties.append(f"title={_escape_property(f'{finding.code} {finding.rule}')}")
            message = finding.message.in_language(self.lang)
            if finding.origin:
                message += f" ({finding.origin})"
            for related in finding.related:  # annotations have one location: name the other in the text
                line = f":{related.span.line}" if related.span else ""
                message += f"\n{related.path or result.path}{line} {related.message.in_language(self.lang)}"
            self.stream.write(f"::{_LEVEL[finding.severity]} {','.join(properties)}::{_escape_data(message)}\n")
