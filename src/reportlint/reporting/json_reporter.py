from __future__ import annotations

import json

from reportlint.findings import FileResult
from reportlint.reporting import Reporter

JSON_FORMAT_VERSION = 1


class JsonReporter(Reporter):
    """``{"version": 1, "files": [{"path", "template", "year", "error", "findings": [...]}]}``"""

    name = "json"
    description = "JSON for other programs"

    def report(self, results: list[FileResult]) -> None:
        document = {
            "version": JSON_FORMAT_VERSION,
            "files": [
                {
                    "path": result.path,
                    "template": result.metadata.get("template"),
                    "year": result.metadata.get("year"),
                    "error": result.error,
                    "findings": [finding.to_dict(self.lang) for finding in result.findings],
                }
                for result in results
            ],
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=2, default=str)
        self.stream.write("\n")
